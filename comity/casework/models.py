"""The case register: one case per cooperation request, sent or received, and what hangs off it.

A case belongs to the authority whose register it is in (`owner`); its users see it, and so do
the colleagues of other authorities of the same State it is explicitly shared with (CaseShare).
The dates that statistics and deadlines need are columns on the case, kept by the services when
the case moves (`opened_on`, `acknowledged_on`, `executed_on`, `finished_on`, `deadline`), so a
list or a report is one indexed query, never a walk through the events.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from comity.casework.vocabulary import (
    AttachmentKind,
    ConditionKind,
    ConsentReply,
    Direction,
    EntityKind,
    EventKind,
    LinkState,
    Priority,
    RefusalGround,
    Status,
)
from comity.core import access
from comity.core.access import RestrictedQuerySet
from comity.directory.vocabulary import Channel
from comity.treaties.vocabulary import RequestKind


class Case(models.Model):
    access = access.CaseRecord("owner")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey("directory.Authority", on_delete=models.PROTECT, related_name="cases")
    direction = models.CharField(max_length=8, choices=Direction.choices)
    kind = models.CharField(max_length=24, choices=RequestKind.choices)
    status = models.CharField(max_length=24, choices=Status.choices)
    is_open = models.BooleanField(default=True)
    request = models.OneToOneField(
        "drafting.Request", null=True, blank=True, on_delete=models.PROTECT, related_name="case"
    )
    # The body of a request received as a comity JSON file (incoming), as it came.
    received_body = models.JSONField(null=True, blank=True)
    counterpart_state = models.ForeignKey("geo.Country", on_delete=models.PROTECT, related_name="+")
    counterpart_authority = models.ForeignKey(
        "directory.Authority", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    counterpart_name = models.CharField(max_length=300, blank=True)
    our_reference = models.CharField(max_length=100)
    their_reference = models.CharField(max_length=200, blank=True)
    legal_bases = models.JSONField(default=list, blank=True)
    offences = models.JSONField(default=list, blank=True)
    subject = models.CharField(max_length=300, blank=True)
    priority = models.CharField(max_length=8, choices=Priority.choices, default=Priority.NORMAL)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    executing_authority = models.ForeignKey(
        "directory.Authority", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    channel = models.CharField(max_length=24, choices=Channel.choices, blank=True)
    transmitted_on = models.DateField(null=True, blank=True)
    tracking_number = models.CharField(max_length=100, blank=True)
    language = models.CharField(max_length=8, blank=True)
    # Deadlines: asked by the requester, the internal target for the kind, a statutory limit.
    requested_deadline = models.DateField(null=True, blank=True)
    target_date = models.DateField(null=True, blank=True)
    statutory_deadline = models.DateField(null=True, blank=True)
    statutory_basis = models.CharField(max_length=200, blank=True)
    deadline = models.DateField(null=True, blank=True, help_text="The earliest of the three.")
    # The dates of the life cycle that reports use (the events keep every one).
    opened_on = models.DateField(null=True, blank=True, help_text="Sent or received.")
    acknowledged_on = models.DateField(null=True, blank=True)
    executed_on = models.DateField(null=True, blank=True)
    finished_on = models.DateField(null=True, blank=True)
    days_to_acknowledgment = models.IntegerField(null=True, blank=True)
    days_to_execution = models.IntegerField(null=True, blank=True)
    refusal_ground = models.CharField(max_length=16, choices=RefusalGround.choices, blank=True)
    refusal_provision = models.CharField(max_length=200, blank=True)
    entered = models.JSONField(default=dict, blank=True, help_text="State -> date first entered.")
    is_example = models.BooleanField(default=False)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField()

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at"]
        indexes = [
            # The register's order with its tie-break, so a page reads its rows and stops.
            models.Index(fields=["owner", "-updated_at", "-id"], name="case_owner_recent"),
            # The same order within the filters that narrow a register most, so the database
            # reads the rows of a filtered page, not the whole register (with its statistics,
            # the planner picks the narrowest: comity.core.statistics).
            models.Index(
                fields=["owner", "counterpart_state", "-updated_at", "-id"], name="case_owner_state"
            ),
            models.Index(
                fields=["owner", "status", "-updated_at", "-id"], name="case_owner_status"
            ),
            models.Index(fields=["owner", "kind", "-updated_at", "-id"], name="case_owner_kind"),
            models.Index(
                fields=["owner", "priority", "-updated_at", "-id"], name="case_owner_priority"
            ),
            # Open cases only, in the register's order (partial: see the overdue index below).
            models.Index(
                fields=["owner", "-updated_at", "-id"],
                condition=Q(is_open=True),
                name="case_owner_open_recent",
            ),
            # Open cases by deadline: the overdue list (and its order) is a range of this index.
            # Partial, because a filter on a boolean is written as the bare column, which SQLite
            # matches to an index's condition but not to an indexed column.
            models.Index(
                fields=["owner", "deadline", "our_reference"],
                condition=Q(is_open=True),
                name="case_owner_open_deadline",
            ),
            # Every column the statistics read, so a report is an index-only scan of the period.
            models.Index(
                fields=[
                    "owner",
                    "opened_on",
                    "direction",
                    "kind",
                    "status",
                    "is_open",
                    "counterpart_state",
                    "refusal_ground",
                    "days_to_acknowledgment",
                    "days_to_execution",
                ],
                name="case_owner_opened",
            ),
            models.Index(fields=["assigned_to", "is_open", "deadline"], name="case_assignee"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "our_reference"], name="case_reference_unique"
            ),
            models.CheckConstraint(
                condition=Q(direction__in=Direction.values), name="case_direction_known"
            ),
        ]

    def __str__(self):
        return self.our_reference

    def get_absolute_url(self):
        return reverse("casework:detail", args=[self.pk])


class CaseEntity(models.Model):
    """A person, company or account named in a case: what the search and the links look at."""

    access = access.CaseRecord("case__owner", case="case")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="entities")
    kind = models.CharField(max_length=8, choices=EntityKind.choices, default=EntityKind.PERSON)
    role = models.CharField(max_length=40, blank=True)
    value = models.CharField(max_length=300)
    folded = models.CharField(max_length=300, db_index=True, help_text="For matching across cases.")
    date_of_birth = models.DateField(null=True, blank=True)
    nationality = models.CharField(max_length=3, blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["case", "id"]

    def __str__(self):
        return self.value


class CaseTerm(models.Model):
    """One searchable word of a case (a name, a reference), folded; prefix search by range.

    It carries the case's authority, so a search reads only that authority's words."""

    owner = models.ForeignKey("directory.Authority", on_delete=models.CASCADE, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    term = models.CharField(max_length=64)

    class Meta:
        indexes = [
            models.Index(fields=["owner", "term", "case"], name="case_term"),
            models.Index(fields=["case"], name="case_term_case"),
        ]

    def __str__(self):
        return self.term


class CaseEvent(models.Model):
    """One thing that happened to a case: a move of its state (with the day it happened), a note,
    a consultation, a condition, a consent asked or answered, a document, a reminder."""

    access = access.CaseRecord("case__owner", case="case")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=EventKind.choices)
    from_status = models.CharField(max_length=24, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=24, choices=Status.choices, blank=True)
    on = models.DateField(help_text="The day it happened (not the day it was recorded).")
    at = models.DateTimeField(help_text="When it was recorded.")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(blank=True)
    details = models.JSONField(default=dict, blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["case", "-at", "-id"]
        indexes = [models.Index(fields=["case", "-at"], name="case_event_case_at")]

    def __str__(self):
        return f"{self.case_id} {self.kind} {self.on}"


class Condition(models.Model):
    """A condition on the use of evidence: speciality, confidentiality, or one accepted after a
    consultation; with the material it covers."""

    access = access.CaseRecord("case__owner", case="case")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="conditions")
    kind = models.CharField(max_length=16, choices=ConditionKind.choices)
    material = models.CharField(max_length=300, help_text="What the condition covers.")
    text = models.TextField(help_text="The condition as the other State worded it.")
    provision = models.CharField(max_length=100, blank=True)
    imposed_on = models.DateField()
    lifted_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["case", "imposed_on", "id"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.material}"


class Consent(models.Model):
    """A request for consent to use material beyond a condition, and the reply."""

    access = access.CaseRecord("case__owner", case="case")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="consents")
    condition = models.ForeignKey(
        Condition, null=True, blank=True, on_delete=models.SET_NULL, related_name="consents"
    )
    proceedings = models.CharField(max_length=300, help_text="Where the material is to be used.")
    proceedings_folded = models.CharField(max_length=300)
    material = models.CharField(max_length=300)
    requested_on = models.DateField()
    reply = models.CharField(
        max_length=8, choices=ConsentReply.choices, default=ConsentReply.PENDING
    )
    replied_on = models.DateField(null=True, blank=True)
    reply_note = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["case", "requested_on", "id"]

    def __str__(self):
        return f"{self.proceedings} ({self.get_reply_display()})"


class Attachment(models.Model):
    """A letter, an e-mail, an execution result or an annex, stored under COMITY_HOME (or the
    configured storage); served only to those who may see the case."""

    access = access.CaseRecord("case__owner", case="case")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(max_length=20, choices=AttachmentKind.choices)
    incoming = models.BooleanField(default=True, help_text="Received (or sent) by us.")
    title = models.CharField(max_length=300)
    dated = models.DateField()
    file_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    storage_key = models.CharField(max_length=200, unique=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["case", "dated", "uploaded_at"]

    def __str__(self):
        return self.title


class CaseShare(models.Model):
    """A case shared with one named colleague of another authority of the same State."""

    access = access.CaseRecord("case__owner", case="case")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="shares")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    granted_at = models.DateTimeField(auto_now_add=True)
    reason = models.CharField(max_length=300, blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "user"], name="case_share_unique")]
        indexes = [models.Index(fields=["user"], name="case_share_user")]

    def __str__(self):
        return f"{self.case_id} → {self.user_id}"


class CaseLink(models.Model):
    """Two cases of one authority that name the same person, company or account."""

    access = access.CaseRecord("case__owner", case="case")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="links")
    other = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=8, choices=EntityKind.choices)
    value = models.CharField(max_length=300)
    state = models.CharField(max_length=10, choices=LinkState.choices, default=LinkState.SUGGESTED)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["case", "other", "kind", "value"], name="case_link_unique"
            )
        ]

    def __str__(self):
        return f"{self.case_id} ~ {self.other_id}"


class Notification(models.Model):
    """An in-app message to one user (a reminder); `key` makes it unique per event."""

    access = access.PersonalItem("user__authority", user="user")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notifications")
    key = models.CharField(max_length=100)
    message = models.CharField(max_length=500)
    created_at = models.DateTimeField()
    emailed = models.BooleanField(default=False)
    read_at = models.DateTimeField(null=True, blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "case", "key"], name="notification_once")
        ]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_unread")]

    def __str__(self):
        return self.message
