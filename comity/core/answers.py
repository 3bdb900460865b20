"""A per-process cache of finished answers (directory searches, legal bases), by generation.

An answer is kept under its question and the generations of the data it was computed from
(comity.core.generations): it is used while those generations are current, so a change to the
directory leaves legal-basis answers in place, and a sign-in or a saved draft leaves both. The
cache only saves repeating the same question: the computed path must meet the targets on its own
(docs/PERFORMANCE.md measures both). COMITY_ANSWER_CACHE=0 switches it off.
"""

import threading
from collections import OrderedDict

from django.conf import settings

from comity.core import generations

MAX_ENTRIES = 1024
_entries: OrderedDict = OrderedDict()
_lock = threading.Lock()


def cached(key: tuple, build, *, scopes: tuple[str, ...], marker: tuple | None = None):
    """The answer to `key`, built by `build()` unless kept for the current generations of
    `scopes` (pass `marker`, the result of generations.current(*scopes), when already read)."""
    if not settings.COMITY_ANSWER_CACHE:
        return build()
    full = (marker if marker is not None else generations.current(*scopes), key)
    with _lock:
        found = _entries.get(full)
        if found is not None:
            _entries.move_to_end(full)
            return found
    answer = build()
    with _lock:
        _entries[full] = answer
        while len(_entries) > MAX_ENTRIES:
            _entries.popitem(last=False)
    return answer


def clear() -> None:
    with _lock:
        _entries.clear()
