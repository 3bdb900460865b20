"""Reads of treaty data: a country's profile, an instrument's participants, the matrix."""

import copy
import datetime

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language

from comity.core import generations
from comity.directory.models import Authority
from comity.directory.vocabulary import Competence
from comity.treaties.legal_basis import RECIPROCITY, legal_basis, state_status
from comity.treaties.models import Declaration, Instrument, Participation, RequirementProfile
from comity.treaties.rules import instrument_rules
from comity.treaties.snapshot import Row, snapshot
from comity.treaties.vocabulary import Applies, RequestKind

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
        out.append({"instrument": snap.instruments[code], "status": status, "row": row})
    bilateral = Participation.objects.filter(country_id=iso3, instrument__type="bilateral")
    for p in bilateral.select_related("instrument"):
        out.append({"instrument": p.instrument, "status": None, "row": Row.of(p)})
    return out


def central_authorities(iso3: str, kind: str = "mla") -> list[Authority]:
    competence = KIND_COMPETENCE.get(kind, "mla")
    return [
        a
        for a in Authority.objects.filter(country_id=iso3, kind="central_authority")
        if competence in a.competences
    ]


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
