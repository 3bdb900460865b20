"""The embedded engine: a Tantivy index in COMITY_LIBRARY_INDEX (a folder under COMITY_HOME).

The index follows the database and is never ahead of it. A service that saves or deletes a
document adds a PendingIndex row in the same transaction; once that transaction has committed,
`sync()` reads the pending rows, applies the documents as the database now holds them, commits
the index, and only then removes the rows. A crash before the index commit leaves the rows for
the next write or search to apply again (applying a document twice is harmless: it replaces
itself). Writers on one machine take turns through a lock file beside the index.
"""

import fcntl
import logging
import os
import threading
from contextlib import contextmanager
from pathlib import Path

import tantivy
from django.conf import settings
from django.db import transaction

from comity.library import analysis
from comity.library.query import Query, phrase_forms
from comity.library.search import SHARDS, Filters, Found, Hit, NotBuilt, Sort, facet_sample
from comity.library.search.rows import IndexedDocument
from comity.library.vocabulary import FACETS

logger = logging.getLogger(__name__)

# Field weights: a word in the title counts three times one in the body, in the summary twice.
BOOSTS = {"title": 3.0, "summary": 2.0, "body": 1.0}
FACET_SIZES = {"country": 300, "year": 300, "instrument": 100}
WRITER_HEAP = 64_000_000
# The version of schema(): change it with the schema (a new index folder is then built).
SCHEMA_VERSION = 2
# An empty index is rebuilt during a search when the library has at most this many documents.
REBUILD_AT_ONCE = 20_000
BATCH = 2000


def schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_unsigned_field("id", stored=True, indexed=True, fast=True)
    for name in BOOSTS:
        builder.add_text_field(name, tokenizer_name="whitespace")
    for name in ("type", "country", "crime", "cooperation", "instrument", "language", "access"):
        builder.add_text_field(name, tokenizer_name="raw", fast=True)
    builder.add_unsigned_field("year", indexed=True, fast=True)
    builder.add_integer_field("day", indexed=False, fast=True)
    builder.add_unsigned_field("shard", indexed=True, fast=True)
    return builder.build()


class Engine:
    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.mkdir(parents=True, exist_ok=True)
        self.schema = schema()
        self.index = tantivy.Index(self.schema, path=str(self.path))
        self._seen = None
        self._reload_lock = threading.Lock()

    # --- reading -------------------------------------------------------------------------------
    def searcher(self) -> tantivy.Searcher:
        """A searcher on the latest commit, whichever process made it."""
        stamp = _stamp(self.path / "meta.json")
        if stamp != self._seen:
            with self._reload_lock:
                self.index.reload()
                self._seen = stamp
        return self.index.searcher()

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
        catch_up(self)
        ensure_built(self)
        searcher = self.searcher()
        compiled = self.compile(query, filters, access_keys)
        if query.empty and sort == Sort.RELEVANCE:
            sort = Sort.NEWEST
        options = {}
        if sort != Sort.RELEVANCE:
            options = {
                "order_by_field": "day",
                "order": tantivy.Order.Desc if sort == Sort.NEWEST else tantivy.Order.Asc,
            }
        result = searcher.search(compiled, limit, count=True, offset=offset, **options)
        hits = [
            Hit(searcher.doc(address)["id"][0], float(key) if not options else 0.0)
            for key, address in result.hits
        ]
        count = result.count or 0
        sample = facet_sample(count)
        counted = self.facet_counts(searcher, compiled, sample) if facets else {}
        return Found(count=count, hits=hits, facets=counted, facet_sample=sample)

    def facet_counts(self, searcher, compiled, sample: int = 1) -> dict:
        spec = {
            name: {"terms": {"field": name, "size": FACET_SIZES.get(name, 50)}} for name in FACETS
        }
        if sample > 1:
            shards = tantivy.Query.range_query(
                self.schema, "shard", tantivy.FieldType.Unsigned, 0, SHARDS // sample - 1
            )
            compiled = tantivy.Query.boolean_query(
                [(tantivy.Occur.Must, compiled), (tantivy.Occur.Must, self._filter(shards))]
            )
        answer = searcher.aggregate(compiled, spec)
        return {
            name: [(str(b["key"]), int(b["doc_count"]) * sample) for b in answer[name]["buckets"]]
            for name in FACETS
        }

    def compile(self, query: Query, filters: Filters, access_keys: list[str]) -> tantivy.Query:
        must = []
        for clause in query.clauses:
            if clause.prefix:
                part = self._prefix(clause.words[0])
            elif clause.is_phrase:
                part = self._phrase(clause.words)
            else:
                part = self._word(clause.words[0])
            must.append((tantivy.Occur.MustNot if clause.negated else tantivy.Occur.Must, part))
        if query.empty:
            must.append((tantivy.Occur.Must, tantivy.Query.all_query()))
        for name, values in filters.items():
            must.append((tantivy.Occur.Must, self._filter(self._any(name, values))))
        if filters.year_from or filters.year_to:
            years = tantivy.Query.range_query(
                self.schema,
                "year",
                tantivy.FieldType.Unsigned,
                filters.year_from or 0,
                filters.year_to or 9999,
            )
            must.append((tantivy.Occur.Must, self._filter(years)))
        must.append((tantivy.Occur.Must, self._filter(self._any("access", access_keys))))
        return tantivy.Query.boolean_query(must)

    def _word(self, word: str) -> tantivy.Query:
        return self._over_fields(
            lambda field: [
                tantivy.Query.term_query(self.schema, field, form) for form in analysis.forms(word)
            ]
        )

    def _phrase(self, words: tuple[str, ...]) -> tantivy.Query:
        return self._over_fields(
            lambda field: [
                tantivy.Query.phrase_query(self.schema, field, list(terms))
                for terms in phrase_forms(words)
            ]
        )

    def _prefix(self, prefix: str) -> tantivy.Query:
        pattern = "".join("\\" + c if not c.isalnum() else c for c in prefix) + ".*"
        return self._over_fields(
            lambda field: [tantivy.Query.regex_query(self.schema, field, pattern)]
        )

    def _over_fields(self, parts) -> tantivy.Query:
        should = []
        for field, boost in BOOSTS.items():
            alternatives = parts(field)
            query = (
                alternatives[0]
                if len(alternatives) == 1
                else tantivy.Query.boolean_query([(tantivy.Occur.Should, q) for q in alternatives])
            )
            should.append((tantivy.Occur.Should, tantivy.Query.boost_query(query, boost)))
        return tantivy.Query.boolean_query(should)

    def _any(self, name: str, values) -> tantivy.Query:
        if name == "year":
            return tantivy.Query.boolean_query(
                [
                    (tantivy.Occur.Should, tantivy.Query.term_query(self.schema, "year", int(v)))
                    for v in values
                    if str(v).isdigit()
                ]
                or [(tantivy.Occur.Must, tantivy.Query.empty_query())]
            )
        return tantivy.Query.term_set_query(self.schema, name, [str(v) for v in values])

    @staticmethod
    def _filter(query: tantivy.Query) -> tantivy.Query:
        return tantivy.Query.const_score_query(query, 0.0)

    # --- writing -------------------------------------------------------------------------------
    @contextmanager
    def writer(self, heap: int = WRITER_HEAP, threads: int = 1):
        with _turn(self.path):
            writer = self.index.writer(heap, threads)
            try:
                yield writer
                writer.commit()
            except BaseException:
                writer.rollback()
                raise
            finally:
                writer.wait_merging_threads()
        self._seen = None

    def put(self, writer, documents: list[IndexedDocument], removed=()) -> None:
        # (delete_documents_by_term takes a Python int for a signed value: it would not match
        # the unsigned id, so the delete goes through a term query on the field.)
        for pk in {*removed, *(d.id for d in documents)}:
            writer.delete_documents_by_query(tantivy.Query.term_query(self.schema, "id", pk))
        for document in documents:
            writer.add_document(self.as_tantivy(document))

    @staticmethod
    def as_tantivy(document: IndexedDocument) -> tantivy.Document:
        out = tantivy.Document()
        out.add_unsigned("id", document.id)
        for name in BOOSTS:
            terms = getattr(document, name)
            if terms:
                out.add_text(name, " ".join(terms))
        for name, values in document.facets.items():
            if name == "year":
                continue
            for value in values:
                out.add_text(name, value)
        if document.year:
            out.add_unsigned("year", document.year)
        out.add_text("access", document.access_key)
        out.add_integer("day", document.day)
        out.add_unsigned("shard", document.id % SHARDS)
        return out

    def rebuild(self, batches) -> int:
        """Replace the whole index with `batches` (lists of IndexedDocument) in one commit."""
        count = 0
        with self.writer(heap=512_000_000, threads=max(1, min(4, os.cpu_count() or 1))) as w:
            w.delete_all_documents()
            for batch in batches:
                for document in batch:
                    w.add_document(self.as_tantivy(document))
                count += len(batch)
        return count

    def size(self) -> int:
        return self.searcher().num_docs


def _stamp(path: Path):
    try:
        info = path.stat()
    except FileNotFoundError:
        return None
    return (info.st_mtime_ns, info.st_size, info.st_ino)


@contextmanager
def _turn(path: Path):
    """One writer at a time on this machine, across processes."""
    with open(path.parent / (path.name + ".lock"), "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


_engines: dict[str, Engine] = {}
_engines_lock = threading.Lock()


def forget() -> None:
    """Close this process's engines (tests that point COMITY_LIBRARY_INDEX elsewhere)."""
    with _engines_lock:
        _engines.clear()


def default() -> Engine:
    """This process's engine on the index of the current schema: a folder `v<SCHEMA_VERSION>`
    inside COMITY_LIBRARY_INDEX, so that a new version of comity with another schema starts a new
    index beside the old one instead of failing to open it."""
    path = str(Path(settings.COMITY_LIBRARY_INDEX) / f"v{SCHEMA_VERSION}")
    with _engines_lock:
        if path not in _engines:
            _engines[path] = Engine(Path(path))
        return _engines[path]


def ensure_built(engine: Engine) -> None:
    """An empty index beside a library that has documents is rebuilt at once when the library is
    small; a large one needs `comity library reindex` (NotBuilt until then), never a search
    that answers "nothing" for want of an index."""
    from comity.library.models import Document

    if engine.searcher().num_docs or not Document.objects.exists():
        return
    if Document.objects.count() > REBUILD_AT_ONCE:
        raise NotBuilt
    from comity.library.indexing import batches

    engine.rebuild(batches())


# --- keeping the index behind the database ---------------------------------------------------
def queue(document_ids) -> None:
    """Note changed documents in the current transaction; the index takes them after commit."""
    from comity.library.models import PendingIndex

    PendingIndex.objects.bulk_create([PendingIndex(document_id=pk) for pk in document_ids])
    transaction.on_commit(_sync_after_commit)


def _sync_after_commit() -> None:
    """The saved documents into the index. The save itself has committed: if the index cannot
    take them now, the user is not told the save failed; the pending rows stay for the next
    write or search, and the problem is logged."""
    try:
        sync(default())
    except Exception:
        logger.exception("The library index could not take a change; it will be applied later.")


def catch_up(engine: Engine) -> None:
    """Apply what a crashed or interrupted writer left pending (one cheap query otherwise)."""
    from comity.library.models import PendingIndex

    if not transaction.get_connection().in_atomic_block and PendingIndex.objects.exists():
        sync(engine)


def sync(engine: Engine) -> int:
    """Apply the pending changes in the order they were queued; returns how many documents."""
    from comity.library.models import Document, PendingIndex
    from comity.library.search.rows import indexed

    done = 0
    while True:
        pending = list(PendingIndex.objects.order_by("id").values_list("id", "document_id")[:BATCH])
        if not pending:
            return done
        ids = {document_id for _, document_id in pending}
        documents = [
            indexed(d) for d in Document.objects.filter(pk__in=ids).prefetch_related("articles")
        ]
        with engine.writer() as writer:
            engine.put(writer, documents, removed=ids)
        PendingIndex.objects.filter(id__in=[pk for pk, _ in pending]).delete()
        done += len(ids)
