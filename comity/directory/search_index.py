"""A text index for free-text search of the directory, kept by the database itself.

SQLite: an FTS5 table with the trigram tokenizer over `Authority.search_text` (any word of three
characters or more in any script is found without reading the whole table), kept in step by
triggers. PostgreSQL: a pg_trgm GIN index, which makes the same `LIKE '%word%'` use an index.

It is (re)built after every `migrate` rather than in a migration: SQLite rebuilds a table for
many schema changes, which would silently drop the triggers; rebuilding is idempotent and takes
well under a second for tens of thousands of entries. Where the database lacks the feature
(an SQLite without trigram, a PostgreSQL role that may not create the extension), search falls
back to scanning, which gives the same results, slower.
"""

import logging

from django.db import DatabaseError, connection, transaction

log = logging.getLogger(__name__)
FTS = "directory_authority_fts"
_SQLITE = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS directory_authority_fts USING fts5(search_text, "
    "content='directory_authority', content_rowid='rowid', tokenize='trigram')",
    "CREATE TRIGGER IF NOT EXISTS directory_authority_fts_insert AFTER INSERT ON "
    "directory_authority BEGIN INSERT INTO directory_authority_fts(rowid, search_text) "
    "VALUES (new.rowid, new.search_text); END",
    "CREATE TRIGGER IF NOT EXISTS directory_authority_fts_delete AFTER DELETE ON "
    "directory_authority BEGIN INSERT INTO directory_authority_fts(directory_authority_fts, "
    "rowid, search_text) VALUES ('delete', old.rowid, old.search_text); END",
    "CREATE TRIGGER IF NOT EXISTS directory_authority_fts_update AFTER UPDATE ON "
    "directory_authority BEGIN INSERT INTO directory_authority_fts(directory_authority_fts, "
    "rowid, search_text) VALUES ('delete', old.rowid, old.search_text); "
    "INSERT INTO directory_authority_fts(rowid, search_text) VALUES (new.rowid, new.search_text); "
    "END",
    "INSERT INTO directory_authority_fts(directory_authority_fts) VALUES ('rebuild')",
]
_POSTGRESQL = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS directory_authority_search_trgm ON directory_authority "
    "USING gin (search_text gin_trgm_ops)",
]
# A WHERE clause on directory_authority: its rows whose text contains the bound FTS5 phrase.
MATCH_ROWIDS = (
    "directory_authority.rowid IN "
    "(SELECT rowid FROM directory_authority_fts WHERE directory_authority_fts MATCH %s)"
)
_available: dict[str, bool] = {}


def ensure(using: str = "default", **kwargs) -> bool:
    """Create or rebuild the index; True when it is in place. Connected to post_migrate."""
    statements = {"sqlite": _SQLITE, "postgresql": _POSTGRESQL}.get(connection.vendor)
    if not statements:
        return False
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
    except DatabaseError as exc:
        log.warning("Directory text index not available (%s); search will scan.", exc)
        _available.clear()
        return False
    _available.clear()
    return True


def sqlite_fts_available() -> bool:
    """Whether the SQLite text index exists (looked up once per process)."""
    if connection.vendor != "sqlite":
        return False
    if "sqlite" not in _available:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = %s", [FTS])
            _available["sqlite"] = cursor.fetchone() is not None
    return _available["sqlite"]


def phrase(word: str) -> str:
    """An FTS5 phrase for a word, so that no character of it is read as query syntax."""
    return '"' + word.replace('"', '""') + '"'
