"""A per-process cache of read-only answers (directory searches, legal bases) until any change.

Questions repeat (the same State, the same competence) and the data change rarely. Every change
is audited in the same transaction, so the newest audit entry is a change
marker (its hash, which no other entry shares, even where a rolled-back id is reused): a cached answer is used only while that marker, the parts of the key the caller
adds (day, language) are unchanged. Any audited write, anywhere, empties the cache on next use.
"""

import threading
from collections import OrderedDict

from django.conf import settings
from django.db import connection

MAX_ENTRIES = 512
_entries: OrderedDict = OrderedDict()
_marker: list = [None]
_lock = threading.Lock()


def change_marker() -> str:
    # Written out: compiling the ORM query costs more than running it (docs/PERFORMANCE.md).
    with connection.cursor() as cursor:
        cursor.execute("SELECT hash FROM audit_auditentry ORDER BY id DESC LIMIT 1")
        row = cursor.fetchone()
    return row[0] if row else ""


def cached(key: tuple, build) -> bytes:
    """The body for `key`, built by `build()` when absent or when anything has changed since."""
    if not settings.COMITY_ANSWER_CACHE:
        return build()
    marker = change_marker()
    with _lock:
        if _marker[0] != marker:
            _entries.clear()
            _marker[0] = marker
        found = _entries.get(key)
        if found is not None:
            _entries.move_to_end(key)
            return found
    body = build()
    with _lock:
        if _marker[0] == marker:
            _entries[key] = body
            if len(_entries) > MAX_ENTRIES:
                _entries.popitem(last=False)
    return body


def clear() -> None:
    with _lock:
        _entries.clear()
        _marker[0] = None
