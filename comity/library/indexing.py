"""Keeping the search engines in step with the documents (see library.search).

`changed()` is called by every service that writes a document, inside its transaction: on
PostgreSQL the engine's rows are written there and then; the embedded index is queued and takes
the change once the transaction has committed. `reindex()` rebuilds from the database.
"""

from django.db import connection, transaction

from comity.library.models import Document
from comity.library.search import engine_name, rows

REINDEX_BATCH = 2000


def changed(document_ids) -> None:
    ids = list(dict.fromkeys(document_ids))
    if not ids:
        return
    if connection.vendor == "postgresql":
        from comity.library.search import postgres

        documents = [rows.indexed(d) for d in _documents(ids)]
        postgres.Engine().put(documents, removed=ids)
    if engine_name() == "embedded":
        from comity.library.search import embedded

        embedded.queue(ids)


def _documents(ids):
    return Document.objects.filter(pk__in=ids).prefetch_related("articles")


def batches(size: int = REINDEX_BATCH):
    """Every document, analysed, in batches (by id, so memory stays flat)."""
    last = 0
    while True:
        chunk = list(
            Document.objects.filter(pk__gt=last).order_by("pk").prefetch_related("articles")[:size]
        )
        if not chunk:
            return
        last = chunk[-1].pk
        yield [rows.indexed(d) for d in chunk]


def reindex(*, progress=None, postgresql: bool = True) -> dict[str, int]:
    """Rebuild the engines this installation uses from the database; counts per engine.
    `postgresql=False` leaves the PostgreSQL engine's rows as they are (after a restore, which
    brought them back with the database)."""
    done = {}
    if connection.vendor == "postgresql" and postgresql:
        from comity.library.search import postgres

        with transaction.atomic():
            done["postgresql"] = postgres.Engine().rebuild(_reported(batches(), progress))
    if engine_name() == "embedded":
        from comity.library.models import PendingIndex
        from comity.library.search import embedded

        newest = PendingIndex.objects.order_by("-id").values_list("id", flat=True).first()
        done["embedded"] = embedded.default().rebuild(_reported(batches(), progress))
        if newest:
            PendingIndex.objects.filter(id__lte=newest).delete()
    return done


def needs_rebuild() -> bool:
    """Whether the embedded index (when it is the engine) is empty beside documents."""
    if engine_name() != "embedded" or not Document.objects.exists():
        return False
    from comity.library.search import embedded

    return embedded.default().searcher().num_docs == 0


def _reported(source, progress):
    total = 0
    for batch in source:
        total += len(batch)
        if progress:
            progress(total)
        yield batch
