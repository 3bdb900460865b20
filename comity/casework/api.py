"""Case register endpoints of API.md: /api/v1/cases.

Every answer about one case carries its version as an ETag. A client that sends the ETag it last
saw in `If-Match` (or the number in a `version` field) with a change is refused with 409 and the
current case when someone else changed it first; without either, the change is applied to the
case as it is at that moment.
"""

import datetime
import json
import uuid
from typing import Annotated, Literal

from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.responses import NinjaJSONEncoder
from pydantic import ConfigDict, WithJsonSchema

from comity.casework import selectors, services, statistics
from comity.casework.models import Case
from comity.casework.schema import CaseFields, Note, Short
from comity.casework.vocabulary import (
    ConditionKind,
    Direction,
    EntityKind,
    EventKind,
    Priority,
    RefusalGround,
)
from comity.casework.vocabulary import Status as CaseStatus
from comity.core import access
from comity.core.errors import ERRORS, ApiError, ErrorOut, field_error
from comity.core.paging import Paging
from comity.core.text import IsoDate, Line
from comity.core.versions import IF_MATCH, etag, expected_version, moved_on
from comity.directory.vocabulary import Channel
from comity.drafting import selectors as drafting_selectors
from comity.drafting.models import Status as RequestStatus
from comity.drafting.schema import whole_number
from comity.geo.codes import StateCodeOrEmpty
from comity.treaties.vocabulary import RequestKind

router = Router()

# A state of a case, named apart from a request's states in the API document.
CaseState = Annotated[
    CaseStatus,
    WithJsonSchema({"type": "string", "enum": list(CaseStatus.values), "title": "CaseState"}),
]


Version = whole_number(ge=1, le=999_999_999)


def _version():
    return Field(None, description="The version you last saw (or If-Match)")


# Ids of people: within every database's integer range, so a huge number is a 400, not a crash.
PersonId = Field(None, ge=1, le=2**63 - 1)

# --- Shapes -------------------------------------------------------------------------------------


class CaseSummaryOut(Schema):
    """A case in a list: what it is and where it stands, without its history."""

    id: uuid.UUID
    direction: Direction
    kind: RequestKind
    status: CaseState
    request: uuid.UUID | None = Field(..., description="The request an outgoing case sends")
    counterpart_state: str = Field(..., description="ISO 3166-1 alpha-3 code")
    counterpart_authority: uuid.UUID | None
    counterpart_name: str
    our_reference: str
    their_reference: str
    received_on: datetime.date | None = Field(..., description="Incoming cases: day received")
    sent_on: datetime.date | None = Field(..., description="Outgoing cases: day sent")
    deadline: datetime.date | None = Field(..., description="The earliest of the case's deadlines")
    overdue: bool = Field(..., description="Open and past its deadline")
    priority: Priority
    assigned_to: int | None
    updated_at: datetime.datetime
    version: int


class CaseEntityOut(Schema):
    kind: EntityKind
    role: str
    value: str
    date_of_birth: datetime.date | None
    nationality: str


class CaseConditionOut(Schema):
    id: int
    kind: ConditionKind
    material: str
    text: str
    provision: str
    imposed_on: datetime.date
    lifted_on: datetime.date | None


class CaseEventOut(Schema):
    kind: EventKind
    from_status: CaseState | Literal[""] = Field(..., alias="from")
    to_status: CaseState | Literal[""] = Field(..., alias="to")
    on: datetime.date = Field(..., description="The day it happened")
    at: datetime.datetime = Field(..., description="When it was recorded")
    actor: str | None = Field(..., description="Username")
    note: str
    details: dict


class CaseOut(CaseSummaryOut):
    """One case with its details, conditions, events (newest first) and next possible states."""

    legal_bases: list[str]
    offences: list[str]
    subject: str
    executing_authority: uuid.UUID | None
    channel: Channel | Literal[""]
    transmitted_on: datetime.date | None
    tracking_number: str
    language: str
    requested_deadline: datetime.date | None
    target_date: datetime.date | None
    statutory_deadline: datetime.date | None
    statutory_basis: str
    opened_on: datetime.date | None
    acknowledged_on: datetime.date | None
    executed_on: datetime.date | None
    finished_on: datetime.date | None
    refusal_ground: RefusalGround | Literal[""]
    refusal_provision: str
    entered: dict[str, datetime.date] = Field(..., description="State -> day first entered")
    entities: list[CaseEntityOut]
    conditions: list[CaseConditionOut]
    events: list[CaseEventOut]
    allowed_transitions: list[CaseState]


class CaseList(Schema):
    count: int = Field(
        ...,
        description=f"How many cases match: exactly up to {selectors.COUNT_LIMIT:,}; beyond, "
        f"{selectors.COUNT_LIMIT:,} with `count_exact` false",
    )
    count_exact: bool
    items: list[CaseSummaryOut]


class CaseConflictOut(ErrorOut):
    current: CaseOut = Field(..., description="The case as it is now")


class CaseTransitionRefusedOut(ErrorOut):
    allowed: list[CaseState] = Field(..., description="The states the case may move to now")


class CaseQuery(Paging):
    q: Line = Field("", max_length=200, description="Names of persons and references, any script")
    direction: Direction | Literal[""] = ""
    status: CaseState | Literal[""] = ""
    kind: RequestKind | Literal[""] = ""
    counterpart_state: StateCodeOrEmpty = Field(StateCodeOrEmpty.NONE, description="e.g. DEU")
    assigned_to: int | None = PersonId
    priority: Priority | Literal[""] = ""
    open: bool = Field(False, description="Only open cases")
    overdue: bool = Field(False, description="Only open cases past their deadline")


class NewCaseIn(CaseFields):
    """A case to open: an incoming request received (with `received_on`, `kind`,
    `counterpart_state`), or the outgoing case of a final request of your authority (`request`)."""

    direction: Direction
    request: uuid.UUID | None = Field(None, description="Outgoing: the final request's id")
    received_on: IsoDate | None = Field(None, description="Incoming: the day it arrived")


class CasePatchIn(CaseFields):
    """The details to change; only those given change (null clears a date or an assignment)."""

    version: Version | None = _version()


class CaseTransitionIn(Schema):
    model_config = ConfigDict(extra="forbid")

    to: CaseState
    note: Note = ""
    on: IsoDate | None = Field(None, description="The day it happened (default: today)")
    ground: RefusalGround | Literal[""] = Field("", description="Refusals: the ground")
    provision: Short = Field("", description="Refusals: the provision relied on")
    channel: Channel | None = Field(None, description="Sending: how it was transmitted")
    tracking_number: Short = ""
    version: Version | None = _version()


# --- Answers ------------------------------------------------------------------------------------

SUMMARY_COLUMNS = (
    "id",
    "owner_id",
    "direction",
    "kind",
    "status",
    "is_open",
    "request_id",
    "counterpart_state_id",
    "counterpart_authority_id",
    "counterpart_name",
    "our_reference",
    "their_reference",
    "opened_on",
    "deadline",
    "priority",
    "assigned_to_id",
    "updated_at",
    "version",
)


def _summary(case: Case, today: datetime.date) -> dict:
    return _summary_of({name: getattr(case, name) for name in SUMMARY_COLUMNS}, today)


def _summary_of(row: dict, today: datetime.date) -> dict:
    """One case of a list, from its SUMMARY_COLUMNS, in JSON's own types (as CaseSummaryOut)."""
    incoming = row["direction"] == Direction.INCOMING
    opened = _day(row["opened_on"])
    return {
        "id": str(row["id"]),
        "direction": row["direction"],
        "kind": row["kind"],
        "status": row["status"],
        "request": _text(row["request_id"]),
        "counterpart_state": row["counterpart_state_id"],
        "counterpart_authority": _text(row["counterpart_authority_id"]),
        "counterpart_name": row["counterpart_name"],
        "our_reference": row["our_reference"],
        "their_reference": row["their_reference"],
        "received_on": opened if incoming else None,
        "sent_on": None if incoming else opened,
        "deadline": _day(row["deadline"]),
        "overdue": selectors.past_deadline(row["is_open"], row["deadline"], today),
        "priority": row["priority"],
        "assigned_to": row["assigned_to_id"],
        "updated_at": _JSON.default(row["updated_at"]),
        "version": row["version"],
    }


_JSON = NinjaJSONEncoder()  # how the API writes a time everywhere (ISO 8601, UTC as Z)


def _text(value) -> str | None:
    return None if value is None else str(value)


def _day(value) -> str | None:
    return None if value is None else value.isoformat()


def _event(event) -> dict:
    return {
        "kind": event.kind,
        "from": event.from_status,
        "to": event.to_status,
        "on": event.on,
        "at": event.at,
        "actor": event.actor.username if event.actor_id else None,
        "note": event.note,
        "details": event.details,
    }


def _out(case: Case) -> dict:
    plain = ("legal_bases", "offences", "subject", "channel", "transmitted_on", "tracking_number")
    plain += ("language", "requested_deadline", "target_date", "statutory_deadline")
    plain += ("statutory_basis", "opened_on", "acknowledged_on", "executed_on", "finished_on")
    plain += ("refusal_ground", "refusal_provision", "entered")
    return {
        **_summary(case, timezone.localdate()),
        **{name: getattr(case, name) for name in plain},
        "executing_authority": case.executing_authority_id,
        "entities": list(
            case.entities.values("kind", "role", "value", "date_of_birth", "nationality")
        ),
        "conditions": list(
            case.conditions.values(
                "id", "kind", "material", "text", "provision", "imposed_on", "lifted_on"
            )
        ),
        "events": [_event(e) for e in case.events.select_related("actor")],
        "allowed_transitions": list(selectors.next_states(case)),
    }


def _answer(response: HttpResponse, case: Case) -> dict:
    response["ETag"] = etag(case)
    return _out(case)


def _case(request, case_id, *, to_edit: bool = False) -> Case:
    found = selectors.case_for(request.user, case_id, to_edit=to_edit)
    if found is None:
        raise Http404
    return found


def _page(cases, paging: Paging) -> HttpResponse:
    """One page of a list of cases, written straight to JSON: the rows are read as values and
    described by CaseList, so they need no model instances and no validation on the way out."""
    today = timezone.localdate()
    rows = cases.select_related(None).values(*SUMMARY_COLUMNS)
    page = rows[paging.offset : paging.offset + paging.limit]
    count = selectors.bounded_count(cases)
    body = {
        "count": count,
        "count_exact": count < selectors.COUNT_LIMIT,
        "items": [_summary_of(row, today) for row in page],
    }
    return HttpResponse(json.dumps(body), content_type="application/json")


def _input_error(exc: services.CaseInputError) -> ApiError:
    return ApiError(_("The case cannot be saved as given."), errors=exc.errors)


def _stale(exc: services.StaleCase) -> ApiError:
    retry = _("Read the case again (version %(version)d), make your change again and retry.")
    return moved_on(
        str(exc),
        current=exc.current,
        current_body=_out(exc.current),
        retry=retry % {"version": exc.current.version},
    )


def _refused(exc: services.TransitionNotAllowed) -> ApiError:
    return ApiError(
        str(exc),
        status=409,
        errors=[field_error("to", _("Allowed: %(allowed)s") % {"allowed": ", ".join(exc.allowed)})],
        extra={"allowed": exc.allowed},
    )


def _body_error(field: str, message: str) -> ApiError:
    return ApiError(_("The case cannot be saved as given."), errors=[field_error(field, message)])


# --- The register -------------------------------------------------------------------------------


@router.get(
    "",
    response={200: CaseList, **ERRORS},
    summary="Cases of your register",
    description="The cases of your authority and those shared with you, most recently changed "
    "first (past their deadline first with `overdue=true`).",
)
def list_cases(request, params: Query[CaseQuery]):
    filters = selectors.CaseFilters(
        q=params.q,
        direction=params.direction,
        status=params.status,
        kind=params.kind,
        counterpart_state=params.counterpart_state.value,
        assigned_to=params.assigned_to,
        priority=params.priority,
        open_only=params.open,
        overdue=params.overdue,
    )
    return _page(selectors.register(request.user, filters), params)


@router.post(
    "",
    response={201: CaseOut, 200: CaseOut, 403: ErrorOut, **ERRORS},
    summary="Register a case",
    description="`direction: incoming` registers a request received from another State "
    "(`received_on`, `kind` and `counterpart_state` required). `direction: outgoing` opens the "
    "case of a final request of your authority (`request`), as a draft case until it is sent; "
    "if that request has a case already, the answer is that case (200).",
    by_alias=True,
)
def create_case(request, response: HttpResponse, body: NewCaseIn):
    if not selectors.can_register(request.user):
        raise ApiError(
            _("Only officers, supervisors and administrators of an authority register cases."),
            status=403,
        )
    data = body.model_dump(mode="json", exclude_unset=True)
    data.pop("direction")
    request_id = data.pop("request", None)
    try:
        if body.direction == Direction.INCOMING:
            if request_id is not None:
                raise _body_error(
                    "request", _("An incoming case has no request of yours; leave this out.")
                )
            created = services.register_incoming(
                owner=request.user.authority, actor=request.user, data=data
            )
        else:
            if "received_on" in data:
                raise _body_error(
                    "received_on",
                    _("An outgoing case is sent, not received; leave this out."),
                )
            final = _final_request(request, request_id)
            existing = Case.objects.filter(request=final).exists()
            created = services.open_outgoing(request=final, actor=request.user, fields=data)
            if existing:
                return Status(200, _answer(response, created))
    except services.CaseInputError as exc:
        raise _input_error(exc) from exc
    return Status(201, _answer(response, created))


def _final_request(request, request_id):
    found = None
    if request_id is not None:
        found = drafting_selectors.request_for(request.user, request_id)
    if found is None or found.status != RequestStatus.FINAL:
        raise _body_error(
            "request",
            _("No final request of your authority has this id.")
            if request_id is not None
            else _("Give the id of the final request this case sends."),
        )
    return found


@router.get(
    "/overdue",
    response={200: CaseList, **ERRORS},
    summary="Open cases past their deadline",
    description="The longest overdue first.",
)
def overdue_cases(request, params: Query[Paging]):
    return _page(selectors.overdue(request.user), params)


class StatsQuery(Schema):
    start: IsoDate | None = Field(
        None,
        alias="from",
        description="First day of the period (default: 1 January of the year of `to`, else of "
        "this year)",
    )
    end: IsoDate | None = Field(
        None,
        alias="to",
        description="Last day of the period (default: 31 December of the year of `from`)",
    )
    group_by: Literal["kind", "country", "status"] = "kind"
    direction: Literal["", "incoming", "outgoing"] = Field(
        "", description="Only cases received (incoming) or sent (outgoing); both by default"
    )


class StatsItemOut(Schema):
    key: str = Field(..., description="The kind, the State (ISO alpha-3) or the status")
    label: str = Field(..., description="Its name in the caller's language")
    count: int
    median_days_to_acknowledgment: float | None
    median_days_to_execution: float | None
    refused: int
    pending: int = Field(..., description="Cases of the group still open")


class StatsTotalsOut(Schema):
    cases: int
    incoming: int | None = None
    outgoing: int | None = None
    refused: int
    pending: int
    not_yet_sent: int = Field(
        ..., description="Outgoing drafts registered in the period and not sent yet"
    )


class StatsOut(Schema):
    start: datetime.date = Field(..., alias="from")
    end: datetime.date = Field(..., alias="to")
    group_by: str
    direction: str
    items: list[StatsItemOut]
    totals: StatsTotalsOut
    median_days_to_acknowledgment: float | None
    median_days_to_execution: float | None


@router.get(
    "/stats",
    response={200: StatsOut, **ERRORS},
    by_alias=True,
    summary="Statistics of the cases sent or received in a period, grouped",
)
def stats(request, params: Query[StatsQuery]):
    """Cases sent or received from `from` to `to` (both included) that the caller may see, per
    kind, State or status: how many, the median days to acknowledgment and to execution, how
    many were refused and how many are still open."""
    if not access.is_member(request.user):
        raise Http404
    today = timezone.localdate()
    year = (params.start or params.end or today).year
    start = params.start or datetime.date(year, 1, 1)
    end = params.end or datetime.date(start.year, 12, 31)
    if start > end:
        message = _("The end of the period is before its start; give a later day.")
        raise ApiError(_("The request is not valid."), errors=[field_error("to", message)])
    result = statistics.grouped(
        request.user, start=start, end=end, group_by=params.group_by, direction=params.direction
    )
    return {
        "from": start,
        "to": end,
        "group_by": params.group_by,
        "direction": params.direction,
        "items": result.items,
        "totals": result.totals,
        "median_days_to_acknowledgment": result.durations.acknowledgment.days,
        "median_days_to_execution": result.durations.execution.days,
    }


# --- One case -----------------------------------------------------------------------------------


@router.get("/{case_id}", response={200: CaseOut, **ERRORS}, summary="One case", by_alias=True)
def get_case(request, response: HttpResponse, case_id: uuid.UUID):
    return _answer(response, _case(request, case_id))


@router.patch(
    "/{case_id}",
    response={200: CaseOut, 409: CaseConflictOut | ErrorOut, **ERRORS},
    summary="Change details of a case",
    description="Only the details given change. Send `If-Match` with the ETag you last saw (or "
    "a `version`) to have the change refused with 409 and the current case when someone "
    "changed it first.",
    by_alias=True,
)
def patch_case(
    request,
    response: HttpResponse,
    case_id: uuid.UUID,
    body: CasePatchIn,
    if_match: str = IF_MATCH,
):
    found = _case(request, case_id, to_edit=True)
    data = body.model_dump(mode="json", exclude_unset=True)
    expected = expected_version(if_match, data.pop("version", None))
    try:
        saved = services.update_case(
            case=found, actor=request.user, data=data, expected_version=expected
        )
    except services.CaseInputError as exc:
        raise _input_error(exc) from exc
    except services.StaleCase as exc:
        raise _stale(exc) from exc
    return _answer(response, saved)


@router.post(
    "/{case_id}/transitions",
    response={200: CaseOut, 409: CaseConflictOut | CaseTransitionRefusedOut | ErrorOut, **ERRORS},
    summary="Move a case to another state",
    description="A move its life cycle does not allow is refused with 409 and the allowed "
    "ones. A refusal names its `ground` (and `provision` for a treaty's or another ground); "
    "refusing or postponing an incoming request needs a consultation recorded first (UNTOC "
    "18(26)); sending needs the `channel`.",
    by_alias=True,
)
def post_transition(
    request,
    response: HttpResponse,
    case_id: uuid.UUID,
    body: CaseTransitionIn,
    if_match: str = IF_MATCH,
):
    found = _case(request, case_id, to_edit=True)
    transmission = {"channel": body.channel or "", "tracking_number": body.tracking_number}
    try:
        moved = services.transition(
            case=found,
            to=body.to,
            actor=request.user,
            on=body.on,
            note=body.note,
            expected_version=expected_version(if_match, body.version),
            ground=body.ground,
            provision=body.provision,
            transmission=transmission,
        )
    except services.StaleCase as exc:
        raise _stale(exc) from exc
    except services.TransitionNotAllowed as exc:
        raise _refused(exc) from exc
    except services.CaseInputError as exc:
        raise _input_error(exc) from exc
    return _answer(response, moved)
