"""Legal library endpoints of API.md: /api/v1/library.

Search answers what the caller may read (public documents for anyone; signed-in users also see
documents kept for signed-in users and those of their own authority). Snippets and titles are HTML
with the matching words in <mark>, everything else escaped.
"""

import datetime
import json
from typing import Annotated, Literal

from django.http import HttpResponse, StreamingHttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema, Status
from ninja.responses import NinjaJSONEncoder
from pydantic import StringConstraints

from comity.accounts.authentication import SessionOrToken
from comity.core import access
from comity.core.errors import ERRORS, ApiError, ErrorOut
from comity.core.text import Line
from comity.library import selectors, services, transfer
from comity.library.models import Document
from comity.library.schema import DocumentIn, InstrumentCode
from comity.library.search import Filters, Sort
from comity.library.vocabulary import (
    Access,
    CooperationForm,
    CrimeType,
    DocumentType,
)

# Within every database's integer range, so a huge number is a 404, not a crash.
DocumentId = Annotated[int, Path(ge=1, le=2**63 - 1)]

router = Router(auth=SessionOrToken(public_setting="COMITY_LIBRARY_PUBLIC"))
# Reading is open to visitors (COMITY_LIBRARY_PUBLIC); the description says the sign-in is
# optional there. Writing needs a signed-in user (401 otherwise).
OPTIONAL_SIGN_IN = {"security": [{}]}
WRITERS = SessionOrToken()

MAX_IMPORT_LINES = 10_000


StateCode = Annotated[str, StringConstraints(pattern=r"^[A-Za-z]{3}$")]
LanguageCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")]


class LibrarySearchQuery(Schema):
    q: Line = Field("", max_length=500, description='Words, "phrases", prefix*, -excluded')
    type: list[DocumentType] = Field([], description="legislation, case or publication")
    country: list[StateCode] = Field([], description="ISO 3166-1 alpha-3 codes")
    crime: list[CrimeType] = Field([], description="SHERLOC crime types")
    cooperation: list[CooperationForm] = Field([], description="Forms of cooperation")
    instrument: list[InstrumentCode] = Field([], description="Instrument codes, e.g. UNTOC")
    language: list[LanguageCode] = Field([], description="ISO 639-1 codes")
    year: list[Annotated[int, Field(ge=1800, le=2100)]] = Field([], description="Years")
    year_from: int | None = Field(None, ge=1800, le=2100)
    year_to: int | None = Field(None, ge=1800, le=2100)
    sort: Literal["relevance", "newest", "oldest"] = "relevance"
    limit: int = Field(10, ge=1, le=selectors.MAX_LIMIT)
    offset: int = Field(0, ge=0, le=selectors.MAX_OFFSET)
    facets: bool = Field(True, description="Count the results per facet value")


class LibraryResultOut(Schema):
    id: int
    key: str
    type: DocumentType
    title: str = Field(..., description="HTML: the title, matching words in <mark>")
    country: str | None
    date: datetime.date | None
    year: int | None
    language: str
    citation: str = Field(..., description="Citation, ECLI or case number")
    snippet: str = Field(..., description="HTML: a passage, matching words in <mark>")
    score: float
    example: bool = Field(..., description="Synthetic or demonstration content")
    url: str


class LibraryFacetValueOut(Schema):
    value: str
    label: str
    count: int


class LibrarySearchOut(Schema):
    count: int
    items: list[LibraryResultOut]
    facets: dict[str, list[LibraryFacetValueOut]]
    facets_exact: bool = Field(
        ...,
        description="False when the search found more results than COMITY_LIBRARY_FACET_EXACT_"
        "LIMIT: the facet counts are then estimated from a sample (docs/LIBRARY.md)",
    )
    took_ms: float = Field(..., description="Time spent searching, in milliseconds")


class LibraryArticleOut(Schema):
    number: str
    heading: str
    text: str
    implements: list[str]


class LibraryDocumentOut(Schema):
    id: int
    key: str
    type: DocumentType
    title: str
    country: str | None
    language: str
    date: datetime.date | None
    year: int | None
    source_url: str
    source_name: str
    summary: str
    text: str
    citation: str
    eli: str
    in_force: str
    court: str
    case_number: str
    ecli: str
    parties: str
    outcome: str
    kind: str
    publisher: str
    topics: list[str]
    crime_types: list[str]
    cross_cutting: list[str]
    cooperation: list[str]
    instruments: list[str]
    articles: list[LibraryArticleOut]
    access: Access
    example: bool
    file_name: str
    version: int
    updated_at: datetime.datetime


class LibraryDocumentList(Schema):
    count: int
    items: list[LibraryResultOut]


class LibraryImportOut(Schema):
    created: int
    replaced: int


class LibraryRowErrorOut(Schema):
    row: int = Field(..., description="Line number in the body (0: the whole import)")
    field: str
    message: str


class LibraryImportRefusedOut(Schema):
    detail: str
    errors: list[LibraryRowErrorOut]


def _filters(params: LibrarySearchQuery) -> Filters:
    values = {
        "type": tuple(params.type),
        "country": tuple(c.upper() for c in params.country),
        "crime": tuple(params.crime),
        "cooperation": tuple(params.cooperation),
        "instrument": tuple(params.instrument),
        "language": tuple(params.language),
        "year": tuple(str(y) for y in params.year),
    }
    return Filters(values, year_from=params.year_from, year_to=params.year_to)


def _item(result) -> dict:
    document = result.document
    return {
        "id": document.pk,
        "key": document.key,
        "type": document.type,
        "title": str(result.title),
        "country": document.country_id,
        "date": document.date,
        "year": document.year,
        "language": document.language,
        "citation": document.citation or document.ecli or document.case_number,
        "snippet": str(result.snippet),
        "score": round(result.score, 4),
        "example": document.example,
        "url": document.get_absolute_url(),
    }


@router.get(
    "/search",
    response={200: LibrarySearchOut, 503: ErrorOut, **ERRORS},
    openapi_extra=OPTIONAL_SIGN_IN,
    summary="Search the library",
    description="Full-text search with filters and facet counts; words are joined by AND. "
    "Phrases in double quotes, prefix* and -excluded words. Several values of one filter: any.",
)
def search(request, params: Query[LibrarySearchQuery]):
    page = _searched(
        request.user,
        selectors.Params(
            q=params.q,
            filters=_filters(params),
            sort=params.sort,
            offset=params.offset,
            limit=params.limit,
            facets=params.facets,
        ),
    )
    body = {
        "count": page.count,
        "items": [_item(r) for r in page.results],
        "facets": {
            name: [{"value": v.value, "label": v.label, "count": v.count} for v in values]
            for name, values in page.facets.items()
        },
        "facets_exact": page.facet_sample == 1,
        "took_ms": page.took_ms,
    }
    # Written straight to JSON: checking hundreds of facet values against the schema on every
    # search costs more than the search's own Python work. A test holds the answer to the
    # schema (tests/library/test_api.py).
    return HttpResponse(
        json.dumps(body, cls=NinjaJSONEncoder, ensure_ascii=False),
        content_type="application/json",
    )


@router.get(
    "/documents",
    response={200: LibraryDocumentList, 503: ErrorOut, **ERRORS},
    openapi_extra=OPTIONAL_SIGN_IN,
    summary="Documents, newest first",
)
def list_documents(request, params: Query[LibrarySearchQuery]):
    page = _searched(
        request.user,
        selectors.Params(
            filters=_filters(params),
            sort=Sort.OLDEST if params.sort == "oldest" else Sort.NEWEST,
            offset=params.offset,
            limit=params.limit,
            facets=False,
        ),
    )
    return {"count": page.count, "items": [_item(r) for r in page.results]}


def _searched(user, params: selectors.Params):
    try:
        return selectors.search(user, params)
    except selectors.SearchUnavailable as exc:
        raise ApiError(
            _("The library's search index is being rebuilt. Try again in a few minutes."),
            status=503,
        ) from exc


def document_out(document: Document) -> dict:
    data = transfer.exported(document)
    return {
        **{name: "" for name in LibraryDocumentOut.model_fields if name not in ("articles",)},
        "topics": [],
        "crime_types": [],
        "cross_cutting": [],
        "cooperation": [],
        "instruments": [],
        "articles": [],
        "country": None,
        "date": None,
        "year": None,
        **data,
        "id": document.pk,
        "file_name": document.file_name,
        "version": document.version,
        "updated_at": document.updated_at,
        "access": document.visibility,
        "example": document.example,
    }


def _input_error(exc: services.LibraryInputError) -> ApiError:
    return ApiError(_("The document is not valid."), errors=exc.errors)


@router.post(
    "/documents",
    response={201: LibraryDocumentOut, 403: ErrorOut, **ERRORS},
    auth=WRITERS,
    summary="Add a document",
    description="The document is searchable as soon as this answers. A file is added on the "
    "page (or by import of its text).",
)
def create_document(request, body: DocumentIn):
    if not transfer.may_import(request.user) or not request.user.is_authenticated:
        raise ApiError(_("Sign in as a user of an authority to add documents."), status=403)
    try:
        document = services.create(
            actor=request.user, data=body.model_dump(mode="json", exclude_unset=True)
        )
    except services.LibraryInputError as exc:
        raise _input_error(exc) from exc
    return Status(201, document_out(_fresh(document)))


def _fresh(document: Document) -> Document:
    return Document.objects.prefetch_related("articles").get(pk=document.pk)


@router.get(
    "/documents/{document_id}",
    response={200: LibraryDocumentOut, **ERRORS},
    summary="One document",
    openapi_extra=OPTIONAL_SIGN_IN,
)
def get_document(request, document_id: DocumentId):
    document = selectors.document_for(request.user, document_id)
    return document_out(_fresh(document))


@router.put(
    "/documents/{document_id}",
    response={200: LibraryDocumentOut, 403: ErrorOut, 409: LibraryDocumentOut, **ERRORS},
    auth=WRITERS,
    summary="Replace a document",
    description="All its details, as when it was added. With `version`, a "
    "document changed by someone else since is not overwritten: 409 with the current one.",
)
def replace_document(
    request,
    body: DocumentIn,
    document_id: DocumentId,
    version: Annotated[int | None, Query(ge=1, le=999_999_999)] = None,
):
    document = _writable(request, document_id)
    try:
        document = services.update(
            actor=request.user,
            document=document,
            data=body.model_dump(mode="json", exclude_unset=True),
            version=version,
        )
    except services.StaleDocument as exc:
        return Status(409, document_out(_fresh(exc.document)))
    except services.LibraryInputError as exc:
        raise _input_error(exc) from exc
    return document_out(_fresh(document))


@router.delete(
    "/documents/{document_id}",
    response={204: None, 403: ErrorOut, **ERRORS},
    auth=WRITERS,
    summary="Delete a document",
)
def delete_document(request, document_id: DocumentId):
    services.delete(actor=request.user, document=_writable(request, document_id))
    return Status(204, None)


def _writable(request, document_id: int) -> Document:
    document = selectors.document_for(request.user, document_id)
    if not access.can(request.user, access.Permission.CHANGE, document):
        raise ApiError(_("You may read this document but not change it."), status=403)
    return document


IMPORT_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            kind: {
                "schema": {"type": "string", "description": "One DocumentIn JSON object per line"}
            }
            for kind in ("application/x-ndjson", "text/plain")
        },
    }
}


@router.post(
    "/import",
    response={**ERRORS, 200: LibraryImportOut, 400: LibraryImportRefusedOut, 403: ErrorOut},
    auth=WRITERS,
    summary="Import documents (JSON lines); all or nothing",
    openapi_extra=IMPORT_BODY,
)
def import_documents(request):
    if not request.user.is_authenticated or not transfer.may_import(request.user):
        raise ApiError(_("Sign in as a user of an authority to add documents."), status=403)
    try:
        text = request.body.decode("utf-8-sig")
    except UnicodeDecodeError:
        return _refused([{"row": 0, "field": "", "message": _("The body must be UTF-8 text.")}])
    lines = text.splitlines()
    if not any(line.strip() for line in lines):
        message = _("The body is empty: give one document (a JSON object) per line.")
        return _refused([{"row": 0, "field": "", "message": message}])
    if len(lines) > MAX_IMPORT_LINES:
        message = _("At most %(n)d lines per import; split the file.") % {"n": MAX_IMPORT_LINES}
        return _refused([{"row": 0, "field": "", "message": message}])
    try:
        result = transfer.import_documents(actor=request.user, rows=transfer.read_lines(lines))
    except transfer.LibraryImportError as exc:
        return _refused(exc.errors)
    return result


def _refused(errors: list[dict]):
    detail = _("Nothing was imported: %(count)d problem(s) found.") % {"count": len(errors)}
    return Status(400, {"detail": detail, "errors": errors})


@router.get(
    "/export",
    response={200: None, **ERRORS},
    summary="Export the documents you may read (JSON lines)",
    openapi_extra={
        "responses": {200: {"content": {"application/x-ndjson": {}}}},
        **OPTIONAL_SIGN_IN,
    },
)
def export_documents(request):
    response = StreamingHttpResponse(
        transfer.export_lines(request.user), content_type="application/x-ndjson; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="library.jsonl"'
    return response
