"""Generations of the data that answers are computed from: the one rule for what invalidates what.

Answers kept in memory (a directory search, a legal-basis answer, the directory's search index, the
snapshot of treaty data) are keyed by the generations of the data they were computed from. A write
renews the generation of each scope it touches, in its own transaction; a process reads the current
generations (one small query) before it uses what it keeps, so every worker of every server sees a
change as soon as it is committed.

The rule:

| scope       | renewed by an audited change (create, update, delete, import) to            | read by |
|-------------|------------------------------------------------------------------------------|---------|
| `directory` | authorities, their search facets, contact persons, networks, network members | directory search (API, page, index); the central authority in a legal-basis answer |
| `treaties`  | instruments, participant lists, participation, suspensions, declarations, requirement profiles, countries | legal-basis answers, the matrix, a State's treaty profile |

Nothing else renews a generation: a sign-in, a saved draft, a user's change, an export or a
download changes no answer. The change is renewed by `comity.audit.services.record`, which every
service calls in the transaction of its write; loaders that write without an audit entry per row
call `renew` themselves.

A generation is a random token, not a counter: a transaction that renews it and then rolls back
must never leave a value that a later change could take again.
"""

import threading
import uuid
from contextlib import contextmanager

from django.db import connection

DIRECTORY = "directory"
TREATIES = "treaties"

SCOPES: dict[str, frozenset[str]] = {
    DIRECTORY: frozenset(
        {
            "directory.authority",
            "directory.authorityfacet",
            "directory.contactperson",
            "directory.network",
            "directory.networkmember",
        }
    ),
    TREATIES: frozenset(
        {
            "treaties.instrument",
            "treaties.participantlist",
            "treaties.participation",
            "treaties.declaration",
            "treaties.suspension",
            "treaties.requirementprofile",
            "geo.country",
        }
    ),
}
CHANGES = frozenset({"create", "update", "delete", "import"})


def scopes_changed_by(object_type: str, action: str) -> list[str]:
    """The scopes an audited action on `object_type` ("directory.authority") renews."""
    if action not in CHANGES:
        return []
    return [scope for scope, types in SCOPES.items() if object_type in types]


# Within one request, the generations are read once, all scopes in one query (a page may use
# the directory's and the treaty data's); a renewal in the request reads them again.
_in_request = threading.local()


def request_started(**kwargs) -> None:
    _in_request.known = {}


def request_finished(**kwargs) -> None:
    _in_request.known = None


def as_column() -> str:
    """Every generation as one SQL expression ("scope token scope token"), to read with the first
    query of a request (the session or the API token) instead of a query of their own."""
    if connection.vendor == "postgresql":
        return "(SELECT string_agg(scope || ' ' || token, ' ') FROM core_generation)"
    return "(SELECT group_concat(scope || ' ' || token, ' ') FROM core_generation)"


def prime(value: str | None) -> None:
    """Keep for this request the generations read with as_column() (outside a request, or when
    this request has read them already, nothing changes)."""
    if getattr(_in_request, "known", None) != {}:
        return
    words = (value or "").split()
    _in_request.known = dict(zip(words[::2], words[1::2], strict=True)) or {"": ""}


# Scopes whose renewal waits for the end of a bulk write (renewed_once()), per thread.
_batch = threading.local()


@contextmanager
def renewed_once():
    """Renew each scope the writes in the block renew once, when the block ends: an import of
    20,000 rows renews the directory once, not 20,000 times (on PostgreSQL each renewal leaves a
    dead version of the generation row until vacuum). Use it inside the writes' transaction: if
    the block fails, that transaction is rolled back and nothing needs renewing."""
    if getattr(_batch, "scopes", None) is not None:  # nested: the outer block renews
        yield
        return
    _batch.scopes = set()
    try:
        yield
        scopes = _batch.scopes
    finally:
        _batch.scopes = None
    if scopes:
        renew(*sorted(scopes))


def renew(*scopes: str) -> None:
    """Give `scopes` new generations. Call inside the transaction of the change."""
    pending = getattr(_batch, "scopes", None)
    if pending is not None:
        pending.update(scopes)
        return
    if getattr(_in_request, "known", None):
        _in_request.known = {}
    with connection.cursor() as cursor:
        for scope in scopes:
            # One statement, so two first changes at once cannot both try to insert the row.
            cursor.execute(
                "INSERT INTO core_generation (scope, token) VALUES (%s, %s) "
                "ON CONFLICT (scope) DO UPDATE SET token = excluded.token",
                [scope, uuid.uuid4().hex],
            )


def current(*scopes: str) -> tuple[str, ...]:
    """The current generation of each scope, in order ("" for one never renewed)."""
    known = getattr(_in_request, "known", None)
    if known:
        return tuple(known.get(scope, "") for scope in scopes)
    with connection.cursor() as cursor:
        cursor.execute("SELECT scope, token FROM core_generation")
        found = dict(cursor.fetchall())
    if known is not None:  # in a request: keep them for its other reads
        _in_request.known = found or {"": ""}
    return tuple(found.get(scope, "") for scope in scopes)


class Derived:
    """Values derived from one scope's data (a list of choices, a State's profile), kept while
    the scope's generation lasts: computed once per process and generation, not per request."""

    def __init__(self, scope: str):
        self.scope = scope
        self._generation: str | None = None
        self._values: dict = {}
        self._lock = threading.Lock()

    def get(self, key, build, *, generation: str | None = None):
        """The value for `key`, from `build()` once per generation (pass the generation of
        self.scope when it was just read)."""
        if generation is None:
            generation = current(self.scope)[0]
        with self._lock:
            if self._generation != generation:
                self._generation, self._values = generation, {}
            if key in self._values:
                return self._values[key]
        value = build()
        with self._lock:
            if self._generation == generation:
                self._values[key] = value
        return value

    def forget(self) -> None:
        with self._lock:
            self._generation, self._values = None, {}
