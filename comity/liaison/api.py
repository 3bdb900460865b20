"""The informal channel's endpoints (API.md, part 11): /api/v1/messages. The sender is always
the caller's own authority; a message is seen only by the two authorities that exchange it."""

import datetime
import uuid
from typing import Annotated, Literal

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Path, Router, Schema, Status
from pydantic import StringConstraints

from comity.accounts.authentication import SessionOrToken
from comity.core import access
from comity.core.errors import ERRORS, ApiError, ErrorOut, field_error
from comity.core.text import IsoDate, Line, Text
from comity.directory.models import Authority
from comity.liaison import services, vault
from comity.liaison.models import Entity, Message, Read
from comity.liaison.vocabulary import (
    EntityType,
    Handling,
    InformationEvaluation,
    MessageKind,
    MessagePriority,
    SourceEvaluation,
)

router = Router(auth=SessionOrToken())
MessageId = Annotated[int, Path(ge=1, le=2**63 - 1)]
INVALID = {**ERRORS, 422: ErrorOut}


class EntityIO(Schema):
    type: EntityType
    value: Annotated[Line, StringConstraints(min_length=1, max_length=300)]


class LiaisonMessageIn(Schema):
    to_authority: uuid.UUID
    kind: Literal["request", "answer", "spontaneous", "consent_request"]
    subject: Annotated[Line, StringConstraints(min_length=1, max_length=300)]
    body: Annotated[Text, StringConstraints(max_length=50_000)] = ""
    handling: Handling
    handling_note: Annotated[Line, StringConstraints(max_length=1000)] = ""
    source_evaluation: SourceEvaluation
    information_evaluation: InformationEvaluation
    priority: MessagePriority = MessagePriority.ROUTINE
    reply_by: IsoDate | None = None
    expires_on: IsoDate | None = None
    entities: list[EntityIO] = Field(default_factory=list, max_length=100)
    in_reply_to: Annotated[int, Field(ge=1, le=2**63 - 1)] | None = None


class LiaisonMessageOut(Schema):
    id: int
    from_authority: uuid.UUID
    to_authority: uuid.UUID
    kind: MessageKind
    subject: str
    body: str
    handling: Handling
    handling_label: str
    handling_note: str
    source_evaluation: SourceEvaluation
    information_evaluation: InformationEvaluation
    priority: MessagePriority
    reply_by: datetime.date | None
    expires_on: datetime.date
    purged: bool = Field(..., description="Past its expiry: subject, body and entities removed")
    in_reply_to: int | None
    forwarded_from: int | None
    granted: bool | None
    entities: list[EntityIO]
    created_at: datetime.datetime


class LiaisonMessageList(Schema):
    count: int
    items: list[LiaisonMessageOut]


class ForwardIn(Schema):
    to_authority: uuid.UUID


class ConsentIn(Schema):
    granted: bool
    note: Annotated[Text, StringConstraints(max_length=5000)] = ""


class ReadOut(Schema):
    user: str
    read_at: datetime.datetime


def message_out(message: Message) -> dict:
    return {
        "id": message.pk,
        "from_authority": message.sender_id,
        "to_authority": message.recipient_id,
        "kind": message.kind,
        "subject": message.subject,
        "body": message.body,
        "handling": message.handling,
        "handling_label": message.get_handling_display(),
        "handling_note": message.handling_note,
        "source_evaluation": message.source_evaluation,
        "information_evaluation": message.information_evaluation,
        "priority": message.priority,
        "reply_by": message.reply_by,
        "expires_on": message.expires_on,
        "purged": message.purged_at is not None,
        "in_reply_to": message.in_reply_to_id,
        "forwarded_from": message.forwarded_from_id,
        "granted": message.granted,
        "entities": [{"type": e.type, "value": e.value} for e in message.entities.all()],
        "created_at": message.created_at,
    }


def _invalid(errors: list[dict]) -> ApiError:
    return ApiError(_("The message is not valid."), status=422, errors=errors)


def _writer(request):
    if not access.may_write(request.user):
        raise Http404
    return request.user


def _authority(pk) -> Authority | None:
    return Authority.objects.filter(pk=pk).first()


@router.post(
    "", response={201: LiaisonMessageOut, **INVALID}, summary="Send a message from your authority"
)
def send_message(request, body: LiaisonMessageIn):
    actor = _writer(request)
    data = body.model_dump(exclude={"to_authority", "in_reply_to"})
    if body.in_reply_to is not None:
        data["in_reply_to"] = Message.objects.restrict(actor).filter(pk=body.in_reply_to).first()
        if data["in_reply_to"] is None:
            raise _invalid([field_error("in_reply_to", _("There is no such message you may see."))])
    try:
        message = services.send(actor=actor, to_authority=_authority(body.to_authority), data=data)
    except services.LiaisonInputError as exc:
        raise _invalid(exc.errors) from exc
    return Status(201, message_out(message))


@router.get("", response={200: LiaisonMessageList, **ERRORS}, summary="Your inbox or sent box")
def list_messages(
    request,
    box: Literal["inbox", "sent"] = "inbox",
    q: Annotated[Line, StringConstraints(max_length=300)] = "",
):
    if not access.is_member(request.user):
        raise Http404
    messages = Message.objects.restrict(request.user).prefetch_related("entities")
    mine = request.user.authority_id
    messages = messages.filter(recipient=mine) if box == "inbox" else messages.filter(sender=mine)
    if q.strip():
        # An account, a name, a number: found by its blind index, in any spelling.
        hits = Entity.objects.filter(digest=vault.blind(q)).values("message_id")
        messages = messages.filter(pk__in=hits)
    items = [message_out(m) for m in messages[:200]]
    return {"count": len(items), "items": items}


def _visible(request, message_id) -> Message:
    return get_object_or_404(Message.objects.restrict(request.user), pk=message_id)


@router.get("/{message_id}", response={200: LiaisonMessageOut, **ERRORS}, summary="One message")
def get_message(request, message_id: MessageId):
    message = _visible(request, message_id)
    services.read(message=message, actor=request.user)
    return message_out(message)


@router.get(
    "/{message_id}/reads",
    response={200: list[ReadOut], **ERRORS},
    summary="Who read the message and when (its sender's authority)",
)
def message_reads(request, message_id: MessageId):
    message = _visible(request, message_id)
    if message.sender_id != request.user.authority_id:
        raise Http404
    return [
        {"user": r.user.get_username(), "read_at": r.read_at}
        for r in Read.objects.filter(message=message).select_related("user")
    ]


@router.post(
    "/{message_id}/forward",
    response={201: LiaisonMessageOut, 409: ErrorOut, **INVALID},
    summary="Pass the message on; refused (409) while H2 information lacks its originator's consent",
)
def forward_message(request, message_id: MessageId, body: ForwardIn):
    actor = _writer(request)
    message = _visible(request, message_id)
    target = _authority(body.to_authority)
    if target is None:
        raise _invalid([field_error("to_authority", _("Choose the contact point to write to."))])
    try:
        copy = services.forward(message=message, to_authority=target, actor=actor)
    except services.ConsentMissing as exc:
        raise ApiError(str(exc), status=409) from exc
    except services.LiaisonInputError as exc:
        raise _invalid(exc.errors) from exc
    return Status(201, message_out(copy))


@router.post(
    "/{message_id}/consent",
    response={201: LiaisonMessageOut, **INVALID},
    summary="The originator consents (or not) to the message being passed on",
)
def consent_to_message(request, message_id: MessageId, body: ConsentIn):
    actor = _writer(request)
    message = _visible(request, message_id)
    try:
        answer = services.consent(
            message=message, granted=body.granted, note=body.note, actor=actor
        )
    except services.LiaisonInputError as exc:
        raise _invalid(exc.errors) from exc
    return Status(201, message_out(answer))
