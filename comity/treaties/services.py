"""Writes to treaty data. Each runs in a transaction, is audited, and bumps the data version."""

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from comity.audit.models import Action
from comity.audit.services import record, record_saved
from comity.core import generations
from comity.treaties.models import (
    Instrument,
    ParticipantList,
    Participation,
    RequirementProfile,
    Suspension,
)
from comity.treaties.rules import instrument_rules

PARTICIPATION_FIELDS = (
    "signature_date",
    "consent_date",
    "consent_type",
    "entry_into_force",
    "entry_into_force_computed",
    "withdrawal_date",
    "source",
    "as_of",
    "notes",
)


def bump_version() -> None:
    """Tell every process that its treaty data is out of date (comity.core.generations)."""
    generations.renew(generations.TREATIES)


def entry_into_force(instrument: Instrument, consent: datetime.date | None):
    """(date, computed?) for a State that consented on `consent`, from the instrument's rule."""
    rules = instrument_rules().get(instrument.code)
    if consent is None or rules is None:
        return None, False
    day = rules.entry_into_force.for_consent(consent, instrument.in_force_on)
    return day, day is not None


def _state(obj, fields) -> dict:
    return {f: getattr(obj, f) for f in fields}


def _save_if_changed(row, fields, before: dict | None, actor) -> bool:
    """Save `row` and audit the change when its `fields` differ from `before` (None: new)."""
    after = _state(row, fields)
    if after == before:
        return False
    row.save()
    record_saved(actor=actor, obj=row, before=before, after=after)
    return True


def save_participation(
    *,
    instrument: Instrument,
    country_id: str,
    values: dict,
    actor,
    participant_list: ParticipantList | None = None,
) -> tuple[Participation, bool]:
    """Create or update one State's participation; computes entry into force when not given.

    Returns (participation, changed). Call inside a transaction; the caller bumps the version.
    """
    row = Participation.objects.filter(instrument=instrument, country_id=country_id).first()
    before = _state(row, PARTICIPATION_FIELDS) if row else None
    row = row or Participation(instrument=instrument, country_id=country_id)
    for key, value in values.items():
        setattr(row, key, value)
    if values.get("entry_into_force") is None:
        row.entry_into_force, row.entry_into_force_computed = entry_into_force(
            instrument, row.consent_date
        )
    else:
        row.entry_into_force_computed = False
    row.participant_list = participant_list or row.participant_list
    return row, _save_if_changed(row, PARTICIPATION_FIELDS, before, actor)


@dataclass
class TableReport:
    instrument: str
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped_older: int = 0
    dry_run: bool = False
    errors: list[dict] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


@transaction.atomic
def import_participant_table(
    *,
    instrument: Instrument,
    rows: list,
    source: str,
    as_of: datetime.date,
    complete: bool,
    actor,
    dry_run: bool = False,
) -> TableReport:
    """Apply a parsed participant table. Rows already known from a newer source are kept.

    `rows` are parsed rows (see participants.parse_table) that all resolved to a State; the
    caller refuses the table when any name is unknown, so this writes all rows or none.
    """
    report = TableReport(instrument=instrument.code, rows=len(rows), dry_run=dry_run)
    table, _created = ParticipantList.objects.get_or_create(
        instrument=instrument,
        source=source,
        as_of=as_of,
        defaults={"complete": complete, "note": _("Imported participant table.")},
    )
    for row in rows:
        current = Participation.objects.filter(instrument=instrument, country_id=row.iso3).first()
        if current and current.as_of and current.as_of > as_of:
            report.skipped_older += 1
            continue
        values = {
            "signature_date": row.signature_date,
            "consent_date": row.consent_date,
            "consent_type": row.consent_type,
            "entry_into_force": row.entry_into_force,
            "source": source,
            "as_of": as_of,
            "notes": row.notes,
        }
        _row, changed = save_participation(
            instrument=instrument,
            country_id=row.iso3,
            values=values,
            actor=actor,
            participant_list=table,
        )
        if not changed:
            report.unchanged += 1
        elif current is None:
            report.created += 1
        else:
            report.updated += 1
    record(
        actor=actor,
        action=Action.IMPORT,
        object_type="treaties.participation",
        note=f"{instrument.code} table as of {as_of} from {source}: created {report.created}, "
        f"updated {report.updated}, unchanged {report.unchanged}",
    )
    bump_version()
    if dry_run:
        transaction.set_rollback(True)
    return report


SUSPENSION_FIELDS = ("kind", "ended_on", "source", "as_of", "notes")


def save_suspension(
    *,
    instrument: Instrument,
    country_id: str,
    towards_id: str,
    effective_from: datetime.date,
    values: dict,
    actor,
) -> tuple[Suspension, bool]:
    """Record that `country_id` stopped applying `instrument` towards `towards_id` from a date.

    Returns (suspension, changed). Call inside a transaction; the audit entry renews the treaty
    data's generation.
    """
    row = Suspension.objects.filter(
        instrument=instrument,
        country_id=country_id,
        towards_id=towards_id,
        effective_from=effective_from,
    ).first()
    before = _state(row, SUSPENSION_FIELDS) if row else None
    row = row or Suspension(
        instrument=instrument,
        country_id=country_id,
        towards_id=towards_id,
        effective_from=effective_from,
    )
    for key, value in values.items():
        setattr(row, key, value)
    row.full_clean()
    return row, _save_if_changed(row, SUSPENSION_FIELDS, before, actor)


PROFILE_FIELDS = (
    "languages",
    "languages_note",
    "channels",
    "central_authority_id",
    "dual_criminality",
    "formalities",
    "video_hearing",
    "temporary_transfer",
    "preservation_without_mla",
    "spontaneous_information",
    "joint_investigation_teams",
    "treaty_required_for_extradition",
    "usual_execution_time",
    "special_requirements",
    "source",
    "as_of",
)


@transaction.atomic
def save_profile(
    *, country_id: str, kind: str, measure: str = "", values: dict, actor
) -> RequirementProfile:
    """Create or update a State's requirement profile for a request kind (and measure)."""
    profile = RequirementProfile.objects.filter(
        country_id=country_id, kind=kind, measure=measure
    ).first()
    before = _state(profile, PROFILE_FIELDS) if profile else None
    profile = profile or RequirementProfile(country_id=country_id, kind=kind, measure=measure)
    for key, value in values.items():
        setattr(profile, key, value)
    profile.full_clean()
    if _save_if_changed(profile, PROFILE_FIELDS, before, actor):
        bump_version()
    return profile


@transaction.atomic
def add_bilateral_treaty(
    *, code: str, title: str, kinds: list[str], parties: dict, source: str, actor
) -> Instrument:
    """A bilateral treaty and its two parties: {iso3: {signature_date, consent_date,
    entry_into_force}}. Entry into force must come from the treaty's own record."""
    if len(parties) != 2:
        raise ValueError(_("A bilateral treaty has exactly two parties."))
    instrument = Instrument.objects.create(
        code=code.upper(), title=title, type="bilateral", kinds=kinds, source=source
    )
    record(
        actor=actor,
        action=Action.CREATE,
        obj=instrument,
        after={"code": instrument.code, "title": title, "kinds": kinds, "source": source},
    )
    for iso3, values in parties.items():
        save_participation(
            instrument=instrument, country_id=iso3, actor=actor, values={"source": source, **values}
        )
    bump_version()
    return instrument
