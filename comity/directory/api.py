"""Directory endpoints of API.md: /api/v1/authorities and /api/v1/networks."""

import datetime
import uuid

from django.conf import settings
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from comity.accounts.authentication import directory_readers
from comity.audit.models import Action
from comity.audit.services import record
from comity.core import access, generations
from comity.core.answers import cached
from comity.core.errors import ERRORS, ErrorOut
from comity.directory import finder, selectors
from comity.directory.models import Authority
from comity.directory.schemas import (
    IMPORT_BODY,
    AuthorityDetailOut,
    AuthorityExport,
    AuthorityList,
    AuthorityQuery,
    ExportQuery,
    ImportRefusedOut,
    ImportReportOut,
)
from comity.directory.transfer import (
    ImportFormatError,
    authority_as_data,
    export_csv,
    export_json,
    import_authorities,
    parse,
)

authorities_router = Router(auth=directory_readers)


def _out(authority: Authority) -> dict:
    data = authority_as_data(authority)
    data["stale"] = authority.is_stale
    return data


@authorities_router.get("", response={200: AuthorityList, **ERRORS}, summary="Search the directory")
def list_authorities(request, params: Query[AuthorityQuery]):
    # The hot path of the API (docs/PERFORMANCE.md): the finder's index and the stored listings
    # make the answer without model instances or validation against AuthorityList (the
    # documented schema); answers are also kept until the directory changes (core/answers.py).
    stale_before = timezone.localdate() - datetime.timedelta(days=settings.COMITY_STALE_AFTER_DAYS)
    key = ("authorities", tuple(sorted(params.model_dump().items())), stale_before)
    marker = generations.current(generations.DIRECTORY)
    body = cached(
        key,
        lambda: _search_body(params, stale_before, marker[0]),
        scopes=(generations.DIRECTORY,),
        marker=marker,
    )
    return HttpResponse(body, content_type="application/json; charset=utf-8")


def _search_body(params: AuthorityQuery, stale_before, generation: str) -> bytes:
    f = selectors.AuthorityFilter(**params.model_dump(exclude={"limit", "offset"}))
    found = finder.search(
        f,
        offset=params.offset,
        limit=params.limit,
        stale_before=stale_before,
        generation=generation,
    )
    items = ", ".join(finder.listings(found))
    return f'{{"count": {found.count}, "items": [{items}]}}'.encode()


@authorities_router.get(
    "/export",
    response={200: AuthorityExport, **ERRORS},
    summary="Export the directory as CSV or JSON",
    openapi_extra={"responses": {200: {"content": {"text/csv": {"schema": {"type": "string"}}}}}},
)
def export_authorities(request, params: Query[ExportQuery]):
    format, country = params.format, str(params.country)
    qs = selectors.search_authorities(selectors.AuthorityFilter(country=country))
    body = export_csv(qs) if format == "csv" else export_json(qs)
    user = request.user if request.user.is_authenticated else None
    record(
        actor=user,
        action=Action.EXPORT,
        object_type="directory.authority",
        note=f"format={format} country={country or 'all'}",
    )
    response = HttpResponse(
        body, content_type="text/csv" if format == "csv" else "application/json"
    )
    response["Content-Disposition"] = content_disposition_header(True, f"authorities.{format}")
    return response


@authorities_router.post(
    "/import",
    response={
        200: ImportReportOut,
        400: ImportRefusedOut | ErrorOut,
        403: ErrorOut,
        **{status: out for status, out in ERRORS.items() if status != 400},
    },
    summary="Import entries (CSV or JSON body); all-or-nothing",
    openapi_extra=IMPORT_BODY,
)
def import_authorities_endpoint(request, dry_run: bool = False):
    allowed = access.writable_states(request.user)
    if allowed is not None and not allowed:
        detail = _("Only site and authority administrators may import.")
        return Status(403, {"detail": detail, "errors": []})
    content_type = request.content_type or ""
    fmt = "json" if "json" in content_type else "csv" if "csv" in content_type else None
    try:
        rows = parse(request.body, fmt=fmt)
    except ImportFormatError as exc:
        return Status(400, {"detail": str(exc), "errors": [{"field": "body", "message": str(exc)}]})
    report = import_authorities(
        rows=rows, actor=request.user, dry_run=dry_run, allowed_countries=allowed
    )
    if not report.ok:
        body = report.as_dict()
        body["detail"] = _("Nothing was imported: %(count)d problem(s) found.") % {
            "count": len(report.errors)
        }
        return Status(400, body)
    return Status(200, report.as_dict())


@authorities_router.get(
    "/{authority_id}", response={200: AuthorityDetailOut, **ERRORS}, summary="One entry"
)
def get_authority(request, authority_id: uuid.UUID):
    authority = selectors.authority_detail(authority_id)
    if authority is None:
        raise Http404
    data = _out(authority)
    if request.user.is_authenticated:
        data["contacts"] = list(authority.contacts.restrict(request.user))
    return data
