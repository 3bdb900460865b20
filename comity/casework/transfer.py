"""Importing a whole register: the cases an authority kept before comity (a spreadsheet, another
system), each with the history of its states, in one all-or-nothing transaction.

Each case is a JSON object: the details of schema.CaseFields plus `direction`, `opened_on` (the day
it was sent or received), and `history`, the moves of its life cycle in order
[{"to": "acknowledged", "on": "2026-02-03", "note": "..."}, ...]. Every move is checked against the
life cycle of lifecycle.py and its dates, exactly as a move made on a page; one error anywhere and
nothing is written. The import is one audit entry (with the number of cases and events); the cases
are written in batches, so a register of 100,000 cases loads in minutes.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from comity.audit.models import Action
from comity.audit.services import record
from comity.casework import deadlines, lifecycle, links
from comity.casework.models import Case, CaseEntity, CaseEvent, CaseTerm
from comity.casework.schema import CaseFields
from comity.casework.services import CaseInputError, parse_fields, record_dates
from comity.casework.terms import terms_of
from comity.casework.vocabulary import (
    GROUNDS_WITH_PROVISION,
    Direction,
    EventKind,
    RefusalGround,
)
from comity.core import access, statistics
from comity.core.errors import field_error
from comity.geo.selectors import known_codes

BATCH = 2_000
MAX_CASES = 200_000


class RegisterImportError(Exception):
    def __init__(self, errors: list[dict]):
        super().__init__(f"{len(errors)} problem(s)")
        self.errors = errors


class ImportedCase(CaseFields):
    direction: Direction
    opened_on: datetime.date
    history: list[dict] = []
    refusal_ground: str = ""
    refusal_provision: str = ""
    is_example: bool = False


def import_register(*, owner, actor, cases: list[dict]) -> dict:
    """Write every case of `cases` for `owner`, or none (RegisterImportError with row numbers)."""
    if not access.may_create(actor, Case.access, owner=owner):
        raise RegisterImportError([{"row": 0, "field": "", "message": _("Not allowed.")}])
    if len(cases) > MAX_CASES:
        raise RegisterImportError(
            [
                {
                    "row": 0,
                    "field": "",
                    "message": _("At most %(n)d cases per import.") % {"n": MAX_CASES},
                }
            ]
        )
    officers = {u.pk: u for u in _officers(owner)}
    states = known_codes()
    built, errors = [], []
    for row, data in enumerate(cases, start=1):
        try:
            built.append(_build(owner, actor, data, officers, states))
        except CaseInputError as exc:
            errors += [{"row": row, **e} for e in exc.errors]
        if len(errors) >= 100:
            break
    errors += _duplicates(owner, [str(data.get("our_reference", "")) for data in cases])
    if errors:
        raise RegisterImportError(errors)
    with transaction.atomic():
        events = _write(built)
        record(
            actor=actor,
            action=Action.IMPORT,
            object_type="casework.case",
            owner=owner,
            country_id=owner.country_id,
            after={"cases": len(built), "events": events},
        )
    # A register that grew by thousands of cases at once: the planner must know it.
    statistics.refresh()
    return {"created": len(built), "events": events}


def _duplicates(owner, references: list[str]) -> list[dict]:
    """Our references used twice in the file, or already used by the authority."""
    seen: dict[str, int] = {}
    taken = set(Case.objects.filter(owner=owner).values_list("our_reference", flat=True))
    errors = []
    for row, reference in enumerate(references, start=1):
        if not reference:
            continue
        if reference in seen or reference in taken:
            errors.append(
                {
                    "row": row,
                    "field": "our_reference",
                    "message": _("This reference is already used; each case needs its own."),
                }
            )
        seen.setdefault(reference, row)
    return errors[:100]


def _officers(owner):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(authority=owner, is_active=True)


def _build(owner, actor, data, officers, states):
    fields = parse_fields(data, schema=ImportedCase)
    errors = []
    state = fields.get("counterpart_state") or ""
    if state not in states or state == owner.country_id:
        errors.append(field_error("counterpart_state", _("Unknown State, or your own.")))
    if not fields.get("kind"):
        errors.append(field_error("kind", _("This field is required.")))
    if not fields.get("our_reference"):
        errors.append(field_error("our_reference", _("This field is required.")))
    officer = fields.get("assigned_to")
    if officer is not None and officer not in officers:
        errors.append(field_error("assigned_to", _("Not an active officer of your authority.")))
    if errors:
        raise CaseInputError(errors)
    direction = Direction(fields["direction"])
    opened = fields["opened_on"]
    case = Case(
        owner=owner,
        direction=direction,
        kind=fields["kind"],
        status=lifecycle.OPENING[direction],
        counterpart_state_id=state,
        our_reference=fields["our_reference"],
        created_by=actor,
        opened_on=opened,
        entered={},
        is_example=fields.get("is_example", False),
    )
    for name in (
        "their_reference", "legal_bases", "offences", "subject", "priority", "channel",
        "transmitted_on", "tracking_number", "language", "requested_deadline",
        "statutory_deadline", "statutory_basis", "counterpart_name",
    ):  # fmt: skip
        if fields.get(name) is not None:
            setattr(case, name, fields[name])
    case.assigned_to = officers.get(officer) if officer is not None else None
    case.target_date = fields.get("target_date") or deadlines.target_date(
        direction, case.kind, opened
    )
    case.entered = {case.status: opened.isoformat()}
    events = [CaseEvent(kind=EventKind.OPENED, to_status=case.status, on=opened)]
    last = opened
    for index, move in enumerate(fields.get("history") or []):
        to, on = move.get("to", ""), _day(move.get("on"))
        where = f"history.{index}"
        if on is None or on < last or on > timezone.localdate():
            raise CaseInputError(
                [field_error(where + ".on", _("Give the day, in order, not in the future."))]
            )
        if not lifecycle.is_allowed(direction, case.status, to):
            raise CaseInputError(
                [
                    field_error(
                        where + ".to", _("Not an allowed move from %(s)s.") % {"s": case.status}
                    )
                ]
            )
        if to == "refused":
            ground = fields.get("refusal_ground", "")
            if ground not in RefusalGround.values or (
                ground in GROUNDS_WITH_PROVISION and not fields.get("refusal_provision")
            ):
                raise CaseInputError(
                    [field_error("refusal_ground", _("Give the ground of the refusal."))]
                )
            case.refusal_ground, case.refusal_provision = (
                ground,
                fields.get("refusal_provision", ""),
            )
        before = case.status
        record_dates(case, before, to, on)
        case.status = to
        case.entered.setdefault(to, on.isoformat())
        events.append(
            CaseEvent(kind=EventKind.TRANSITION, from_status=before, to_status=to, on=on,
                      note=str(move.get("note", ""))[:2000])
        )  # fmt: skip
        last = on
    case.is_open = lifecycle.is_open(case.status)
    case.deadline = deadlines.effective_deadline(case) if case.is_open else None
    case.updated_at = timezone.now()
    entities = [
        CaseEntity(folded=links.folded_value(e["kind"], e["value"]), **e)
        for e in fields.get("entities") or []
    ]
    return case, entities, events


def _day(value):
    try:
        return datetime.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _write(built) -> int:
    now = timezone.now()
    count = 0
    for start in range(0, len(built), BATCH):
        chunk = built[start : start + BATCH]
        Case.objects.bulk_create([case for case, _, _ in chunk])
        entities, events, terms = [], [], []
        for case, case_entities, case_events in chunk:
            for entity in case_entities:
                entity.case = case
            entities += case_entities
            for event in case_events:
                event.case, event.at = case, now
            events += case_events
            values = [e.value for e in case_entities]
            words = terms_of(case.our_reference, case.their_reference, *values)
            words |= {e.folded[:64] for e in case_entities if e.folded and " " not in e.folded}
            terms += [CaseTerm(owner_id=case.owner_id, case=case, term=w) for w in sorted(words)]
        CaseEntity.objects.bulk_create(entities)
        CaseEvent.objects.bulk_create(events)
        CaseTerm.objects.bulk_create(terms)
        count += len(events)
    return count
