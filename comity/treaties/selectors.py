"""Reads of treaty data: a country's profile, an instrument's participants, the matrix."""

import copy
import datetime
from dataclasses import dataclass

from django.db.models import Count, F, Max, Min, Q
from django.utils import timezone
from django.utils.translation import get_language

from comity.core import generations
from comity.directory.models import Authority
from comity.directory.vocabulary import Competence
from comity.treaties.legal_basis import RECIPROCITY, legal_basis, state_status
from comity.treaties.models import (
    Declaration,
    Instrument,
    ParticipantList,
    Participation,
    RequirementProfile,
)
from comity.treaties.rules import BILATERAL, instrument_rules
from comity.treaties.snapshot import Row, Snapshot, snapshot
from comity.treaties.vocabulary import Applies, FactsVerdict, InstrumentType, RequestKind

# A fact older than this (in days) is shown as one to check with the depositary before use.
STALE_AFTER_DAYS = 730
# The competence an authority needs to receive each kind of request.
KIND_COMPETENCE = {
    RequestKind.MLA: Competence.MLA,
    RequestKind.EXTRADITION: Competence.EXTRADITION,
    RequestKind.PROVISIONAL_ARREST: Competence.EXTRADITION,
    RequestKind.TRANSFER_SENTENCED: Competence.TRANSFER_SENTENCED,
    RequestKind.TRANSFER_PROCEEDINGS: Competence.TRANSFER_PROCEEDINGS,
    RequestKind.CONFISCATION: Competence.CONFISCATION,
    RequestKind.PRESERVATION: Competence.PRESERVATION_24_7,
    RequestKind.JIT: Competence.MLA,
}


def _language() -> str:
    return (get_language() or "en").split("-")[0]


def instrument_statuses(iso3: str, on: datetime.date | None = None) -> list[dict]:
    """Every multilateral instrument with this State's standing on `on`, and its source."""
    on = on or timezone.localdate()
    snap = snapshot()
    out = []
    for code, rules in instrument_rules().items():
        if code not in snap.instruments or (
            rules.open_to is not None and iso3 not in rules.open_to
        ):
            continue  # not loaded yet, or the State cannot be a party
        status = state_status(snap, rules, code, iso3, on, _language())
        row = snap.rows.get((code, iso3))
        out.append(
            {
                "instrument": snap.instruments[code],
                "status": status,
                "row": row,
                "check": _to_check(snap, code, iso3, on),
            }
        )
    bilateral = Participation.objects.filter(country_id=iso3, instrument__type="bilateral")
    for p in bilateral.select_related("instrument"):
        row = Row.of(p)
        check = (
            None
            if is_current(row.as_of, on)
            else {"as_of": row.as_of, "partial": False, "held": True}
        )
        out.append({"instrument": p.instrument, "status": None, "row": row, "check": check})
    return out


def is_current(as_of: datetime.date | None, today: datetime.date) -> bool:
    """A fact dated `as_of` is current on `today` when it is at most STALE_AFTER_DAYS old."""
    return as_of is not None and (today - as_of).days <= STALE_AFTER_DAYS


def _to_check(snap: Snapshot, code: str, iso3: str, today: datetime.date) -> dict | None:
    """What the State's standing under a multilateral instrument rests on, when it should be
    checked with the depositary: {"as_of", "partial", "held"}; None when it is current.

    It rests on the State's row; without one, on the newest complete list (the State was absent
    from it), else only on partial lists that do not name it (`held`: whether any list is held).
    """
    complete, partial = snap.complete_lists.get(code, []), snap.partial_lists.get(code, [])
    row = snap.rows.get((code, iso3))
    if row is not None:
        as_of, from_partial = row.as_of, (code, iso3) not in snap.from_complete_list
    elif complete:
        as_of, from_partial = complete[0].as_of, False
    else:
        as_of, from_partial = (partial[0].as_of if partial else None), True
    if not from_partial and is_current(as_of, today):
        return None
    return {"as_of": as_of, "partial": from_partial, "held": bool(row or complete or partial)}


def central_authorities(iso3: str, kind: str = "mla") -> list[Authority]:
    competence = KIND_COMPETENCE.get(kind, "mla")
    return [
        a
        for a in Authority.objects.filter(country_id=iso3, kind="central_authority")
        if competence in a.competences
    ]


def addressees(iso3: str, kind: str = "mla") -> list[Authority]:
    """The authorities of `iso3` a request of `kind` may be addressed to, the usual one first: for
    expedited preservation, the 24/7 points of contact (CETS-185 35) before the central
    authorities; for every other kind, the central authorities competent for it."""
    found = central_authorities(iso3, kind)
    if kind != "preservation":
        return found
    points = [
        a
        for a in Authority.objects.filter(country_id=iso3).order_by("name")
        if a.kind == "contact_point_24_7" or "preservation_24_7" in a.competences
    ]
    return points + [a for a in found if a not in points]


# What answers read of requirement profiles and of the directory, read once per generation
# (comity.core.generations) rather than once per question.
_by_treaties = generations.Derived(generations.TREATIES)
_by_directory = generations.Derived(generations.DIRECTORY)


def current_profile(
    iso3: str, kind: str, measure: str = "", *, generation: str | None = None
) -> RequirementProfile | None:
    """profile_for() from a copy of every profile, read once per generation of the treaty data.

    The copy holds no related rows: read the central authority's name with authority_name()."""
    found = _by_treaties.get(
        "profiles",
        lambda: {(p.country_id, p.kind, p.measure): p for p in RequirementProfile.objects.all()},
        generation=generation,
    )
    return found.get((iso3, kind, measure)) or found.get((iso3, kind, ""))


def central_authority(
    iso3: str, kind: str, *, directory_generation: str | None = None, treaties_generation: str = ""
) -> dict | None:
    """central_authorities(iso3, kind)[0] as id, name, source and verified_on, from the
    directory's entries kept for its current generation."""
    competence = KIND_COMPETENCE.get(kind, "mla")
    entries = _central_entries(directory_generation, treaties_generation)["by_state"]
    for entry in entries.get(iso3, ()):
        if competence in entry.competences:
            return {
                "id": entry.pk,
                "name": entry.name,
                "source": entry.source,
                "verified_on": entry.verified_on,
            }
    return None


def authority_name(
    pk, *, directory_generation: str | None = None, treaties_generation: str = ""
) -> str:
    """The name of an authority a requirement profile names as its central authority."""
    found = _central_entries(directory_generation, treaties_generation)["by_id"].get(pk)
    return found.name if found is not None else ""


def forget() -> None:
    """Drop what this process read (tests that roll back the database between them)."""
    _by_treaties.forget()
    _by_directory.forget()


def profiles(iso3: str):
    return RequirementProfile.objects.filter(country_id=iso3).select_related(
        "central_authority", "country"
    )


def profile_to_show(iso3: str, kind: str, measure: str = "") -> RequirementProfile | None:
    """current_profile() as this request's own copy, its central authority taken from the
    directory's current generation (none when the entry was deleted since)."""
    found = current_profile(iso3, kind, measure)
    if found is None:
        return None
    shown = copy.copy(found)
    if shown.central_authority_id is not None:
        shown.central_authority = _central_entries()["by_id"].get(shown.central_authority_id)
    return shown


def central_authorities_to_show(iso3: str, kind: str = "mla") -> list[Authority]:
    """central_authorities(), from the directory's entries kept for its current generation (to
    read, never to change: the instances are shared by the requests of this process)."""
    competence = KIND_COMPETENCE.get(kind, "mla")
    return [a for a in _central_entries()["by_state"].get(iso3, ()) if competence in a.competences]


def _central_entries(
    directory_generation: str | None = None, treaties_generation: str | None = None
) -> dict:
    """The directory's central authorities and the authorities profiles name, as entries without
    their stored search columns, per generation of the directory and of the treaty data (pass
    the generations when they were just read)."""
    if treaties_generation is None:
        treaties_generation = generations.current(generations.TREATIES)[0]

    def build():
        referenced = RequirementProfile.objects.exclude(central_authority=None).values(
            "central_authority_id"
        )
        entries = list(
            Authority.objects.filter(Q(kind="central_authority") | Q(pk__in=referenced)).defer(
                "search_text", "listing"
            )
        )
        by_state: dict[str, list[Authority]] = {}
        for entry in entries:  # in the model's order, as central_authorities() lists them
            if entry.kind == "central_authority":
                by_state.setdefault(entry.country_id, []).append(entry)
        return {"by_id": {e.pk: e for e in entries}, "by_state": by_state}

    return _by_directory.get(
        ("central entries", treaties_generation), build, generation=directory_generation
    )


def profile_for(iso3: str, kind: str, measure: str = "") -> RequirementProfile | None:
    found = profiles(iso3).filter(kind=kind, measure__in=[measure, ""]).order_by("-measure")
    return found.first()


def newest_fact(iso3: str) -> datetime.date | None:
    """The latest as-of date of any fact held about a State (undated facts do not count)."""
    dates = [
        model.objects.filter(country_id=iso3, as_of__isnull=False)
        .order_by("-as_of")
        .values_list("as_of", flat=True)
        .first()
        for model in (Participation, Declaration, RequirementProfile)
    ]
    dates = [d for d in dates if d]
    return max(dates) if dates else None


def country_profile(iso3: str) -> dict:
    newest = newest_fact(iso3)
    today = timezone.localdate()
    return {
        "instruments": instrument_statuses(iso3),
        "declarations": list(
            Declaration.objects.filter(country_id=iso3).select_related("instrument")
        ),
        "profiles": list(profiles(iso3)),
        "authorities": list(Authority.objects.filter(country_id=iso3).order_by("kind", "name")),
        "newest_fact": newest,
        "stale": newest is None or (today - newest).days > STALE_AFTER_DAYS,
    }


@dataclass(frozen=True)
class ListHeld:
    """A participant list held for an instrument, and how many rows still come from it."""

    source: str
    as_of: datetime.date | None
    complete: bool
    rows: int

    def as_dict(self) -> dict:
        return {
            "source": self.source,
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "rows": self.rows,
        }


@dataclass(frozen=True)
class FactsStatus:
    """How complete and how old the participation facts held for one instrument are.

    `as_of` is the date the facts are judged by: the newest complete list's; without one (partial
    lists only, or a bilateral treaty, whose two parties are its whole list) the newest fact's.
    `age_days` is its age on the day asked.
    """

    instrument: Instrument
    rows: int
    complete_lists: tuple[ListHeld, ...]
    partial_lists: tuple[ListHeld, ...]
    newest_fact: datetime.date | None
    oldest_fact: datetime.date | None
    undated_rows: int
    partial_rows: int
    rules_reviewed: datetime.date | None
    as_of: datetime.date | None
    age_days: int | None
    verdict: FactsVerdict

    def older_than(self, days: int) -> bool:
        """Judged by a date more than `days` days old, or by none (undated facts, or none)."""
        return self.age_days is None or self.age_days > days

    def as_dict(self) -> dict:
        def day(value):
            return value.isoformat() if value else None

        return {
            "code": self.instrument.code,
            "type": self.instrument.type,
            "verdict": self.verdict.value,
            "as_of": day(self.as_of),
            "age_days": self.age_days,
            "rows": self.rows,
            "complete_lists": [t.as_dict() for t in self.complete_lists],
            "partial_lists": [t.as_dict() for t in self.partial_lists],
            "newest_fact": day(self.newest_fact),
            "oldest_fact": day(self.oldest_fact),
            "undated_rows": self.undated_rows,
            "partial_rows": self.partial_rows,
            "rules_reviewed": day(self.rules_reviewed),
        }


def facts_status(instruments=None, *, today: datetime.date | None = None) -> list[FactsStatus]:
    """Per instrument (all, or those given), the participation facts held and how current they
    are: "current" when the newest complete list is at most STALE_AFTER_DAYS old on `today`,
    "old" when it is older, "partial" without a complete list, "no facts" without rows or lists.

    Newer rows from partial lists do not make an instrument current: they say nothing of the
    States they do not name. A bilateral treaty is judged by its newest fact (undated: old).
    """
    today = today or timezone.localdate()
    if instruments is None:
        instruments = Instrument.objects.all()
    instruments = list(instruments)
    ids = [i.pk for i in instruments]
    counts = {
        c["instrument_id"]: c
        for c in Participation.objects.filter(instrument_id__in=ids)
        .values("instrument_id")
        .annotate(
            rows=Count("id"),
            newest=Max("as_of"),
            oldest=Min("as_of"),
            undated=Count("id", filter=Q(as_of__isnull=True)),
            from_complete=Count("id", filter=Q(participant_list__complete=True)),
        )
        .order_by()
    }
    lists: dict[int, list[ParticipantList]] = {}
    for table in (
        ParticipantList.objects.filter(instrument_id__in=ids)
        .annotate(held_rows=Count("rows"))
        .order_by(F("as_of").desc(nulls_last=True), "source")
    ):
        lists.setdefault(table.instrument_id, []).append(table)
    rules = instrument_rules()
    return [
        _facts_status(i, counts.get(i.pk), lists.get(i.pk, []), rules, today) for i in instruments
    ]


def _facts_status(instrument, counts, lists, rules, today) -> FactsStatus:
    counts = counts or {"rows": 0, "newest": None, "oldest": None, "undated": 0, "from_complete": 0}
    bilateral = instrument.type == InstrumentType.BILATERAL
    held = [ListHeld(t.source, t.as_of, t.complete, t.held_rows) for t in lists]
    complete = tuple(t for t in held if t.complete)
    partial = tuple(t for t in held if not t.complete)
    # Without a complete list (partial lists only, or a bilateral treaty), the newest fact's date.
    as_of = complete[0].as_of if complete and not bilateral else counts["newest"]
    if not counts["rows"] and not held:
        verdict = FactsVerdict.NO_FACTS
    elif not complete and not bilateral:
        verdict = FactsVerdict.PARTIAL
    elif is_current(as_of, today):
        verdict = FactsVerdict.CURRENT
    else:
        verdict = FactsVerdict.OLD
    found = rules.get(instrument.code) or (BILATERAL if bilateral else None)
    return FactsStatus(
        instrument=instrument,
        rows=counts["rows"],
        complete_lists=complete,
        partial_lists=partial,
        newest_fact=counts["newest"],
        oldest_fact=counts["oldest"],
        undated_rows=counts["undated"],
        partial_rows=0 if bilateral else counts["rows"] - counts["from_complete"],
        rules_reviewed=found.rules_reviewed if found else None,
        as_of=as_of,
        age_days=(today - as_of).days if as_of else None,
        verdict=verdict,
    )


def participants(instrument: Instrument):
    return instrument.participations.select_related("country").order_by("country__name")


def matrix(
    iso3: str,
    kind: str,
    *,
    as_requesting: bool = True,
    offence: str | None = None,
    on: datetime.date | None = None,
) -> list[dict]:
    """One State against every other: the first basis for each pair, and what else may apply."""
    from comity.geo.models import Country

    snap = snapshot()
    on, language = on or timezone.localdate(), _language()
    rows = []
    for other in Country.objects.exclude(iso3=iso3).order_by("name"):
        a, b = (iso3, other.iso3) if as_requesting else (other.iso3, iso3)
        answer = legal_basis(
            requesting=a,
            requested=b,
            kind=kind,
            offence=offence,
            on=on,
            snap=snap,
            language=language,
        )
        treaties = [x for x in answer.bases if x.instrument != RECIPROCITY]
        first = treaties[0] if treaties and treaties[0].applies != Applies.NO else None
        rows.append(
            {
                "country": other,
                "first": first,
                **{
                    verdict: [x.instrument for x in treaties if x.applies == verdict]
                    for verdict in (Applies.YES, Applies.CONDITIONAL, Applies.UNKNOWN)
                },
            }
        )
    return rows
