"""`library.search`: one way to search the library, with two engines behind it.

- the **embedded** engine (Tantivy, an index in a folder under COMITY_HOME), for an installation
  on one machine; the default with SQLite;
- the **postgresql** engine (tsvector with a GIN index in the database itself), for several
  application servers sharing one database; the default with PostgreSQL.

COMITY_LIBRARY_ENGINE chooses. Both index the terms comity's own analysis makes
(library/analysis.py), so they find the same documents; they rank them by different formulas
(BM25 in Tantivy, ts_rank in PostgreSQL), with the title weighted above the summary and the
summary above the body in both.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection

from comity.library.query import Query


class Sort:
    RELEVANCE = "relevance"
    NEWEST = "newest"
    OLDEST = "oldest"
    ALL = (RELEVANCE, NEWEST, OLDEST)


@dataclass(frozen=True)
class Filters:
    """The facet values a search is narrowed to (several values of one facet: any of them)."""

    values: dict[str, tuple[str, ...]] = field(default_factory=dict)
    year_from: int | None = None
    year_to: int | None = None

    def items(self):
        return [(name, vals) for name, vals in self.values.items() if vals]


@dataclass
class Hit:
    id: int
    score: float


@dataclass
class Found:
    count: int
    hits: list[Hit]
    facets: dict[str, list[tuple[str, int]]]
    # 1: the facet counts are exact; k > 1: counted on one document in k and multiplied by k.
    facet_sample: int = 1


# Facet counts are exact up to this many results. Beyond, counting every value of every result
# costs more than the search itself, so they are counted on a sample: the documents whose
# id % SHARDS is below SHARDS / k, for the smallest power of two k that brings the sample under
# the limit (at most SHARDS), and multiplied by k. Both engines sample the same documents.
SHARDS = 64


def facet_sample(count: int) -> int:
    """The k of a search with `count` results (1: count them all)."""
    limit = settings.COMITY_LIBRARY_FACET_EXACT_LIMIT
    k = 1
    while count > limit * k and k < SHARDS:
        k *= 2
    return k


class NotBuilt(Exception):
    """The engine's index must be rebuilt before it can answer (`comity library reindex`)."""


def engine_name() -> str:
    name = settings.COMITY_LIBRARY_ENGINE
    if name:
        return name
    return "postgresql" if connection.vendor == "postgresql" else "embedded"


def engine():
    """The configured engine."""
    if engine_name() == "postgresql":
        from comity.library.search import postgres

        return postgres.Engine()
    from comity.library.search import embedded

    return embedded.default()


def run(
    query: Query,
    filters: Filters,
    access_keys: list[str],
    *,
    sort: str = Sort.RELEVANCE,
    offset: int = 0,
    limit: int = 20,
    facets: bool = True,
) -> Found:
    return engine().search(
        query, filters, access_keys, sort=sort, offset=offset, limit=limit, facets=facets
    )
