"""Reading the library: search with facets and snippets, a document, and the lists other parts of
comity show (a State's legislation; the laws and cases for a request being written)."""

import time
from dataclasses import dataclass, field
from functools import lru_cache

from babel import Locale
from django.db.models.functions import Substr
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language

from comity.core.languages import cldr_locale
from comity.geo.selectors import country_choices
from comity.library import query as query_module
from comity.library import search as engines
from comity.library.models import Document
from comity.library.rules import access_keys
from comity.library.snippets import SCAN, Marker, marked, opening, snippet
from comity.library.vocabulary import (
    FACETS,
    CooperationForm,
    CrimeType,
    DocumentType,
)

MAX_LIMIT = 100
MAX_OFFSET = 10_000
# The columns a result needs (the text only as far as a snippet reads it).
RESULT_FIELDS = (
    "id",
    "key",
    "type",
    "title",
    "country_id",
    "language",
    "date",
    "year",
    "citation",
    "ecli",
    "case_number",
    "court",
    "summary",
    "publisher",
    "publication_kind",
    "example",
    "visibility",
)


@dataclass(frozen=True)
class Params:
    q: str = ""
    filters: engines.Filters = field(default_factory=engines.Filters)
    sort: str = engines.Sort.RELEVANCE
    offset: int = 0
    limit: int = 20
    facets: bool = True


@dataclass
class Result:
    document: Document
    score: float
    title: str  # marked
    snippet: str  # marked


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Page:
    params: Params
    count: int
    results: list[Result]
    facets: dict[str, list[FacetValue]]
    took_ms: float
    facet_sample: int = 1  # > 1: the facet counts are estimates (library.search.facet_sample)
    unavailable: bool = False  # the index is being rebuilt: nothing can be said yet


def search_or_unavailable(user, params: Params) -> Page:
    """search(), or an empty page marked `unavailable` while the index is not built: for the
    lists other pages show beside their own content."""
    try:
        return search(user, params)
    except SearchUnavailable:
        return Page(params, 0, [], {}, 0.0, unavailable=True)


# The search index is not built yet (`comity library reindex`).
SearchUnavailable = engines.NotBuilt


def search(user, params: Params) -> Page:
    """One page of results for `user`: only documents they may read, ranked, marked, counted."""
    started = time.perf_counter()
    parsed = query_module.parse(params.q)
    found = _run(parsed, params, user)
    results = _results(user, found.hits, parsed)
    facets = _labelled(found.facets, params.filters) if params.facets else {}
    return Page(
        params=params,
        count=found.count,
        results=results,
        facets=facets,
        took_ms=round((time.perf_counter() - started) * 1000, 1),
        facet_sample=found.facet_sample,
    )


def _run(parsed, params: Params, user):
    return engines.run(
        parsed,
        params.filters,
        access_keys(user),
        sort=params.sort,
        offset=min(params.offset, MAX_OFFSET),
        limit=min(params.limit, MAX_LIMIT),
        facets=params.facets,
    )


def _results(user, hits, parsed) -> list[Result]:
    if not hits:
        return []
    rows = {
        d.pk: d
        for d in Document.objects.restrict(user)
        .filter(pk__in=[h.id for h in hits])
        .only(*RESULT_FIELDS)
        .annotate(head=Substr("text", 1, SCAN))
    }
    forms, prefixes = parsed.highlight_forms()
    marker = Marker(forms, prefixes)
    out = []
    for hit in hits:
        document = rows.get(hit.id)
        if document is None:  # deleted (or made private) since the engine answered
            continue
        language = document.language
        passage = None
        if marker:
            passage = snippet(document.summary, marker, language) or snippet(
                document.head, marker, language
            )
        out.append(
            Result(
                document=document,
                score=hit.score,
                title=marked(document.title, marker, language),
                snippet=passage or opening(document.summary or document.head),
            )
        )
    return out


LABELS = {
    "type": DocumentType,
    "crime": CrimeType,
    "cooperation": CooperationForm,
}


def facet_label(name: str, value: str) -> str:
    return _labeller(name)(value)


def _labeller(name: str):
    """The function naming the values of one facet in the interface language (the countries'
    names read once for a whole list, not once per value)."""
    if name in LABELS:
        labels = {choice.value: str(choice.label) for choice in LABELS[name]}
        return lambda value: labels.get(value, value)
    if name == "country":
        names = dict(country_choices())
        return lambda value: names.get(value, value)
    if name == "language":
        return language_label
    return str


def language_label(code: str) -> str:
    """The name of a language in the interface language (CLDR), or its code."""
    return _language_names(get_language() or "en").get(code) or code


@lru_cache(maxsize=16)
def _language_names(ui_language: str) -> dict[str, str]:
    try:
        return dict(Locale.parse(cldr_locale(ui_language)).languages)
    except (ValueError, TypeError):
        return {}


def _labelled(counted, filters: engines.Filters) -> dict[str, list[FacetValue]]:
    out = {}
    for name in FACETS:
        chosen = set(filters.values.get(name, ()))
        label = _labeller(name)
        values = [
            FacetValue(value, label(value), count, value in chosen)
            for value, count in counted.get(name, [])
        ]
        if name == "year":
            values.sort(key=lambda v: v.value, reverse=True)
        out[name] = values
    return out


def document_for(user, pk) -> Document:
    """The document, if `user` may read it (404 otherwise)."""
    return get_object_or_404(
        Document.objects.restrict(user).select_related("country", "owner"), pk=pk
    )


def of_state(user, country_id: str, *, type: str = "legislation", limit: int = 50) -> Page:
    """A State's documents of one type, newest first (the country page)."""
    return search_or_unavailable(
        user,
        Params(
            filters=engines.Filters({"country": (country_id,), "type": (type,)}),
            sort=engines.Sort.NEWEST,
            limit=limit,
            facets=False,
        ),
    )


def for_request(user, country_id: str, crime_types: list[str], *, limit: int = 8) -> dict:
    """What the request writer offers: the requested State's legislation, and its case law on the
    crimes at hand; when it has none on them, its other case law (`other_cases` is then True)."""

    def newest(**values):
        filters = engines.Filters({"country": (country_id,), **values})
        params = Params(filters=filters, sort=engines.Sort.NEWEST, limit=limit, facets=False)
        return search_or_unavailable(user, params)

    laws = newest(type=("legislation",))
    cases = newest(type=("case",), crime=tuple(crime_types)) if crime_types else None
    other = cases is None or not cases.count
    if other:
        cases = newest(type=("case",))
    return {"legislation": laws, "cases": cases, "other_cases": bool(crime_types) and other}


def related(user, document: Document, *, limit: int = 6) -> list[Document]:
    """Other documents of the same State on the same instruments or crimes, newest first."""
    if not document.country_id:
        return []
    values = {"country": (document.country_id,)}
    if document.crime_types:
        values["crime"] = tuple(document.crime_types)
    elif document.instruments:
        values["instrument"] = tuple(document.instruments)
    page = search_or_unavailable(
        user,
        Params(
            filters=engines.Filters(values),
            sort=engines.Sort.NEWEST,
            limit=limit + 1,
            facets=False,
        ),
    )
    return [r.document for r in page.results if r.document.pk != document.pk][:limit]
