"""Writes of the informal channel: sending, reading, forwarding under the handling codes,
consent, and the purge of expired bodies. The audit trail records who did what to which message,
never what the message says."""

import datetime
import json

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from comity.audit.models import Action
from comity.audit.services import record
from comity.core import access
from comity.core.errors import field_error
from comity.directory.models import Authority
from comity.liaison import attachments, vault
from comity.liaison.models import Attachment, Entity, Message, ProtectedPerson, Read
from comity.liaison.selectors import is_contact_point
from comity.liaison.vocabulary import (
    EntityType,
    Handling,
    InformationEvaluation,
    MessageKind,
    SourceEvaluation,
    default_expiry,
)


class LiaisonInputError(Exception):
    def __init__(self, errors: list[dict]):
        super().__init__("; ".join(f"{e['field']}: {e['message']}" for e in errors))
        self.errors = errors


class ConsentMissing(Exception):
    """An H2 message may not go further until its originator consents."""


def _metadata(message: Message) -> dict:
    """What the audit trail keeps about a message: never its subject, body or entities."""
    return {
        "kind": message.kind,
        "sender": str(message.sender_id),
        "recipient": str(message.recipient_id),
        "handling": message.handling,
        "evaluation": f"{message.source_evaluation}{message.information_evaluation}",
        "in_reply_to": message.in_reply_to_id,
        "forwarded_from": message.forwarded_from_id,
        "expires_on": message.expires_on.isoformat(),
    }


def _check(data: dict, sender: Authority, recipient: Authority | None) -> list[dict]:
    errors = []
    if recipient is None:
        errors.append(field_error("to_authority", _("Choose the contact point to write to.")))
    elif recipient.pk == sender.pk:
        errors.append(field_error("to_authority", _("Write to another contact point.")))
    elif not is_contact_point(recipient):
        errors.append(
            field_error(
                "to_authority",
                _(
                    "%(name)s is not a police, FIU, asset-recovery, witness-protection or 24/7 "
                    "contact point; formal requests go through the request writer."
                )
                % {"name": recipient.name},
            )
        )
    if not (data.get("subject") or "").strip():
        errors.append(field_error("subject", _("Give the message a subject.")))
    choices = (
        ("kind", MessageKind),
        ("handling", Handling),
        ("source_evaluation", SourceEvaluation),
        ("information_evaluation", InformationEvaluation),
    )
    for name, enum in choices:
        if data.get(name) not in enum.values:
            errors.append(field_error(name, _("Choose one of the listed values.")))
    if data.get("handling") == Handling.H3 and not (data.get("handling_note") or "").strip():
        errors.append(field_error("handling_note", _("Say which restrictions apply (H3).")))
    if data.get("kind") == MessageKind.PROTECTION:
        person = data.get("protected") or {}
        if not (person.get("pseudonym") or "").strip():
            errors.append(
                field_error("protected.pseudonym", _("Give the protected person a pseudonym."))
            )
        if not (person.get("name") or "").strip():
            errors.append(
                field_error("protected.name", _("Give the protected person's name (encrypted)."))
            )
    for index, entity in enumerate(data.get("entities") or []):
        if entity.get("type") not in EntityType.values or not (entity.get("value") or "").strip():
            errors.append(
                field_error(f"entities[{index}]", _("Give a type and a value, e.g. account."))
            )
    return errors


def send(*, actor, to_authority: Authority | None, data: dict, uploads=()) -> Message:
    """A message from the actor's own contact point. `data`: kind, subject, body, handling,
    handling_note, source_evaluation, information_evaluation, priority, reply_by, expires_on,
    entities [{type, value}], in_reply_to (a Message the actor may see), and for witness
    protection `protected` {pseudonym, name, date_of_birth, nationality, address, notes,
    measures}. `uploads`: files, checked and stored encrypted. Nothing is kept unless all is."""
    stored = []
    try:
        with transaction.atomic():
            message = _send(actor, to_authority, data, uploads, stored)
    except Exception:
        attachments.discard(stored)
        raise
    return message


def _send(actor, to_authority, data, uploads, stored) -> Message:
    if not access.liaison_may(actor, access.LiaisonRole.OFFICER):
        raise PermissionError
    sender = actor.authority
    errors = _check(data, sender, to_authority)
    if not is_contact_point(sender):
        errors.append(
            field_error("to_authority", _("Your authority is not a contact point of the channel."))
        )
    errors += attachments.check(list(uploads))
    reply_to = data.get("in_reply_to")
    if reply_to is not None and not Message.objects.restrict(actor).filter(pk=reply_to.pk).exists():
        errors.append(field_error("in_reply_to", _("There is no such message you may see.")))
    elif reply_to is not None and to_authority is not None:
        errors += _reply_addressee(reply_to, data.get("kind"), sender, to_authority)
    if errors:
        raise LiaisonInputError(errors)
    today = timezone.localdate()
    message = Message.objects.create(
        sender=sender,
        recipient=to_authority,
        kind=data["kind"],
        subject=data["subject"].strip(),
        body=(data.get("body") or "").strip(),
        handling=data["handling"],
        handling_note=(data.get("handling_note") or "").strip(),
        source_evaluation=data["source_evaluation"],
        information_evaluation=data["information_evaluation"],
        priority=data.get("priority") or "routine",
        reply_by=data.get("reply_by"),
        in_reply_to=reply_to,
        granted=data.get("granted"),
        expires_on=data.get("expires_on") or default_expiry(data["kind"], today),
        created_by=actor,
    )
    Entity.objects.bulk_create(
        Entity(
            message=message,
            type=e["type"],
            value=e["value"].strip(),
            digest=vault.blind(e["value"]),
        )
        for e in data.get("entities") or []
    )
    if message.kind == MessageKind.PROTECTION:
        _protect(message, data["protected"], actor)
    stored += attachments.store(message, uploads)
    record(actor=actor, action=Action.CREATE, obj=message, after=_metadata(message))
    return message


def _protect(message: Message, person: dict, actor) -> None:
    identity = {
        key: str(person.get(key) or "").strip()
        for key in ("name", "date_of_birth", "nationality", "address", "notes")
    }
    protected = ProtectedPerson.objects.create(
        message=message,
        pseudonym=person["pseudonym"].strip(),
        identity=json.dumps(identity, ensure_ascii=False),
        measures=str(person.get("measures") or "").strip(),
    )
    # The sender sees what they wrote; their colleagues and the recipient's people must be named.
    protected.named.create(user=actor, named_by=actor)


def read(*, message: Message, actor) -> Message:
    """Record that `actor` opened the message (the originator sees each read)."""
    Read.objects.create(message=message, user=actor)
    return message


def consents(message: Message) -> set:
    """The authorities that consented to passing `message` on: each sent a consent (granted)
    answering the message itself or a consent request about it. A later refusal by the same
    authority withdraws its consent."""
    latest = {}
    for sender_id, granted in (
        Message.objects.filter(kind=MessageKind.CONSENT)
        .filter(
            Q(in_reply_to=message)
            | Q(
                in_reply_to__kind=MessageKind.CONSENT_REQUEST,
                in_reply_to__in_reply_to=message,
            )
        )
        .order_by("created_at", "pk")
        .values_list("sender_id", "granted")
    ):
        latest[sender_id] = granted
    return {sender for sender, granted in latest.items() if granted}


def _reply_addressee(reply_to: Message, kind, sender: Authority, to: Authority) -> list[dict]:
    """An answer goes back to the other party of the message it answers; a request for consent
    to an originator of its H2 information (who may be outside the exchange, for a forward)."""
    if kind == MessageKind.CONSENT_REQUEST:
        allowed = (originators(reply_to) | {reply_to.sender_id, reply_to.recipient_id}) - {
            sender.pk
        }
        if to.pk in allowed:
            return []
        return [
            field_error(
                "to_authority",
                _("Ask the originator of the information, or the other party of the exchange."),
            )
        ]
    if to.pk == reply_to.other_party_id(sender.pk):
        return []
    return [
        field_error(
            "to_authority",
            _(
                "An answer goes to the other party of the message it answers; to write to someone "
                "else, forward it or write a new message."
            ),
        )
    ]


@transaction.atomic
def consent(*, message: Message, granted: bool, note: str, actor) -> Message:
    """The actor's authority consents (or not) to `message` being passed on: a consent message
    to the other party of the exchange. Only an authority whose consent the thread needs may
    give it."""
    if not access.liaison_may(actor, access.LiaisonRole.SUPERVISOR):
        raise PermissionError
    if actor.authority_id not in originators(message):
        raise LiaisonInputError(
            [field_error("granted", _("Only the originator of H2 information consents."))]
        )
    return send(
        actor=actor,
        to_authority=Authority.objects.get(pk=message.other_party_id(actor.authority_id)),
        data={
            "kind": MessageKind.CONSENT,
            "subject": _("Consent") if granted else _("Consent refused"),
            "body": note,
            "handling": Handling.H0,
            "source_evaluation": "X",
            "information_evaluation": "4",
            "granted": granted,
            "in_reply_to": message,
        },
    )


def originators(message: Message) -> set:
    """The originators of the H2 messages of the thread: `message` and those it answers."""
    found, current = set(), message
    while current is not None:
        if current.handling == Handling.H2:
            found.add(current.originator_id)
        current = current.in_reply_to
    return found


def originator_to_ask(message: Message, forwarder: Authority):
    """Whose consent to ask first for passing `message` on (the other party when none is
    missing: a request for consent always goes somewhere)."""
    missing = sorted(str(pk) for pk in missing_consents(message, forwarder))
    if missing:
        return missing[0]
    return message.other_party_id(forwarder.pk)


def missing_consents(message: Message, forwarder: Authority, found: set | None = None) -> set:
    """The authorities whose consent passing `message` on still needs: the originator of every
    H2 message of its thread (the message and those it answers; an answer to an H2 request
    carries the requester's information too) other than the forwarder, less those that
    consented. `found`: originators(message), when the caller has it already."""
    found = originators(message) if found is None else found
    return found - {forwarder.pk} - consents(message)


def check_consents(message: Message, forwarder: Authority) -> None:
    """ConsentMissing unless every originator of H2 information of the thread has consented to
    `forwarder` passing it on (to another contact point, or into a formal request)."""
    missing = missing_consents(message, forwarder)
    if missing:
        names = ", ".join(
            f"{a.country_id} · {a.name}"
            for a in Authority.objects.filter(pk__in=missing).order_by("name")
        )
        raise ConsentMissing(
            _(
                "This exchange carries H2 information of %(names)s: it goes further only with "
                "their consent. Ask for it first."
            )
            % {"names": names}
        )


@transaction.atomic
def forward(*, message: Message, to_authority: Authority, actor) -> Message:
    """Pass `message` on to another contact point, with the same handling code and evaluation.
    It goes further only with the recorded consent of the originator of every H2 message of its
    thread (ConsentMissing), the FIUs' prior-consent rule. Witness-protection requests are
    never forwarded (their identity is named for people, not passed on)."""
    if not access.liaison_may(actor, access.LiaisonRole.SUPERVISOR):
        raise PermissionError
    if message.kind == MessageKind.PROTECTION:
        raise LiaisonInputError(
            [field_error("message", _("A witness-protection request is not forwarded."))]
        )
    check_consents(message, actor.authority)
    if message.purged_at:
        raise LiaisonInputError([field_error("message", _("This message has been purged."))])
    copy = send(
        actor=actor,
        to_authority=to_authority,
        data={
            "kind": message.kind,
            "subject": message.subject,
            "body": message.body,
            "handling": message.handling,
            "handling_note": message.handling_note,
            "source_evaluation": message.source_evaluation,
            "information_evaluation": message.information_evaluation,
            "entities": [{"type": e.type, "value": e.value} for e in message.entities.all()],
            "expires_on": message.expires_on,
        },
        uploads=[
            ContentFile(attachments.content(a), name=a.name) for a in message.attachments.all()
        ],
    )
    copy.forwarded_from = message
    copy.save(update_fields=["forwarded_from"])
    return copy


@transaction.atomic
def purge(*, today: datetime.date | None = None, actor=None) -> int:
    """Remove the subject, body, note, entity values, attachments (files and names) and
    protected identity of every message past its expiry; keep its metadata, and record each
    purge in the audit trail. Returns how many were purged."""
    today = today or timezone.localdate()
    due = list(
        Message.objects.select_for_update()
        .filter(expires_on__lt=today, purged_at__isnull=True)
        .order_by("pk")
    )
    now = timezone.now()
    for message in due:
        Message.objects.filter(pk=message.pk).update(
            subject="", body="", handling_note="", purged_at=now
        )
        Entity.objects.filter(message=message).update(value="")
        files = list(Attachment.objects.filter(message=message))
        Attachment.objects.filter(message=message).update(name="")
        transaction.on_commit(lambda files=files: attachments.discard(files))
        ProtectedPerson.objects.filter(message=message).update(identity="", measures="")
        record(
            actor=actor,
            action=Action.UPDATE,
            obj=message,
            after={"purged_at": now.isoformat(), "expired_on": message.expires_on.isoformat()},
            note="purge",
        )
    return len(due)
