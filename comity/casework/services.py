"""Writes to the case register. Every change is audited and leaves an event on the case.

A case changes state only through `transition`, against the allowed (from, to) pairs of
lifecycle.py. Two officers may work on one case at once: every write reads the case afresh under a
lock and moves its version by one; a writer who says which version they saw (`expected_version`)
and is behind gets StaleCase with the case as it is now, never a silent overwrite.
"""

import datetime
import uuid

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from pydantic import ValidationError

from comity.audit.models import Action
from comity.audit.services import record
from comity.casework import deadlines, journal, lifecycle, links
from comity.casework.models import Case, CaseEntity, CaseEvent, CaseTerm
from comity.casework.schema import EMPTY, CaseFields, NewIncoming
from comity.casework.terms import terms_of
from comity.casework.vocabulary import (
    GROUNDS_WITH_PROVISION,
    Direction,
    EventKind,
    RefusalGround,
    Status,
)
from comity.core import access, rows
from comity.core.errors import field_error, field_errors
from comity.directory.models import Authority
from comity.drafting.models import Request
from comity.drafting.models import Status as RequestStatus
from comity.drafting.rendering import addressee
from comity.geo.models import Country

# The details a change may touch, and those audited by value (the others by "changed").
CHANGEABLE = tuple(CaseFields.model_fields)


class CaseInputError(Exception):
    """Details that cannot be saved: `errors` says, per field, what is wrong and how to fix it."""

    def __init__(self, errors: list[dict]):
        super().__init__("; ".join(f"{e['field']}: {e['message']}" for e in errors))
        self.errors = errors


class TransitionNotAllowed(Exception):
    def __init__(self, case: Case, target: str):
        self.allowed = [str(s) for s in lifecycle.allowed_moves(case.direction, case.status)]
        super().__init__(
            _("A case cannot go from “%(current)s” to “%(target)s”. Allowed next: %(allowed)s.")
            % {
                "current": Status(case.status).label,
                "target": Status(target).label if target in Status.values else target,
                "allowed": ", ".join(str(Status(s).label) for s in self.allowed) or "—",
            }
        )


class StaleCase(Exception):
    """The writer saw version `seen`; `current` is the case as it is now."""

    def __init__(self, *, current: Case, seen: int):
        super().__init__(
            _(
                "This case was changed by someone else since you opened it: you saw version "
                "%(seen)d, it is now at version %(current)d. Nothing was saved; reload the case "
                "to see the change, then make yours again."
            )
            % {"seen": seen, "current": current.version}
        )
        self.current = current
        self.seen = seen


# --- Reading input -----------------------------------------------------------------------------


def parse_fields(data: dict, *, schema=CaseFields) -> dict:
    """The details given in `data` (only those given), or CaseInputError per field."""
    try:
        parsed = schema.model_validate(data)
    except ValidationError as exc:
        raise CaseInputError(field_errors(exc.errors())) from exc
    whole = parsed.model_dump()
    return {name: whole[name] for name in parsed.model_fields_set}


def _resolve(owner: Authority, fields: dict) -> dict:
    """Ids and codes turned into rows, checked against the owner; CaseInputError per field."""
    errors, out = [], dict(fields)
    if "counterpart_state" in fields:
        state = Country.objects.filter(iso3=fields["counterpart_state"]).first()
        if state is None or state.pk == owner.country_id:
            errors.append(
                field_error(
                    "counterpart_state",
                    _("Name another State by its ISO 3166-1 alpha-3 code, e.g. DEU."),
                )
            )
        out["counterpart_state"] = state
    if fields.get("counterpart_authority") is not None:
        authority = Authority.objects.filter(pk=fields["counterpart_authority"]).first()
        if authority is None:
            errors.append(
                field_error(
                    "counterpart_authority", _("No authority of the directory has this id.")
                )
            )
        out["counterpart_authority"] = authority
    if fields.get("executing_authority") is not None:
        authority = Authority.objects.filter(
            pk=fields["executing_authority"], country_id=owner.country_id
        ).first()
        if authority is None:
            errors.append(
                field_error(
                    "executing_authority",
                    _("Choose an authority of your own State from the directory."),
                )
            )
        out["executing_authority"] = authority
    if fields.get("assigned_to") is not None:
        from django.contrib.auth import get_user_model

        officer = (
            get_user_model()
            .objects.filter(pk=fields["assigned_to"], authority=owner, is_active=True)
            .first()
        )
        if officer is None or not access.may_write(officer):
            errors.append(
                field_error(
                    "assigned_to",
                    _("Assign the case to an active officer of your authority (not a viewer)."),
                )
            )
        out["assigned_to"] = officer
    for name in ("kind", "our_reference"):
        if name in fields and fields[name] in (None, ""):
            errors.append(field_error(name, _("This field is required.")))
    for name in set(fields) & set(EMPTY):
        if fields[name] is None:
            out[name] = EMPTY[name]
    if errors:
        raise CaseInputError(errors)
    return out


def _apply(case: Case, fields: dict) -> None:
    """Set the resolved `fields` on the case (None only reaches the fields that may be empty)."""
    for name, value in fields.items():
        if name != "entities":
            setattr(case, name, value)
    if (
        case.counterpart_authority is not None
        and case.counterpart_state is not None
        and case.counterpart_authority.country_id != case.counterpart_state.pk
    ):
        raise CaseInputError(
            [
                field_error(
                    "counterpart_authority",
                    _("This authority is not of the counterpart State; choose one that is."),
                )
            ]
        )
    _check_dates(case)
    case.deadline = deadlines.effective_deadline(case) if case.is_open else None


def _check_dates(case: Case) -> None:
    errors = []
    opened = case.opened_on
    for name in ("requested_deadline", "target_date", "statutory_deadline"):
        value = getattr(case, name)
        if value and opened and value < opened:
            errors.append(
                field_error(name, _("A deadline cannot be before the day the case was opened."))
            )
    if case.transmitted_on and case.transmitted_on > timezone.localdate():
        errors.append(field_error("transmitted_on", _("This day is in the future.")))
    if errors:
        raise CaseInputError(errors)


def _audit_view(case: Case, names) -> dict:
    out = {}
    for name in names:
        if name == "entities":
            out[name] = [e.value for e in case.entities.all()] if case.pk else []
            continue
        value = (
            getattr(case, name + "_id", None)
            if hasattr(case, name + "_id")
            else getattr(case, name)
        )
        if isinstance(value, datetime.date):
            value = value.isoformat()
        out[name] = str(value) if isinstance(value, uuid.UUID) else value
    return out


# --- Opening cases -----------------------------------------------------------------------------


def next_reference(owner: Authority, direction: str, year: int) -> str:
    """Our next reference: STATE-OUT-2026/00001 (one series per authority, direction and year)."""
    prefix = f"{owner.country_id}-{'OUT' if direction == Direction.OUTGOING else 'IN'}-{year}/"
    used = (
        Case.objects.filter(owner=owner, our_reference__startswith=prefix)
        .order_by("-our_reference")
        .values_list("our_reference", flat=True)
        .first()
    )
    number = int(used.rpartition("/")[2]) + 1 if used and used.rpartition("/")[2].isdigit() else 1
    return f"{prefix}{number:05d}"


def outgoing_reference(request: Request) -> str:
    """The reference an outgoing case takes: its request's, unless another case of the authority
    already has it (then the next of the authority's series)."""
    reference = (request.reference or "")[:100]
    if reference and not Case.objects.filter(owner=request.owner, our_reference=reference).exists():
        return reference
    return next_reference(request.owner, Direction.OUTGOING, timezone.localdate().year)


def _save_entities(case: Case, entities: list[dict] | None) -> None:
    if entities is not None:
        case.entities.all().delete()
        CaseEntity.objects.bulk_create(
            [
                CaseEntity(case=case, folded=links.folded_value(e["kind"], e["value"]), **e)
                for e in entities
            ]
        )
    _index(case)


def _index(case: Case) -> None:
    """Renew the searchable words of the case (names, references)."""
    CaseTerm.objects.filter(case=case).delete()
    entities = list(case.entities.values_list("value", "folded"))
    words = terms_of(case.our_reference, case.their_reference, *(value for value, _ in entities))
    words |= {folded[:64] for _, folded in entities if folded and " " not in folded}
    CaseTerm.objects.bulk_create(
        [CaseTerm(owner_id=case.owner_id, case=case, term=w) for w in sorted(words)]
    )


def _create(case: Case, fields: dict, *, actor, on, note) -> Case:
    _apply(case, fields)
    case.updated_at = timezone.now()
    case.entered = {case.status: on.isoformat()}
    try:
        with transaction.atomic():
            case.save()
    except IntegrityError as exc:
        raise CaseInputError(
            [
                field_error(
                    "our_reference",
                    _("Your authority already has a case with this reference; give another."),
                )
            ]
        ) from exc
    _save_entities(case, fields.get("entities", []))
    journal.event(case, EventKind.OPENED, actor=actor, on=on, to=case.status, note=note)
    links.suggest(case)
    record(
        actor=actor,
        action=Action.CREATE,
        obj=case,
        after=_audit_view(
            case, ["direction", "kind", "status", "counterpart_state", "our_reference"]
        ),
    )
    return case


@transaction.atomic
def open_outgoing(
    *, request: Request, actor, fields: dict | None = None, on: datetime.date | None = None
) -> Case:
    """The outgoing case of a final request (a draft case until it is sent), opened as of day
    `on` (today by default); the existing one if the request already has one."""
    request = rows.locked(Request.objects.select_related("owner"), request.pk)
    existing = Case.objects.filter(request=request).first()
    if existing is not None:
        return existing
    if request.status != RequestStatus.FINAL:
        raise CaseInputError(
            [
                field_error(
                    "request", _("Only a final request can be registered; make it final first.")
                )
            ]
        )
    if not access.may_create(actor, Case.access, owner=request.owner):
        raise access_denied()
    body = request.data
    given = parse_fields(fields or {})
    urgency = body.get("urgency") or {}
    defaults = {
        "kind": request.kind,
        "counterpart_state": request.requested_state_id or "",
        "our_reference": outgoing_reference(request),
        "legal_bases": list(body.get("legal_bases") or [])[:20],
        "offences": [o.get("label", "")[:200] for o in body.get("offences") or [] if o.get("label")][:50],
        "subject": ((body.get("proceedings") or {}).get("case_number") or "")[:300],
        "priority": "urgent" if urgency.get("urgent") else "normal",
        "language": body.get("language") or "",
        "requested_deadline": urgency.get("deadline"),
        "entities": [
            {"kind": "person", "role": p.get("role", "")[:40], "value": p["name"][:300],
             "date_of_birth": p.get("date_of_birth"), "nationality": p.get("nationality") or ""}
            for p in body.get("persons") or [] if p.get("name")
        ][:100],
    }  # fmt: skip
    # The authority the request was addressed to, as its document names it.
    authority = addressee(request)
    if authority is not None and authority.country_id == request.requested_state_id:
        defaults["counterpart_authority"] = str(authority.pk)
    else:
        defaults["counterpart_name"] = str(body.get("requested_authority") or "")[:300]
    # The request's body is valid (its dates are YYYY-MM-DD); what it leaves empty is left out.
    known = {name: value for name, value in defaults.items() if value not in (None, "", [])}
    fields = _resolve(request.owner, parse_fields({**known, **given}))
    case = Case(
        owner=request.owner,
        direction=Direction.OUTGOING,
        status=Status.DRAFT,
        request=request,
        created_by=actor,
    )
    return _create(case, fields, actor=actor, on=on or timezone.localdate(), note="")


@transaction.atomic
def register_incoming(
    *, owner: Authority, actor, data: dict, received_body: dict | None = None
) -> Case:
    """A request received from another State, registered by hand or from its comity JSON."""
    if not access.may_create(actor, Case.access, owner=owner):
        raise access_denied()
    given = parse_fields(data, schema=NewIncoming)
    received_on = given.pop("received_on")
    if received_on > timezone.localdate():
        raise CaseInputError([field_error("received_on", _("This day is in the future."))])
    errors = [
        field_error(name, _("This field is required."))
        for name in ("kind", "counterpart_state")
        if not given.get(name)
    ]
    if errors:
        raise CaseInputError(errors)
    if not given.get("our_reference"):
        given["our_reference"] = next_reference(owner, Direction.INCOMING, received_on.year)
    fields = _resolve(owner, given)
    case = Case(
        owner=owner,
        direction=Direction.INCOMING,
        status=Status.RECEIVED,
        created_by=actor,
        opened_on=received_on,
        received_body=received_body,
    )
    if "target_date" not in fields:
        fields["target_date"] = deadlines.target_date(case.direction, fields["kind"], received_on)
    return _create(case, fields, actor=actor, on=received_on, note="")


def access_denied():
    from django.core.exceptions import PermissionDenied

    return PermissionDenied(_("You may not register cases for this authority."))


# --- Changing cases ----------------------------------------------------------------------------


def _bump(case: Case, expected_version: int | None) -> None:
    """Check the writer's version and move the case's by one (StaleCase when behind)."""
    if expected_version is not None and int(expected_version) != case.version:
        raise StaleCase(current=case, seen=int(expected_version))
    case.version += 1
    case.updated_at = timezone.now()


@transaction.atomic
def update_case(*, case: Case, actor, data: dict, expected_version: int | None = None) -> Case:
    """Change some details of a case (only those given in `data`)."""
    given = parse_fields(data)
    current = journal.locked(case)
    _bump(current, expected_version)
    if (
        "kind" in given
        and given["kind"] != current.kind
        and current.direction == Direction.OUTGOING
        and current.request_id
    ):
        raise CaseInputError(
            [
                field_error(
                    "kind", _("The kind of an outgoing case is its request's; it cannot change.")
                )
            ]
        )
    fields = _resolve(current.owner, given)
    before = _audit_view(current, given)
    _apply(current, fields)
    if current.our_reference and "our_reference" in fields:
        clash = Case.objects.filter(
            owner=current.owner, our_reference=current.our_reference
        ).exclude(pk=current.pk)
        if clash.exists():
            raise CaseInputError(
                [
                    field_error(
                        "our_reference",
                        _("Your authority already has a case with this reference; give another."),
                    )
                ]
            )
    current.save()
    _save_entities(current, fields.get("entities"))
    if "entities" in fields:
        links.suggest(current)
    after = _audit_view(current, given)
    changed = sorted(k for k in given if before.get(k) != after.get(k))
    if changed:
        journal.event(current, EventKind.CHANGED, actor=actor, details={"fields": changed})
        record(
            actor=actor,
            action=Action.UPDATE,
            obj=current,
            before={k: before[k] for k in changed},
            after={k: after[k] for k in changed},
        )
    return current


@transaction.atomic
def transition(
    *,
    case: Case,
    to: str,
    actor,
    on: datetime.date | None = None,
    note: str = "",
    expected_version: int | None = None,
    ground: str = "",
    provision: str = "",
    transmission: dict | None = None,
) -> Case:
    """Move a case to state `to`, as of day `on` (today by default).

    Refused (TransitionNotAllowed) unless (current, to) is an allowed pair of its direction. A
    refusal names its ground; refusing or postponing an incoming request needs a consultation
    recorded first (UNTOC 18(26)); sending needs the channel and day of transmission.
    """
    current = journal.locked(case)
    _bump(current, expected_version)
    if not lifecycle.is_allowed(current.direction, current.status, to):
        raise TransitionNotAllowed(current, to)
    on = on or timezone.localdate()
    errors = _transition_errors(current, to, on, ground, provision, transmission or {})
    if errors:
        raise CaseInputError(errors)
    before = current.status
    current.status = to
    current.is_open = lifecycle.is_open(to)
    current.entered = {**current.entered, to: current.entered.get(to) or on.isoformat()}
    record_dates(current, before, to, on)
    if to == Status.REFUSED:
        current.refusal_ground, current.refusal_provision = ground, provision
    if to == Status.SENT:
        current.channel = transmission["channel"]
        current.transmitted_on = on
        current.tracking_number = transmission.get("tracking_number", "")
    current.deadline = deadlines.effective_deadline(current) if current.is_open else None
    current.save()
    details = {"ground": ground, "provision": provision} if to == Status.REFUSED else {}
    if to == Status.SENT:
        details = {"channel": current.channel, "tracking_number": current.tracking_number}
    journal.event(
        current,
        EventKind.TRANSITION,
        actor=actor,
        on=on,
        note=note,
        frm=before,
        to=to,
        details=details,
    )
    record(
        actor=actor,
        action=Action.UPDATE,
        obj=current,
        before={"status": before},
        after={"status": to, "on": on.isoformat(), **details},
        note=note[:500],
    )
    return current


def _transition_errors(case, to, on, ground, provision, transmission) -> list[dict]:
    errors = []
    if on > timezone.localdate():
        errors.append(field_error("on", _("This day is in the future.")))
    last = max((datetime.date.fromisoformat(d) for d in case.entered.values()), default=None)
    if last and on < last:
        errors.append(
            field_error(
                "on",
                _("The case's last change of state was on %(day)s; give that day or a later one.")
                % {"day": last.isoformat()},
            )
        )
    if to == Status.REFUSED:
        if ground not in RefusalGround.values:
            errors.append(field_error("ground", _("Choose the ground of the refusal.")))
        elif ground in GROUNDS_WITH_PROVISION and not provision.strip():
            errors.append(
                field_error(
                    "provision",
                    _("Name the provision the refusal rests on, e.g. art. 2(b) ETS-030."),
                )
            )
    if (
        case.direction == Direction.INCOMING
        and to in lifecycle.NEEDS_CONSULTATION
        and not case.events.filter(kind=EventKind.CONSULTATION).exists()
    ):
        errors.append(
            field_error(
                "to",
                _(
                    "Before refusing or postponing, consult the requesting State on whether "
                    "assistance can be given subject to conditions (UNTOC 18(26)), and record "
                    "the consultation."
                ),
            )
        )
    if to == Status.SENT and not transmission.get("channel"):
        errors.append(field_error("channel", _("Say how the request was transmitted.")))
    return errors


def record_dates(case: Case, before: str, to: str, on: datetime.date) -> None:
    """Keep the dates reports use: opened, acknowledged, executed, finished, and the days between."""
    direction = Direction(case.direction)
    if to == lifecycle.OPENING[direction] and case.opened_on is None:
        case.opened_on = on
        if case.target_date is None:
            case.target_date = deadlines.target_date(direction, case.kind, on)
    acknowledged = (
        before == Status.SENT and to not in (Status.WITHDRAWN, Status.CLOSED)
        if direction == Direction.OUTGOING
        else to == Status.REGISTERED
    )
    if acknowledged and case.acknowledged_on is None:
        case.acknowledged_on = on
        if case.opened_on:
            case.days_to_acknowledgment = (on - case.opened_on).days
    if to == lifecycle.EXECUTED[direction] and case.executed_on is None:
        case.executed_on = on
        if case.opened_on:
            case.days_to_execution = (on - case.opened_on).days
    if to in lifecycle.FINISHED and case.finished_on is None:
        case.finished_on = on


@transaction.atomic
def record_consultation(*, case: Case, actor, on: datetime.date, note: str) -> CaseEvent:
    """A consultation with the other State before refusing or postponing (UNTOC 18(26))."""
    current = journal.locked(case)
    if not note.strip():
        raise CaseInputError(
            [field_error("note", _("Say with whom you consulted and what was proposed or agreed."))]
        )
    if on > timezone.localdate():
        raise CaseInputError([field_error("on", _("This day is in the future."))])
    return journal.log(
        current, EventKind.CONSULTATION, actor=actor, on=on, note=note, after={"on": on.isoformat()}
    )


@transaction.atomic
def add_note(*, case: Case, actor, note: str) -> CaseEvent:
    current = journal.locked(case)
    if not note.strip():
        raise CaseInputError([field_error("note", _("Write the note."))])
    return journal.log(current, EventKind.NOTE, actor=actor, note=note, after={})


@transaction.atomic
def send_request(
    *,
    request: Request,
    actor,
    on: datetime.date,
    transmission: dict,
    fields: dict | None = None,
) -> Case:
    """Register a final request as sent on day `on` by `transmission` ({channel,
    tracking_number}): its outgoing case is opened and moved to "sent" together, or not at all."""
    case = open_outgoing(
        request=request, actor=actor, fields=fields, on=min(on, timezone.localdate())
    )
    return transition(case=case, to=Status.SENT, actor=actor, on=on, transmission=transmission)
