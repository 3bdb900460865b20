"""The PostgreSQL engine: one row per document in library_searchrow, written in the same
transaction as the document, with a tsvector of comity's own terms (GIN-indexed) and the facet
values as a text array (GIN-indexed).

The tsvector is built here, term by term, rather than by to_tsvector: the terms are those of
library/analysis.py, exactly as the embedded engine indexes them. The title's terms carry weight A,
the summary's B and the body's D; ts_rank weighs them 1, 0.67 and 0.33 (BOOSTS of the embedded
engine, scaled), with ranks divided by 1 + the log of the document's length. PostgreSQL keeps at
most 256 positions of one term and none beyond 16,383: a longer document is still found by every
word, but a phrase that starts beyond that point is not.
"""

# The statements are put together from fixed fragments of this module; every value the user
# gives is a parameter.
# ruff: noqa: S608

from collections import defaultdict

from django.conf import settings
from django.db import connection

from comity.library import analysis
from comity.library.query import Query, phrase_forms
from comity.library.search import SHARDS, Filters, Found, Hit, Sort, facet_sample
from comity.library.search.rows import FIELD_GAP, IndexedDocument
from comity.library.vocabulary import FACETS

TABLE = "library_searchrow"
WEIGHTS = "{0.33,0.33,0.67,1.0}"  # D, C, B, A
MAX_POSITION = 16383
MAX_POSITIONS_PER_TERM = 256
SAMPLES = [2**n for n in range(7)]  # 1 .. SHARDS
COLUMNS = ("document_id", "vector", "facets", "access_key", "year", "day")


def tsvector(document: IndexedDocument) -> str:
    positions: dict[str, list[str]] = defaultdict(list)
    at = 1
    for name, weight in (("title", "A"), ("summary", "B"), ("body", "D")):
        for term in getattr(document, name):
            kept = positions[term]
            if len(kept) < MAX_POSITIONS_PER_TERM:
                kept.append(f"{min(at, MAX_POSITION)}{weight}")
            at += 1
        at += FIELD_GAP
    return " ".join(f"'{_quoted(term)}':{','.join(p)}" for term, p in positions.items())


def _quoted(term: str) -> str:
    return term.replace("\\", "\\\\").replace("'", "''")


def tsquery(query: Query, *, negated: bool = False) -> str:
    """The tsquery of the clauses of `query` (the negated ones, as positives, when `negated`)."""
    parts = []
    for clause in query.clauses:
        if clause.negated != negated:
            continue
        if clause.prefix:
            parts.append(f"'{_quoted(clause.words[0])}':*")
        elif clause.is_phrase:
            forms = [
                "(" + " <-> ".join(f"'{_quoted(t)}'" for t in terms) + ")"
                for terms in phrase_forms(clause.words)
            ]
            parts.append("(" + " | ".join(forms) + ")")
        else:
            forms = analysis.forms(clause.words[0])
            parts.append("(" + " | ".join(f"'{_quoted(f)}'" for f in forms) + ")")
    return (" | " if negated else " & ").join(parts)


class Engine:
    def search(
        self,
        query: Query,
        filters: Filters,
        access_keys: list[str],
        *,
        sort: str = Sort.RELEVANCE,
        offset: int = 0,
        limit: int = 20,
        facets: bool = True,
    ) -> Found:
        where, params = ["access_key = ANY(%s)"], [list(access_keys)]
        positive, negative = tsquery(query), tsquery(query, negated=True)
        if positive:
            where.append("vector @@ %s::tsquery")
            params.append(positive)
        if negative:
            where.append("NOT vector @@ %s::tsquery")
            params.append(negative)
        for name, values in filters.items():
            where.append("facets && %s::text[]")
            params.append([f"{name}:{v}" for v in values])
        if filters.year_from:
            where.append("year >= %s")
            params.append(filters.year_from)
        if filters.year_to:
            where.append("year <= %s")
            params.append(filters.year_to)
        if query.empty and sort == Sort.RELEVANCE:
            sort = Sort.NEWEST
        if sort == Sort.RELEVANCE:
            # The score is the first expression of the statement: its parameters come first.
            score = "ts_rank(%s::float4[], vector, %s::tsquery, 1)::float8"
            order = "score DESC, document_id"
            params = [WEIGHTS, positive, *params]
        else:
            score = "0::float8"
            order = "day DESC, document_id DESC" if sort == Sort.NEWEST else "day, document_id"
        # Every part is computed once: the matches (m), their number (c), and the facet sample
        # of search.facet_sample() (n: the smallest power of two k, at most SHARDS, with
        # count <= limit * k), each a materialised CTE.
        ctes = [
            f"m AS MATERIALIZED (SELECT document_id, facets, day, {score} AS score "
            f"FROM {TABLE} WHERE {' AND '.join(where)})",
            "c AS MATERIALIZED (SELECT count(*) AS c FROM m)",
        ]
        parts = [
            f"(SELECT 0, document_id::text, score FROM m ORDER BY {order} LIMIT %s OFFSET %s)",
            "(SELECT 1, c::text, 0 FROM c)",
        ]
        if facets:
            ctes.append(
                f"n AS MATERIALIZED (SELECT (SELECT coalesce(min(k), {SHARDS}) "
                "FROM unnest(%s::int[]) k WHERE c.c <= %s::bigint * k) AS k FROM c)"
            )
            params += [SAMPLES, settings.COMITY_LIBRARY_FACET_EXACT_LIMIT]
            parts.append(
                "(SELECT 2, f, count(*)::float8 * n.k FROM m CROSS JOIN n, unnest(m.facets) f "
                f"WHERE mod(m.document_id, {SHARDS}) < {SHARDS} / n.k GROUP BY f, n.k)"
            )
        params += [limit, offset]
        sql = "WITH " + ", ".join(ctes) + " " + " UNION ALL ".join(parts)
        with connection.cursor() as cursor:
            # Never prepared: a prepared statement goes over to PostgreSQL's generic plan after
            # a few runs, and for this one the generic plan is up to 80 times slower than the
            # plan made for the query at hand (the selectivity of its words decides the plan).
            cursor.cursor.execute(sql, params, prepare=False)  # psycopg's own cursor
            rows = cursor.fetchall()
        hits, count, counted = [], 0, {name: [] for name in FACETS} if facets else {}
        for part, value, number in rows:
            if part == 0:
                hits.append(Hit(int(value), float(number)))
            elif part == 1:
                count = int(value)
            else:
                name, _, key = value.partition(":")
                counted.setdefault(name, []).append((key, int(number)))
        for name in counted:
            counted[name].sort(key=lambda item: (-item[1], item[0]))
        return Found(count=count, hits=hits, facets=counted, facet_sample=facet_sample(count))

    # --- writing -------------------------------------------------------------------------------
    def put(self, documents: list[IndexedDocument], removed=()) -> None:
        """Write (or remove) rows inside the caller's transaction."""
        with connection.cursor() as cursor:
            gone = [pk for pk in removed if pk not in {d.id for d in documents}]
            if gone:
                cursor.execute(f"DELETE FROM {TABLE} WHERE document_id = ANY(%s)", [gone])
            for document in documents:
                cursor.execute(
                    f"INSERT INTO {TABLE} ({', '.join(COLUMNS)}) "
                    "VALUES (%s, %s::tsvector, %s, %s, %s, %s) "
                    "ON CONFLICT (document_id) DO UPDATE SET vector = EXCLUDED.vector, "
                    "facets = EXCLUDED.facets, access_key = EXCLUDED.access_key, "
                    "year = EXCLUDED.year, day = EXCLUDED.day",
                    row(document),
                )

    def rebuild(self, batches) -> int:
        """Replace every row with `batches` (lists of IndexedDocument), in one transaction."""
        count = 0
        with connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {TABLE}")
            raw = cursor.cursor if hasattr(cursor, "cursor") else cursor
            for batch in batches:
                with raw.copy(f"COPY {TABLE} ({', '.join(COLUMNS)}) FROM STDIN") as copy:
                    for document in batch:
                        copy.write_row(row(document))
                count += len(batch)
            cursor.execute(f"ANALYZE {TABLE}")
        return count

    def size(self) -> int:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM {TABLE}")
            return cursor.fetchone()[0]


def row(document: IndexedDocument) -> tuple:
    return (
        document.id,
        tsvector(document),
        document.facet_keys(),
        document.access_key,
        document.year,
        document.day,
    )
