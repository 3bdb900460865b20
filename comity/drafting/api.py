"""Request writer endpoints of API.md: /api/v1/requests.

Every answer about one request carries its version as an ETag. A client that sends the ETag it
last saw in `If-Match` (or the number in a `version` field) with a change is refused with 409 and
the current request when someone else changed it first; without either, the change is applied to
the request as it is at that moment.
"""

import datetime
import json
import uuid

from django.http import Http404, HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import Field

from comity.audit.models import Action
from comity.audit.services import record
from comity.core.errors import ERRORS, ApiError, ErrorOut, field_error
from comity.core.paging import Paging
from comity.core.versions import IF_MATCH, etag, expected_version, moved_on
from comity.drafting import rendering, selectors, services
from comity.drafting.documents.labels import document_languages, normalize_language
from comity.drafting.models import Status as RequestStatus
from comity.drafting.schema import RequestBody, parse_patch, patch_json_schema, whole_number
from comity.treaties.vocabulary import RequestKind

router = Router()


class RequestSummaryOut(Schema):
    """A request in a list: what it is, not its whole body (GET /requests/{id} has that)."""

    id: uuid.UUID
    status: RequestStatus
    version: int
    kind: RequestKind
    requesting_state: str
    requested_state: str | None
    reference: str
    created_at: datetime.datetime
    updated_at: datetime.datetime
    finalised_at: datetime.datetime | None


class RequestOut(RequestSummaryOut):
    data: RequestBody


class RequestList(Schema):
    count: int
    items: list[RequestSummaryOut]


class ConflictOut(ErrorOut):
    current: RequestOut = Field(..., description="The request as it is now")


class CheckOut(Schema):
    id: str
    severity: str
    citation: str
    field: str
    message: str


class ChecksOut(Schema):
    ready: bool
    checks: list[CheckOut]


class TransitionIn(Schema):
    to: RequestStatus
    version: whole_number(ge=1) | None = Field(
        None, description="The version you last saw (or If-Match)"
    )


def _summary(request) -> dict:
    return {
        "id": request.id,
        "status": request.status,
        "version": request.version,
        "kind": request.kind,
        "requesting_state": request.requesting_state_id,
        "requested_state": request.requested_state_id,
        "reference": request.reference,
        "created_at": request.created_at,
        "updated_at": request.updated_at,
        "finalised_at": request.finalised_at,
    }


def _out(request) -> dict:
    return {**_summary(request), "data": request.data}


def _owned(request, request_id, *, to_edit: bool = False):
    found = selectors.request_for(request.user, request_id, to_edit=to_edit)
    if found is None:
        raise Http404
    return found


def _owner(request):
    if not selectors.can_draft(request.user):
        raise ApiError(
            _("Only officers, supervisors and administrators of an authority draft requests."),
            status=403,
        )
    return request.user.authority


def _checks(body: dict) -> dict:
    from comity.drafting.rules import context_for, run_checks

    checks = run_checks(body, context=context_for(body))
    return {
        "ready": not any(c.severity == "error" for c in checks),
        "checks": [c.as_dict() for c in checks],
    }


def _input_error(exc: services.RequestInputError):
    return ApiError(_("The request body is not valid."), errors=exc.errors)


def _conflict(exc: services.StaleVersion) -> ApiError:
    retry = _("Read the request again (version %(version)d), merge your change and retry.")
    return moved_on(
        str(exc),
        current=exc.current,
        current_body=_out(exc.current),
        retry=retry % {"version": exc.current.version},
    )


def _not_a_draft(exc: services.TransitionNotAllowed) -> ApiError:
    return ApiError(
        _("This request is final: it cannot be changed. Reopen it as a draft to change it."),
        status=409,
        errors=[
            field_error("status", _("Allowed: %(allowed)s") % {"allowed": ", ".join(exc.allowed)})
        ],
    )


@router.get(
    "", response={200: RequestList, **ERRORS}, summary="Requests of your authority (summaries)"
)
def list_requests(request, params: Query[Paging]):
    qs = selectors.requests_for(request.user)
    page = qs[params.offset : params.offset + params.limit]
    return {"count": qs.count(), "items": [_summary(r) for r in page]}


def _json_object(request) -> dict:
    """The request's JSON body, which must be an object; validated once, by the service."""
    try:
        payload = json.loads(request.body or b"null")
    except (ValueError, UnicodeDecodeError) as exc:
        raise ApiError(
            _("The request is not valid."),
            errors=[
                field_error("body", _("The body is not valid JSON: %(error)s") % {"error": exc})
            ],
        ) from exc
    if not isinstance(payload, dict):
        raise ApiError(
            _("The request is not valid."),
            errors=[field_error("body", _("Send a JSON object."))],
        )
    return payload


def _body_schema(schema: dict) -> dict:
    return {"requestBody": {"required": True, "content": {"application/json": {"schema": schema}}}}


REQUEST_BODY = _body_schema({"$ref": "#/components/schemas/RequestBody"})
REQUEST_PATCH = _body_schema(patch_json_schema())


@router.post(
    "",
    response={201: RequestOut, 403: ErrorOut, **ERRORS},
    summary="Create a draft",
    description="The requesting State and authority are always those of your own authority: "
    "leave them out, or give your own (400 otherwise).",
    openapi_extra=REQUEST_BODY,
)
def create(request, response: HttpResponse):
    owner = _owner(request)
    try:
        created = services.create_request(
            owner=owner, data=_json_object(request), actor=request.user
        )
    except services.RequestInputError as exc:
        raise _input_error(exc) from exc
    response["ETag"] = etag(created)
    return Status(201, _out(created))


@router.post(
    "/check",
    response={200: ChecksOut, **ERRORS},
    summary="Check a request body without saving",
    openapi_extra=REQUEST_BODY,
)
def check_body(request):
    try:
        data = services.validate_body(_json_object(request))
    except services.RequestInputError as exc:
        raise _input_error(exc) from exc
    return _checks(data)


@router.get("/{request_id}", response={200: RequestOut, **ERRORS}, summary="One request")
def get_request(request, response: HttpResponse, request_id: uuid.UUID):
    found = _owned(request, request_id)
    response["ETag"] = etag(found)
    return _out(found)


@router.patch(
    "/{request_id}",
    response={200: RequestOut, 409: ConflictOut | ErrorOut, **ERRORS},
    summary="Change parts of a draft",
    description="The body holds the top-level parts to replace (e.g. `facts`, `persons`). "
    "Send `If-Match` with the ETag you last saw (or a top-level `version`) to have the change "
    "refused with 409 and the current request when someone changed it first.",
    openapi_extra=REQUEST_PATCH,
)
def patch_request(
    request,
    response: HttpResponse,
    request_id: uuid.UUID,
    if_match: str = IF_MATCH,
):
    found = _owned(request, request_id, to_edit=True)
    try:
        changes = parse_patch(_json_object(request))
    except services.RequestInputError as exc:
        raise _input_error(exc) from exc
    expected = expected_version(if_match, changes.pop("version", None))
    try:
        saved = services.update_request(
            request=found, changes=changes, expected_version=expected, actor=request.user
        )
    except services.RequestInputError as exc:
        raise _input_error(exc) from exc
    except services.StaleVersion as exc:
        raise _conflict(exc) from exc
    except services.TransitionNotAllowed as exc:
        raise _not_a_draft(exc) from exc
    response["ETag"] = etag(saved)
    return _out(saved)


@router.delete(
    "/{request_id}",
    response={204: None, 409: ConflictOut | ErrorOut, **ERRORS},
    summary="Delete a draft",
)
def delete(request, request_id: uuid.UUID, if_match: str = IF_MATCH):
    found = _owned(request, request_id, to_edit=True)
    try:
        services.delete_request(
            request=found, actor=request.user, expected_version=expected_version(if_match)
        )
    except services.StaleVersion as exc:
        raise _conflict(exc) from exc
    except services.TransitionNotAllowed as exc:
        raise _not_a_draft(exc) from exc
    return Status(204, None)


@router.get(
    "/{request_id}/checks",
    response={200: ChecksOut, **ERRORS},
    summary="The checks of a saved request",
)
def get_checks(request, request_id: uuid.UUID):
    return _checks(_owned(request, request_id).data)


@router.post(
    "/{request_id}/transitions",
    response={200: RequestOut, 409: ConflictOut | ErrorOut, **ERRORS},
    summary="Make final or reopen",
)
def post_transition(
    request,
    response: HttpResponse,
    request_id: uuid.UUID,
    body: TransitionIn,
    if_match: str = IF_MATCH,
):
    found = _owned(request, request_id, to_edit=True)
    try:
        moved = services.transition(
            request=found,
            to=body.to,
            actor=request.user,
            expected_version=expected_version(if_match, body.version),
        )
    except services.StaleVersion as exc:
        raise _conflict(exc) from exc
    except services.RequestNotReady as exc:
        raise ApiError(
            str(exc),
            status=409,
            errors=[field_error(c.field, f"{c.citation}: {c.message}") for c in exc.checks],
        ) from exc
    except services.TransitionNotAllowed as exc:
        raise ApiError(
            str(exc),
            status=409,
            errors=[
                field_error("to", _("Allowed: %(allowed)s") % {"allowed": ", ".join(exc.allowed)})
            ],
        ) from exc
    response["ETag"] = etag(moved)
    return _out(moved)


class DocumentQuery(Schema):
    format: str = Field("pdf", pattern="^(docx|pdf)$", description="docx or pdf")
    lang: str = Field(
        "",
        pattern="^(|" + "|".join(document_languages()) + ")$",
        description="Default: the request's",
    )
    bilingual: str = Field(
        "", pattern="^(|" + "|".join(document_languages()) + ")$", description="A second language"
    )
    cover_letter: bool = False


@router.get(
    "/{request_id}/document",
    response={422: ErrorOut, 429: ErrorOut, 503: ErrorOut, **ERRORS},
    summary="The request as DOCX or PDF",
    openapi_extra={
        "responses": {
            200: {
                "description": "The document",
                "content": {
                    content_type: {"schema": {"type": "string", "format": "binary"}}
                    for content_type in rendering.CONTENT_TYPES.values()
                },
            }
        }
    },
)
def document(request, request_id: uuid.UUID, params: Query[DocumentQuery]):
    found = _owned(request, request_id)
    lang = params.lang or normalize_language(found.data.get("language"))
    bilingual = params.bilingual or None
    try:
        content, content_type = rendering.render(
            found,
            fmt=params.format,
            language=lang,
            bilingual=bilingual,
            cover_letter=params.cover_letter,
            holder=str(request.user.pk),
        )
    except rendering.RenderingBusy as exc:
        if exc.mine:
            raise ApiError(
                _("Another of your documents is being made. Download this one when it is ready."),
                status=429,
                headers={"Retry-After": "5"},
            ) from exc
        raise ApiError(
            _("Many documents are being made at this moment. Try again in a few seconds."),
            status=503,
            headers={"Retry-After": "5"},
        ) from exc
    except rendering.HouseTemplateFailed as exc:
        raise ApiError(
            _(
                "Your authority's house template could not be filled in with this request "
                "(%(problem)s). An administrator of your authority can correct or remove it on "
                "the authority's letterhead page; the PDF does not use it."
            )
            % {"problem": exc},
            status=422,
        ) from exc
    except rendering.DocumentTooSlow as exc:
        raise ApiError(
            _(
                "The document could not be made within %(seconds)d seconds. Shorten the longest "
                "parts (the facts, the measures) or move them to annexes, then try again."
            )
            % {"seconds": exc.seconds},
            status=422,  # the request's length, not the server's state: retrying will not help
        ) from exc
    record(
        actor=request.user,
        action=Action.DOWNLOAD,
        obj=found,
        note=f"{params.format} {lang}{'+' + bilingual if bilingual else ''} v{found.version}",
    )
    download = HttpResponse(content, content_type=content_type)
    download["Content-Disposition"] = content_disposition_header(
        True, document_file_name(found, lang, params.format)
    )
    download["ETag"] = etag(found)
    return download


def document_file_name(found, lang: str, extension: str) -> str:
    """The request's own reference (in any script) as the file name, made safe for file systems."""
    stem = "".join(
        ch if ch.isalnum() or ch in "-_. " else "-" for ch in (found.reference or str(found.id))
    ).strip(" .-")
    return f"{stem or found.id}-{lang}.{extension}"


@router.get(
    "/{request_id}/export",
    response={200: RequestBody, **ERRORS},
    summary="The request as a portable JSON document",
)
def export(request, response: HttpResponse, request_id: uuid.UUID):
    found = _owned(request, request_id)
    response["ETag"] = etag(found)
    return services.export_request(request=found, actor=request.user)
