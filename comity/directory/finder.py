"""Directory search at the speed of the data: an index of the directory kept in each process.

For each generation of the directory (comity.core.generations) a process reads the directory once
into an Index: the entries in result order (State, name, id: the order of
selectors.search_authorities), one bit set per filter value ("every entry of UKR", "every entry
with competence mla"), and the words of the entries' search text. A search ANDs bit sets, counts
the result exactly (a popcount), takes the page's entries from the bits and reads their stored
listings (listing.py) in one query. Nothing is built per request but the answer itself, and the
answer is the one selectors.search_authorities gives: the same entries, the same order, the same
count (tests/directory/test_finder.py compares them byte for byte).

Free text: a query word (no spaces) is found in an entry's search text exactly when it is part of
one of its space-separated tokens, so the index keeps the distinct tokens of all entries in one
string and, per token, the entries that have it. Looking a word up is a substring search in that
string (a few hundred kilobytes) and the union of the matching tokens' entries. Where few entries
are left after the other filters, their texts are searched directly instead. A word also finds
every entry of a State whose name contains it in one of the seven UI languages (CLDR names,
services.state_names): the index keeps, for each State with entries, its folded names beside
the bit set of its entries, and adds the entries of the States so named to what the texts give.

The index is built from a consistent snapshot of the database and labelled with the generation
read in that snapshot, so it never mixes two states of the directory. Building takes about half
a second for 20,000 entries (docs/PERFORMANCE.md); it happens once per process after a change to
the directory, not after sign-ins, drafts or any other write.
"""

import bisect
import datetime
import json
import threading
import uuid
from array import array
from dataclasses import dataclass, field

from django.db import connection, transaction

from comity.core import generations
from comity.directory import listing
from comity.directory.services import fold, state_names

# A token with at least this many entries keeps them as a bit set; rarer ones as a list.
_DENSE = 64
# Search the texts of the remaining entries directly when at most this many are left, or when a
# word is part of more distinct tokens than this (a letter or two: "a", "de").
_DIRECT_ENTRIES = 1500
_DIRECT_TOKENS = 2000
_MAX_WORDS = 8  # as selectors.search_authorities


@dataclass
class Index:
    generation: str
    size: int
    ids: list[str]  # database form of each entry's id, by position
    verified: array  # verified_on as an ordinal, 0 when never verified, by position
    sets: dict[tuple[str, str], int]  # ("country", "UKR") -> bit set of positions
    texts: list[str]  # search_text by position
    tokens: list[str]  # distinct tokens of all texts
    vocabulary: str  # the tokens joined by "\n" (a token holds no whitespace)
    starts: array  # where each token starts in `vocabulary`
    dense: dict[str, int]  # token -> bit set of positions
    sparse: dict[str, array]  # token -> positions
    # (folded names of a State in the UI languages, bit set of its entries), per State with entries
    states: list[tuple[str, int]] = field(default_factory=list)
    stale: dict[datetime.date, int] = field(default_factory=dict)

    @property
    def everything(self) -> int:
        return (1 << self.size) - 1


@dataclass(frozen=True)
class Found:
    count: int
    ids: list[str]  # database form of the page's ids, in result order
    stale: list[bool]  # per id: Authority.is_stale on the day asked about


_lock = threading.Lock()
_current: list[Index] = []


def index(generation: str | None = None) -> Index:
    """The index for the directory's current generation (built when the directory changed);
    pass `generation` when it was just read."""
    if generation is None:
        generation = generations.current(generations.DIRECTORY)[0]
    found = _current[0] if _current else None
    if found is not None and found.generation == generation:
        return found
    with _lock:
        found = _current[0] if _current else None
        if found is None or found.generation != generation:
            found = _build()
            _current[:] = [found]
    return found


def forget() -> None:
    """Drop this process's index (tests that roll back the database between them)."""
    with _lock:
        _current.clear()


def search(
    f, *, offset: int, limit: int, stale_before: datetime.date, generation: str | None = None
) -> Found:
    """The entries matching filter `f` (selectors.AuthorityFilter), a page of them."""
    idx = index(generation)
    found = matching(idx, f, stale_before)
    positions = _page(found, offset, limit, idx.size)
    return Found(
        count=found.bit_count(),
        ids=[idx.ids[p] for p in positions],
        stale=[_is_stale(idx.verified[p], stale_before) for p in positions],
    )


@dataclass(frozen=True)
class Listed:
    """What a search page shows of an entry (directory/templatetags/directory.py, result_items)."""

    id: uuid.UUID
    country_id: str
    name: str
    names: dict
    kind: str
    competences: list
    instruments: list
    languages: list
    verified_on: datetime.date | None
    is_example: bool

    def display_name(self, language: str) -> str:
        return self.names.get(language) or self.name  # as Authority.display_name


_JSON_LISTED = ("names", "competences", "instruments", "languages")


def _listed_columns() -> str:
    """The columns of a Listed, its four JSON columns as one JSON array: one decode a row."""
    cast = "::text" if connection.vendor == "postgresql" else ""
    array = " || ',' || ".join(f"{name}{cast}" for name in _JSON_LISTED)
    return f"id, country_id, name, kind, verified_on, is_example, '[' || {array} || ']'"


def _listed(row: tuple) -> Listed:
    """A Listed from a raw row of _listed_columns() (dates as the database driver gives them)."""
    pk, country, name, kind, verified, example, json_columns = row
    names, competences, instruments, languages = json.loads(json_columns)
    return Listed(
        pk if isinstance(pk, uuid.UUID) else uuid.UUID(pk),
        country,
        name,
        names,
        kind,
        competences,
        instruments,
        languages,
        datetime.date.fromisoformat(verified) if isinstance(verified, str) else verified,
        bool(example),
    )


class Matches:
    """The entries matching a filter, as Django's Paginator reads a list: count() and slices (of
    Listed), for the directory's search page."""

    def __init__(self, f, stale_before: datetime.date):
        self._index = index()
        self._found = matching(self._index, f, stale_before)
        self._count = self._found.bit_count()

    def count(self) -> int:
        return self._count

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, window: slice) -> list[Listed]:
        start = window.start or 0
        stop = self._count if window.stop is None else min(window.stop, self._count)
        if stop <= start:
            return []
        positions = _page(self._found, start, stop - start, self._index.size)
        ids = [self._index.ids[p] for p in positions]
        rows = _fetch(ids, _listed_columns())
        return [_listed(rows[i]) for i in ids if i in rows]


def matching(idx: Index, f, stale_before: datetime.date) -> int:
    """The bit set of entries that match every filter of `f`."""
    found = idx.everything
    for key in (
        ("country", f.country.upper()),
        ("kind", f.kind),
        ("competence", f.competence),
        ("instrument", f.instrument.upper()),
        ("language", f.language.lower()),
        ("channel", f.channel),
    ):
        if key[1]:
            found &= idx.sets.get(key, 0)
    if f.stale:
        found &= _stale_set(idx, stale_before)
    if not f.examples:
        found &= ~idx.sets.get(("example", "1"), 0)
    for word in fold(f.q).split()[:_MAX_WORDS]:
        if not found:
            break
        found &= _containing(idx, word, found)
    return found


def listings(found: Found) -> list[str]:
    """The page's items as JSON objects (AuthorityOut), in order; an entry deleted since the
    index was built is left out."""
    stored = {i: row[1] for i, row in _fetch(found.ids, "id, listing").items()}
    missing = [i for i in found.ids if not stored.get(i)]
    if missing:  # saved outside the services (fixtures, a hand-made row): written here
        for row in listing.rows_of(missing):
            stored[_db_id(row[0])] = listing.stored(row)
    return [
        listing.with_stale(stored[i], stale)
        for i, stale in zip(found.ids, found.stale, strict=True)
        if stored.get(i)
    ]


def _fetch(ids: list[str], columns: str) -> dict[str, tuple]:
    """Rows of directory_authority by the database form of their ids, `columns` first the id.
    Written out: compiling an ORM query would cost more than running it."""
    if not ids:
        return {}
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"SELECT {columns} FROM directory_authority WHERE id = ANY(%s::uuid[])",  # noqa: S608
                [ids],
            )
            return {str(row[0]): row for row in cursor.fetchall()}
        marks = ", ".join(["%s"] * len(ids))
        cursor.execute(f"SELECT {columns} FROM directory_authority WHERE id IN ({marks})", ids)  # noqa: S608
        return {row[0]: row for row in cursor.fetchall()}


def _db_id(value) -> str:
    return str(value) if connection.vendor == "postgresql" else value.hex


# --- Reading the page ---------------------------------------------------------------------------
def _page(found: int, offset: int, limit: int, size: int) -> list[int]:
    """Positions of the set bits of `found` from the offset-th to the (offset+limit)-th."""
    out: list[int] = []
    if not found:
        return out
    words = memoryview(found.to_bytes(_bytes(size), "little")).cast("Q")
    skip = offset
    for w, word in enumerate(words):
        if not word:
            continue
        if skip:
            n = word.bit_count()
            if n <= skip:
                skip -= n
                continue
        base = w * 64
        while word:
            low = word & -word
            if skip:
                skip -= 1
            else:
                out.append(base + low.bit_length() - 1)
                if len(out) == limit:
                    return out
            word ^= low
    return out


def _bytes(size: int) -> int:
    return (size + 63) // 64 * 8


def _positions(found: int, size: int) -> list[int]:
    return _page(found, 0, size, size) if found else []


def _bits(positions, size: int) -> int:
    flags = bytearray(_bytes(size))
    for p in positions:
        flags[p >> 3] |= 1 << (p & 7)
    return int.from_bytes(flags, "little")


# --- Filters ------------------------------------------------------------------------------------
def _is_stale(ordinal: int, stale_before: datetime.date) -> bool:
    return ordinal == 0 or ordinal < stale_before.toordinal()


def _stale_set(idx: Index, stale_before: datetime.date) -> int:
    found = idx.stale.get(stale_before)
    if found is None:
        limit = stale_before.toordinal()
        found = _bits((p for p, v in enumerate(idx.verified) if v == 0 or v < limit), idx.size)
        idx.stale[stale_before] = found
    return found


def _containing(idx: Index, word: str, among: int) -> int:
    """The entries, of those in `among`, whose search text or State's name contains `word` (a
    superset may be returned: the caller intersects)."""
    found = _in_texts(idx, word, among)
    for names, entries in idx.states:
        if word in names:
            found |= entries
    return found


def _in_texts(idx: Index, word: str, among: int) -> int:
    """The entries, of those in `among`, whose search text contains `word`."""
    if among.bit_count() <= _DIRECT_ENTRIES:
        return _scan(idx, word, _positions(among, idx.size))
    if len(word) <= 2 and idx.vocabulary.count(word) > _DIRECT_TOKENS:  # "a", "de"
        return _scan(idx, word, range(idx.size)) & among
    flags = bytearray(_bytes(idx.size))
    found = 0
    matched = 0
    at = idx.vocabulary.find(word)
    while at != -1:
        matched += 1
        if matched > _DIRECT_TOKENS:  # part of a great many tokens after all
            return _scan(idx, word, range(idx.size)) & among
        t = bisect.bisect_right(idx.starts, at) - 1
        token = idx.tokens[t]
        dense = idx.dense.get(token)
        if dense is not None:
            found |= dense
        else:
            for p in idx.sparse[token]:
                flags[p >> 3] |= 1 << (p & 7)
        at = idx.vocabulary.find(word, idx.starts[t + 1]) if t + 1 < len(idx.starts) else -1
    return found | int.from_bytes(flags, "little")


def _scan(idx: Index, word: str, positions) -> int:
    texts = idx.texts
    return _bits((p for p in positions if word in texts[p]), idx.size)


# --- Building -----------------------------------------------------------------------------------
_POSTGRESQL = {
    "entries": (
        "SELECT id::text, country_id, kind, verified_on, is_example, search_text "
        "FROM directory_authority ORDER BY country_id, name, id"
    ),
    "facets": (
        "SELECT facet, value, string_agg(authority_id::text, ' ') "
        "FROM directory_authorityfacet GROUP BY facet, value"
    ),
}
_SQLITE = {
    "entries": (
        "SELECT id, country_id, kind, verified_on, is_example, search_text "
        "FROM directory_authority ORDER BY country_id, name, id"
    ),
    "facets": (
        "SELECT facet, value, group_concat(authority_id, ' ') "
        "FROM directory_authorityfacet GROUP BY facet, value"
    ),
}


def _build() -> Index:
    sql = _POSTGRESQL if connection.vendor == "postgresql" else _SQLITE
    snapshot = connection.vendor == "postgresql" and not connection.in_atomic_block
    with transaction.atomic(), connection.cursor() as cursor:
        if snapshot:
            # One snapshot for the generation and every table read after it (SQLite's read
            # transaction is one already).
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        cursor.execute(
            "SELECT token FROM core_generation WHERE scope = %s", [generations.DIRECTORY]
        )
        row = cursor.fetchone()
        generation = row[0] if row else ""
        cursor.execute(sql["entries"])
        entries = cursor.fetchall()
        cursor.execute(sql["facets"])
        facets = cursor.fetchall()
    size = len(entries)
    position = {entry[0]: p for p, entry in enumerate(entries)}
    by_value: dict[tuple[str, str], list[int]] = {}
    verified = array("l", [0]) * size
    texts: list[str] = []
    for p, (_id, country, kind, verified_on, is_example, text) in enumerate(entries):
        by_value.setdefault(("country", country), []).append(p)
        by_value.setdefault(("kind", kind), []).append(p)
        if is_example:
            by_value.setdefault(("example", "1"), []).append(p)
        if verified_on:
            verified[p] = _ordinal(verified_on)
        texts.append(text)
    sets = {key: _bits(ps, size) for key, ps in by_value.items()}
    for facet, value, ids in facets:
        sets[(facet, value)] = _bits((position[i] for i in ids.split(" ")), size)
    names = state_names()
    states = [
        (names[code], entries)
        for (facet, code), entries in sets.items()
        if facet == "country" and code in names
    ]
    return Index(
        generation=generation,
        size=size,
        ids=[entry[0] for entry in entries],
        verified=verified,
        sets=sets,
        texts=texts,
        **_text_index(texts, size),
        states=states,
    )


def _ordinal(value) -> int:
    if isinstance(value, str):  # SQLite returns dates as text
        value = datetime.date.fromisoformat(value)
    return value.toordinal()


def _text_index(texts: list[str], size: int) -> dict:
    postings: dict[str, list[int]] = {}
    for p, text in enumerate(texts):
        for token in set(text.split()):
            found = postings.get(token)
            if found is None:
                postings[token] = [p]
            else:
                found.append(p)
    tokens = list(postings)
    starts = array("l")
    at = 0
    for token in tokens:
        starts.append(at)
        at += len(token) + 1
    dense = {t: _bits(ps, size) for t, ps in postings.items() if len(ps) >= _DENSE}
    sparse = {t: array("l", ps) for t, ps in postings.items() if len(ps) < _DENSE}
    return {
        "tokens": tokens,
        "vocabulary": "\n".join(tokens),
        "starts": starts,
        "dense": dense,
        "sparse": sparse,
    }
