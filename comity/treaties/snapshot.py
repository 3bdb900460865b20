"""An in-memory copy of the treaty facts the legal-basis engine reads, rebuilt when they change.

Reading a few thousand rows takes milliseconds; answering a question from dictionaries takes
microseconds. The copy is keyed by the generation of treaty data (comity.core.generations).
"""

import datetime
import threading
from dataclasses import dataclass, field

from comity.core import generations
from comity.geo.models import Country
from comity.treaties.models import (
    Declaration,
    Instrument,
    ParticipantList,
    Participation,
    Suspension,
)


@dataclass(frozen=True)
class Row:
    signature: datetime.date | None
    consent: datetime.date | None
    consent_type: str
    in_force: datetime.date | None
    in_force_computed: bool
    withdrawal: datetime.date | None
    source: str
    as_of: datetime.date | None
    notes: str

    @classmethod
    def of(cls, p: Participation) -> "Row":
        return cls(
            p.signature_date,
            p.consent_date,
            p.consent_type,
            p.entry_into_force,
            p.entry_into_force_computed,
            p.withdrawal_date,
            p.source,
            p.as_of,
            p.notes,
        )


@dataclass(frozen=True)
class Fact:
    value: dict
    text: str
    source: str
    as_of: datetime.date | None


@dataclass(frozen=True)
class Stop:
    """One State's suspension, termination or non-application of an instrument towards another."""

    state: str
    towards: str
    kind: str
    effective_from: datetime.date
    ended_on: datetime.date | None
    source: str
    as_of: datetime.date | None
    notes: str

    def in_effect(self, on: datetime.date) -> bool:
        return self.effective_from <= on and (self.ended_on is None or on < self.ended_on)


def pair_key(code: str, a: str, b: str) -> tuple[str, str, str]:
    """The key of a pair of States under an instrument, whichever State acted."""
    return (code, a, b) if a < b else (code, b, a)


@dataclass
class Snapshot:
    version: str
    instruments: dict[str, Instrument] = field(default_factory=dict)
    rows: dict[tuple[str, str], Row] = field(default_factory=dict)
    complete_lists: dict[str, list[ParticipantList]] = field(default_factory=dict)
    partial_lists: dict[str, list[ParticipantList]] = field(default_factory=dict)
    # (instrument, State) of the rows that come from a complete list of participants.
    from_complete_list: set[tuple[str, str]] = field(default_factory=set)
    declarations: dict[tuple[str, str, str], Fact] = field(default_factory=dict)
    bilaterals: dict[str, set[str]] = field(default_factory=dict)
    stops: dict[tuple[str, str, str], list[Stop]] = field(default_factory=dict)
    stopped_codes: frozenset[str] = frozenset()  # the instruments with any suspension
    names: dict[str, dict[str, str]] = field(default_factory=dict)
    # Answers' parts that depend only on these facts (a State's standing on a date, the
    # pair-independent part of a basis, ...), computed once per snapshot: see memo().
    _memo: dict = field(default_factory=dict)

    def memo(self, key: tuple, build):
        """The value for `key`, built once for this snapshot."""
        found = self._memo.get(key)
        if found is None:
            found = self._memo[key] = build()
        return found

    def name(self, iso3: str, language: str) -> str:
        names = self.names.get(iso3, {})
        return names.get(language) or names.get("en") or iso3


def _build(version: str) -> Snapshot:
    snap = Snapshot(version=version)
    snap.instruments = {i.code: i for i in Instrument.objects.all()}
    complete_ids = set()
    for table in ParticipantList.objects.select_related("instrument").order_by("-as_of"):
        target = snap.complete_lists if table.complete else snap.partial_lists
        target.setdefault(table.instrument.code, []).append(table)
        if table.complete:
            complete_ids.add(table.pk)
    for p in Participation.objects.select_related("instrument").iterator():
        snap.rows[(p.instrument.code, p.country_id)] = Row.of(p)
        if p.participant_list_id in complete_ids:
            snap.from_complete_list.add((p.instrument.code, p.country_id))
        if p.instrument.type == "bilateral":
            snap.bilaterals.setdefault(p.country_id, set()).add(p.instrument.code)
    for s in Suspension.objects.select_related("instrument"):
        snap.stops.setdefault(pair_key(s.instrument.code, s.country_id, s.towards_id), []).append(
            Stop(
                s.country_id,
                s.towards_id,
                s.kind,
                s.effective_from,
                s.ended_on,
                s.source,
                s.as_of,
                s.notes,
            )
        )
    snap.stopped_codes = frozenset(code for code, _a, _b in snap.stops)
    for d in Declaration.objects.select_related("instrument"):
        snap.declarations[(d.instrument.code, d.country_id, d.meaning)] = Fact(
            d.value, d.text, d.source, d.as_of
        )
    snap.names = {c.iso3: {**c.names, "en": c.name} for c in Country.objects.all()}
    return snap


_lock = threading.Lock()
_current: Snapshot | None = None


def snapshot(version: str | None = None) -> Snapshot:
    """The current copy; one cheap query checks whether it is still up to date (pass `version`,
    the generation of the treaty data, when it was just read)."""
    global _current
    if version is None:
        (version,) = generations.current(generations.TREATIES)
    current = _current
    if current is not None and current.version == version:
        return current
    with _lock:
        if _current is None or _current.version != version:
            _current = _build(version)
        return _current


def forget() -> None:
    """Drop this process's copy (tests that roll back the database between them)."""
    global _current
    with _lock:
        _current = None
