"""Messages of the informal channel between contact points (police, FIU, asset recovery,
witness protection, 24/7), each with its handling code and evaluation; the things they are about
(searchable through a blind index); and who read them."""

import secrets
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from comity.core import access
from comity.core.access import RestrictedQuerySet
from comity.liaison.vault import EncryptedText
from comity.liaison.vocabulary import (
    EntityType,
    Handling,
    InformationEvaluation,
    MessageKind,
    MessagePriority,
    SourceEvaluation,
)


@dataclass(frozen=True)
class Correspondence(access.Rule):
    """A message belongs to the two contact points that exchange it: the people of the sending
    and of the receiving authority who have a part in the channel (User.liaison_role) see it;
    officers and supervisors answer it. Nobody else, not even site admins, reads it."""

    prefix: str = ""
    confidential = True

    def q(self, user, permission):
        needed = (
            access.LiaisonRole.READER
            if permission == access.Permission.VIEW
            else access.LiaisonRole.OFFICER
        )
        if not access.liaison_may(user, needed):
            return access.NOTHING
        return Q(**{self.prefix + "sender": user.authority_id}) | Q(
            **{self.prefix + "recipient": user.authority_id}
        )

    def owner_of(self, obj) -> str:
        for part in self.prefix.rstrip("_").split("__"):
            if part:
                obj = getattr(obj, part)
        return str(obj.sender_id)

    def country_of(self, obj) -> str:
        return ""


class Message(models.Model):
    access = Correspondence()

    sender = models.ForeignKey(
        "directory.Authority", on_delete=models.PROTECT, related_name="liaison_sent"
    )
    recipient = models.ForeignKey(
        "directory.Authority", on_delete=models.PROTECT, related_name="liaison_received"
    )
    kind = models.CharField(max_length=20, choices=MessageKind.choices)
    subject = EncryptedText()
    body = EncryptedText(blank=True)
    handling = models.CharField(max_length=2, choices=Handling.choices)
    handling_note = EncryptedText(blank=True)
    source_evaluation = models.CharField(max_length=1, choices=SourceEvaluation.choices)
    information_evaluation = models.CharField(max_length=1, choices=InformationEvaluation.choices)
    priority = models.CharField(
        max_length=10, choices=MessagePriority.choices, default=MessagePriority.ROUTINE
    )
    reply_by = models.DateField(null=True, blank=True)
    in_reply_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="replies"
    )
    forwarded_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="forwards"
    )
    # For a consent: whether the originator consents.
    granted = models.BooleanField(null=True, blank=True)
    expires_on = models.DateField()
    purged_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    is_example = models.BooleanField(default=False)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            # A box in its order, with the other party for the access rule: a page, however
            # far down, is read from the index alone (selectors.messages).
            models.Index(
                fields=["recipient", "-created_at", "-id", "sender"], name="liaison_inbox"
            ),
            models.Index(fields=["sender", "-created_at", "-id", "recipient"], name="liaison_sent"),
            models.Index(
                fields=["expires_on"], condition=Q(purged_at__isnull=True), name="liaison_due_purge"
            ),
            # The requests waiting for an answer, soonest first (selectors.due_for_answer).
            models.Index(
                fields=["recipient", "reply_by", "id"],
                condition=Q(reply_by__isnull=False, purged_at__isnull=True),
                name="liaison_reply_due",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.pk} ({self.handling})"

    def other_party_id(self, authority_id):
        """The authority of the exchange that is not `authority_id` (the one answers go to)."""
        return self.recipient_id if self.sender_id == authority_id else self.sender_id

    @property
    def originator_id(self):
        """The authority whose information this is: for a forward, the original's sender."""
        message = self
        while message.forwarded_from_id:
            message = message.forwarded_from
        return message.sender_id


class Entity(models.Model):
    """A person, company, account, phone or vehicle a message is about: the value encrypted, its
    blind index (vault.blind) searchable."""

    access = Correspondence("message__")

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="entities")
    type = models.CharField(max_length=10, choices=EntityType.choices)
    value = EncryptedText(blank=True)
    digest = models.CharField(max_length=64, db_index=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["message", "type", "pk"]
        indexes = [
            # A search reads the messages about a value from the index alone.
            models.Index(fields=["digest", "message"], name="liaison_entity_digest_message"),
        ]

    def __str__(self):
        return f"{self.type}:{self.digest[:8]}"


class Read(models.Model):
    """Who read a message and when (the originator sees the list)."""

    access = Correspondence("message__")

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="reads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    read_at = models.DateTimeField(default=timezone.now)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["message", "read_at"]

    def __str__(self):
        return f"{self.message_id} read by {self.user_id}"


def _attachment_key() -> str:
    return "liaison/" + secrets.token_hex(16)


class Attachment(models.Model):
    """A file sent with a message, encrypted (vault) in the "liaison" storage under a random key;
    its name is encrypted too. Purged with the body."""

    access = Correspondence("message__")

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="attachments")
    name = EncryptedText()
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    key = models.CharField(max_length=80, unique=True, default=_attachment_key)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["message", "pk"]

    def __str__(self):
        return f"attachment {self.pk} of {self.message_id}"


class FormalRequest(models.Model):
    """A draft in the request writer started from a message ("request this formally")."""

    access = Correspondence("message__")

    message = models.ForeignKey(Message, on_delete=models.PROTECT, related_name="formal_requests")
    request = models.ForeignKey(
        "drafting.Request", on_delete=models.CASCADE, related_name="informal_origins"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["message", "created_at"]
        constraints = [
            models.UniqueConstraint(fields=["message", "request"], name="liaison_formal_once")
        ]

    def __str__(self):
        return f"{self.message_id} -> request {self.request_id}"


class ReplyReminder(models.Model):
    """One reminder e-mail about a message's reply-by date: (message, stage, date, address) is
    unique, so two runs of `comity remind` never send it twice."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="reminders")
    stage = models.CharField(max_length=10)
    reply_by = models.DateField()
    address = models.EmailField()
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["message", "stage", "reply_by", "address"], name="liaison_reminder_once"
            )
        ]

    def __str__(self):
        return f"{self.stage} reminder of {self.message_id} to {self.address}"
