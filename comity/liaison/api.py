"""The informal channel's endpoints (API.md, part 11): /api/v1/messages. The sender is always
the caller's own authority; a message is seen only by the two authorities that exchange it."""

import base64
import binascii
import datetime
import json
import uuid
from typing import Annotated, Literal

from django.core.files.base import ContentFile
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Path, Router, Schema, Status
from pydantic import StringConstraints

from comity.accounts.authentication import SessionOrToken
from comity.accounts.models import User
from comity.core import access
from comity.core.errors import ERRORS, ApiError, ErrorOut, field_error
from comity.core.text import IsoDate, Line, Text
from comity.directory.models import Authority
from comity.liaison import formal, protection, selectors, services
from comity.liaison.downloads import attachment_response
from comity.liaison.models import Attachment, Message, ProtectedPerson, Read
from comity.liaison.vocabulary import (
    EntityType,
    Handling,
    InformationEvaluation,
    MessageKind,
    MessagePriority,
    SourceEvaluation,
)

router = Router(auth=SessionOrToken())
HANDLING_LABELS = dict(Handling.choices)
# A time as every other answer of the API writes it (Django's JSON encoder: "…Z", milliseconds).
TIME_AS_JSON = DjangoJSONEncoder().default
MessageId = Annotated[int, Path(ge=1, le=2**63 - 1)]
INVALID = {**ERRORS, 422: ErrorOut}


class EntityIO(Schema):
    type: EntityType
    value: Annotated[Line, StringConstraints(min_length=1, max_length=300)]


class AttachmentIn(Schema):
    name: Annotated[Line, StringConstraints(min_length=1, max_length=200)]
    content_base64: Annotated[str, StringConstraints(max_length=15_000_000)]


class ProtectedIn(Schema):
    pseudonym: Annotated[Line, StringConstraints(min_length=1, max_length=60)]
    name: Annotated[Line, StringConstraints(min_length=1, max_length=300)]
    date_of_birth: Annotated[Line, StringConstraints(max_length=40)] = ""
    nationality: Annotated[Line, StringConstraints(max_length=100)] = ""
    address: Annotated[Text, StringConstraints(max_length=2000)] = ""
    notes: Annotated[Text, StringConstraints(max_length=5000)] = ""
    measures: Annotated[Text, StringConstraints(max_length=5000)] = ""


class LiaisonMessageIn(Schema):
    to_authority: uuid.UUID
    kind: Literal["request", "answer", "spontaneous", "consent_request", "protection"]
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
    attachments: list[AttachmentIn] = Field(default_factory=list, max_length=10)
    protected: ProtectedIn | None = Field(
        None, description="For kind protection: the protected person (identity encrypted)"
    )


class AttachmentOut(Schema):
    id: int
    name: str
    content_type: str
    size: int


class ProtectedOut(Schema):
    pseudonym: str
    identity_visible_to_you: bool


class LiaisonMessageSummary(Schema):
    """A message as a box lists it: everything but its body, what it is about and its files."""

    id: int
    from_authority: uuid.UUID
    to_authority: uuid.UUID
    kind: MessageKind
    subject: str
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
    read_by_you: bool
    created_at: datetime.datetime


class LiaisonMessageOut(LiaisonMessageSummary):
    body: str
    entities: list[EntityIO]
    attachments: list[AttachmentOut]
    protected: ProtectedOut | None
    formal_requests: list[uuid.UUID] = Field(
        ..., description="Drafts started from it that you may see (GET /api/v1/requests/{id})"
    )


class LiaisonMessageList(Schema):
    count: int = Field(..., description="Messages in this page")
    has_more: bool
    items: list[LiaisonMessageSummary] = Field(
        ..., description="The whole message, with its body: GET /api/v1/messages/{id}"
    )


class ForwardIn(Schema):
    to_authority: uuid.UUID


class ConsentIn(Schema):
    granted: bool
    note: Annotated[Text, StringConstraints(max_length=5000)] = ""


class ReadOut(Schema):
    user: str
    read_at: datetime.datetime


class IdentityOut(Schema):
    pseudonym: str
    name: str
    date_of_birth: str
    nationality: str
    address: str
    notes: str
    measures: str


class NameIn(Schema):
    username: Annotated[Line, StringConstraints(min_length=1, max_length=150)]


class NamedOut(Schema):
    user: str
    authority: str
    named_at: datetime.datetime


class IdentityViewOut(Schema):
    user: str
    authority: str
    viewed_at: datetime.datetime


class FormalOut(Schema):
    request: uuid.UUID = Field(..., description="The new draft's id (GET /api/v1/requests/{id})")


def summary_out(message, read: bool) -> dict:
    """A Message or a selectors.Summary as the box lists it."""
    return {
        "id": message.pk,
        "from_authority": message.sender_id,
        "to_authority": message.recipient_id,
        "kind": message.kind,
        "subject": message.subject,
        "handling": message.handling,
        "handling_label": str(HANDLING_LABELS[message.handling]),
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
        "read_by_you": read,
        "created_at": message.created_at,
    }


def _as_json(item: dict) -> dict:
    """A summary with its ids, days and times already text, as LiaisonMessageSummary writes
    them: the JSON encoder then never calls back into Python for a value."""
    return {
        **item,
        "from_authority": str(item["from_authority"]),
        "to_authority": str(item["to_authority"]),
        "reply_by": item["reply_by"] and item["reply_by"].isoformat(),
        "expires_on": item["expires_on"].isoformat(),
        "created_at": TIME_AS_JSON(item["created_at"]),
    }


def message_out(message: Message, user) -> dict:
    person = getattr(message, "protected_person", None) if message.kind == "protection" else None
    return {
        **summary_out(message, read=True),
        "body": message.body,
        "entities": [{"type": e.type, "value": e.value} for e in message.entities.all()],
        "attachments": [
            {"id": a.pk, "name": a.name, "content_type": a.content_type, "size": a.size}
            for a in message.attachments.all()
        ],
        "protected": person
        and {
            "pseudonym": person.pseudonym,
            "identity_visible_to_you": selectors.may_see_identity(user, person),
        },
        "formal_requests": selectors.formal_requests(user, [message.pk]).get(message.pk, []),
    }


def _invalid(errors: list[dict]) -> ApiError:
    return ApiError(_("The message is not valid."), status=422, errors=errors)


def _reader(request):
    if not access.liaison_may(request.user, access.LiaisonRole.READER):
        raise Http404
    return request.user


def _writer(request):
    if not access.liaison_may(request.user, access.LiaisonRole.OFFICER):
        raise Http404
    return request.user


def _uploads(files: list[AttachmentIn]) -> list[ContentFile]:
    uploads = []
    for index, item in enumerate(files):
        try:
            content = base64.b64decode(item.content_base64, validate=True)
        except (ValueError, binascii.Error) as exc:
            raise _invalid(
                [field_error(f"attachments[{index}]", _("The content is not valid base64."))]
            ) from exc
        uploads.append(ContentFile(content, name=item.name))
    return uploads


def _authority(pk) -> Authority | None:
    return Authority.objects.filter(pk=pk).first()


@router.post(
    "", response={201: LiaisonMessageOut, **INVALID}, summary="Send a message from your authority"
)
def send_message(request, body: LiaisonMessageIn):
    actor = _writer(request)
    data = body.model_dump(exclude={"to_authority", "in_reply_to", "attachments"})
    if body.in_reply_to is not None:
        data["in_reply_to"] = Message.objects.restrict(actor).filter(pk=body.in_reply_to).first()
        if data["in_reply_to"] is None:
            raise _invalid([field_error("in_reply_to", _("There is no such message you may see."))])
    try:
        message = services.send(
            actor=actor,
            to_authority=_authority(body.to_authority),
            data=data,
            uploads=_uploads(body.attachments),
        )
    except services.LiaisonInputError as exc:
        raise _invalid(exc.errors) from exc
    return Status(201, message_out(message, actor))


@router.get("", response={200: LiaisonMessageList, **ERRORS}, summary="Your inbox or sent box")
def list_messages(
    request,
    box: Literal["inbox", "sent", "all"] = "inbox",
    q: Annotated[Line, StringConstraints(max_length=300)] = "",
    offset: Annotated[int, Field(ge=0, le=100_000)] = 0,
    limit: Annotated[int, Field(ge=1, le=200)] = 50,
):
    """Newest first. `q` finds messages about an account, a name, a number or a vehicle written
    that way, in any spacing, case or accents (a blind index: subjects and bodies are not
    searched)."""
    user = _reader(request)
    # The answer names the two authorities by id only: their rows are not read.
    found = selectors.box_page(user, box=box, q=q, start=offset, stop=offset + limit + 1)
    page = found[:limit]
    read = selectors.read_by(user, [m.pk for m in page])
    items = [_as_json(summary_out(m, m.pk in read)) for m in page]
    # Written straight to JSON: summary_out gives LiaisonMessageSummary's shape (the OpenAPI
    # document's), so the page needs no second pass through the schema on the way out.
    body = {"count": len(items), "has_more": len(found) > limit, "items": items}
    return HttpResponse(json.dumps(body), content_type="application/json; charset=utf-8")


def _visible(request, message_id) -> Message:
    return get_object_or_404(Message.objects.restrict(_reader(request)), pk=message_id)


@router.get("/{message_id}", response={200: LiaisonMessageOut, **ERRORS}, summary="One message")
def get_message(request, message_id: MessageId):
    message = _visible(request, message_id)
    services.read(message=message, actor=request.user)
    return message_out(message, request.user)


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
    except PermissionError as exc:
        raise Http404 from exc
    return Status(201, message_out(copy, actor))


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
    except PermissionError as exc:
        raise Http404 from exc
    return Status(201, message_out(answer, actor))


@router.get(
    "/{message_id}/attachments/{attachment_id}",
    response={200: None, **ERRORS},
    summary="One attached file, decrypted",
    openapi_extra={
        "responses": {
            200: {
                "content": {
                    t: {}
                    for t in (
                        "application/pdf",
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                        "image/png",
                        "image/jpeg",
                        "image/tiff",
                        "application/zip",
                    )
                }
            }
        }
    },
)
def download_attachment(request, message_id: MessageId, attachment_id: MessageId):
    message = _visible(request, message_id)
    attachment = get_object_or_404(Attachment, message=message, pk=attachment_id)
    if message.purged_at:
        raise Http404
    return attachment_response(attachment, request.user)


@router.post(
    "/{message_id}/formal-request",
    response={201: FormalOut, 409: ErrorOut, **INVALID},
    summary="Start a formal request (a draft in the request writer) from the message; refused "
    "(409) while H2 information lacks its originator's consent",
)
def formal_request(request, message_id: MessageId):
    actor = _writer(request)
    message = _visible(request, message_id)
    try:
        link = formal.request_formally(message=message, actor=actor)
    except services.ConsentMissing as exc:
        raise ApiError(str(exc), status=409) from exc
    except services.LiaisonInputError as exc:
        raise _invalid(exc.errors) from exc
    return Status(201, {"request": link.request_id})


def _person(request, message_id) -> ProtectedPerson:
    message = _visible(request, message_id)
    return get_object_or_404(ProtectedPerson, message=message)


@router.get(
    "/{message_id}/identity",
    response={200: IdentityOut, **ERRORS},
    summary="The protected person's identity: only for named users; every look is recorded",
)
def protected_identity(request, message_id: MessageId):
    person = _person(request, message_id)
    try:
        identity = protection.show_identity(person=person, actor=request.user)
    except protection.NotNamed as exc:
        raise Http404 from exc
    return {"pseudonym": person.pseudonym, "measures": person.measures, **identity}


@router.post(
    "/{message_id}/named-users",
    response={201: NamedOut, **INVALID},
    summary="Name someone of your authority who may see the protected identity (supervisors)",
)
def name_user(request, message_id: MessageId, body: NameIn):
    person = _person(request, message_id)
    user = User.objects.filter(username__iexact=body.username).first()
    try:
        named = protection.name_user(person=person, user=user, actor=request.user)
    except services.LiaisonInputError as exc:
        raise _invalid(exc.errors) from exc
    except PermissionError as exc:
        raise Http404 from exc
    return Status(
        201,
        {"user": user.get_username(), "authority": user.authority.name, "named_at": named.named_at},
    )


@router.get(
    "/{message_id}/identity-views",
    response={200: list[IdentityViewOut], **ERRORS},
    summary="Who saw the protected identity and when (the originator's authority)",
)
def identity_views(request, message_id: MessageId):
    person = _person(request, message_id)
    if person.message.sender_id != request.user.authority_id:
        raise Http404
    return [
        {
            "user": v.user.get_username(),
            "authority": v.user.authority.name,
            "viewed_at": v.viewed_at,
        }
        for v in selectors.identity_views(person)
    ]
