"""Request writer endpoints of API.md: /api/v1/requests."""

import datetime
import uuid

from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from ninja import Body, Query, Router, Schema, Status
from pydantic import Field

from comity.audit.models import Action
from comity.audit.services import record
from comity.core import languages
from comity.core.errors import ApiError
from comity.drafting import selectors, services
from comity.drafting.schema import RequestBody

router = Router()


class RequestOut(Schema):
    id: uuid.UUID
    status: str
    version: int
    kind: str
    requesting_state: str
    requested_state: str | None
    reference: str
    created_at: datetime.datetime
    updated_at: datetime.datetime
    finalised_at: datetime.datetime | None
    data: dict


class RequestList(Schema):
    count: int
    items: list[RequestOut]


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
    to: str = Field(..., pattern="^(draft|final)$")


def _out(request) -> dict:
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
        "data": request.data,
    }


def _owned(request, request_id, *, to_edit: bool = False):
    found = selectors.request_for(request.user, request_id, to_edit=to_edit)
    if found is None:
        raise Http404
    return found


def _owner(request):
    if not selectors.can_draft(request.user):
        raise ApiError(_("Only officers of an authority can draft requests."), status=403)
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


class Paging(Schema):
    limit: int = Field(50, ge=1, le=500)
    offset: int = Field(0, ge=0)


@router.get("", response=RequestList, summary="Requests of your authority")
def list_requests(request, params: Query[Paging]):
    qs = selectors.requests_for(request.user)
    page = qs[params.offset : params.offset + params.limit]
    return {"count": qs.count(), "items": [_out(r) for r in page]}


@router.post("", response={201: RequestOut}, summary="Create a draft")
def create(request, body: RequestBody):
    try:
        created = services.create_request(
            owner=_owner(request), data=body.model_dump(mode="json"), actor=request.user
        )
    except services.RequestInputError as exc:
        raise _input_error(exc) from exc
    return Status(201, _out(created))


@router.post("/check", response=ChecksOut, summary="Check a request body without saving it")
def check_body(request, body: dict = Body(...)):
    try:
        data = services.validate_body(body)
    except services.RequestInputError as exc:
        raise _input_error(exc) from exc
    return _checks(data)


@router.get("/{request_id}", response=RequestOut, summary="One request")
def get_request(request, request_id: uuid.UUID):
    return _out(_owned(request, request_id))


@router.patch("/{request_id}", response=RequestOut, summary="Change parts of a draft")
def patch_request(request, request_id: uuid.UUID, body: dict = Body(...)):
    found = _owned(request, request_id, to_edit=True)
    try:
        services.update_request(request=found, data={**found.data, **body}, actor=request.user)
    except services.RequestInputError as exc:
        raise _input_error(exc) from exc
    except services.TransitionNotAllowed as exc:
        raise ApiError(str(exc), status=409) from exc
    return _out(found)


@router.delete("/{request_id}", response={204: None}, summary="Delete a draft")
def delete(request, request_id: uuid.UUID):
    try:
        services.delete_request(
            request=_owned(request, request_id, to_edit=True), actor=request.user
        )
    except services.TransitionNotAllowed as exc:
        raise ApiError(str(exc), status=409) from exc
    return Status(204, None)


@router.get("/{request_id}/checks", response=ChecksOut, summary="The checks of a saved request")
def get_checks(request, request_id: uuid.UUID):
    return _checks(_owned(request, request_id).data)


@router.post("/{request_id}/transitions", response=RequestOut, summary="Make final or reopen")
def post_transition(request, request_id: uuid.UUID, body: TransitionIn):
    found = _owned(request, request_id, to_edit=True)
    try:
        services.transition(request=found, to=body.to, actor=request.user)
    except services.RequestNotReady as exc:
        raise ApiError(
            str(exc),
            status=409,
            errors=[
                {"field": c.field, "message": f"{c.citation}: {c.message}"} for c in exc.checks
            ],
        ) from exc
    except services.TransitionNotAllowed as exc:
        raise ApiError(
            str(exc),
            status=409,
            errors=[
                {
                    "field": "to",
                    "message": _("Allowed: %(allowed)s") % {"allowed": ", ".join(exc.allowed)},
                }
            ],
        ) from exc
    return _out(found)


@router.get("/{request_id}/document", summary="The request as DOCX or PDF")
def document(
    request,
    request_id: uuid.UUID,
    format: str = "pdf",
    lang: str = "",
    bilingual: str = "",
    cover_letter: bool = False,
):
    from comity.drafting.rendering import render

    found = _owned(request, request_id)
    if format not in ("docx", "pdf"):
        raise ApiError(
            _("Unknown format."), errors=[{"field": "format", "message": _("Use docx or pdf.")}]
        )
    lang = lang or found.data.get("language") or "en"
    for field, value in (("lang", lang), ("bilingual", bilingual)):
        if value and value not in languages.CODES:
            raise ApiError(
                _("Unknown language."),
                errors=[
                    {
                        "field": field,
                        "message": _("Documents are available in: %(languages)s.")
                        % {"languages": ", ".join(languages.CODES)},
                    }
                ],
            )
    content, content_type = render(
        found, fmt=format, language=lang, bilingual=bilingual or None, cover_letter=cover_letter
    )
    record(
        actor=request.user,
        action=Action.DOWNLOAD,
        obj=found,
        note=f"{format} {lang}{'+' + bilingual if bilingual else ''} v{found.version}",
    )
    response = HttpResponse(content, content_type=content_type)
    name = (found.reference or str(found.id)).replace("/", "-").replace('"', "")
    response["Content-Disposition"] = f'attachment; filename="{name}-{lang}.{format}"'
    return response


@router.get("/{request_id}/export", summary="The request as a portable JSON document")
def export(request, request_id: uuid.UUID):
    return services.export_request(request=_owned(request, request_id), actor=request.user)
