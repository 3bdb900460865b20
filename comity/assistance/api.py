"""Technical-assistance projects of API.md: /api/v1/projects.

A project is read by the people of its State, of its network's member States and by the
network's secretariat; changed by the State's writers and the secretariat (others: 404). Bad
input is refused with 422 and each problem by its place ("budget[1].amount"); a status change
the life cycle does not allow, with 409 and the allowed ones.
"""

import datetime
import json
from decimal import Decimal
from typing import Annotated

from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema, Status

from comity.accounts.authentication import SessionOrToken
from comity.assistance import exports, schema, selectors, services
from comity.assistance.vocabulary import (
    ActivityKind,
    ActivityStatus,
    PartnerRole,
    ProjectStatus,
)
from comity.core.errors import ERRORS, ApiError, ErrorOut, field_error
from comity.core.paging import Paging
from comity.networks.schemas import NetworkCode

router = Router(auth=SessionOrToken())
ProjectId = Annotated[int, Path(ge=1, le=2**63 - 1)]


class ProjectQuery(Paging):
    state: str = Field("", max_length=3, description="ISO 3166-1 alpha-3 code")
    network: NetworkCode = Field("", description="Network code")
    status: ProjectStatus | None = None


class GapOut(Schema):
    id: int = Field(..., description="Id of the assessment answer")
    assessment: int
    as_of: datetime.date
    area: str
    question: str
    text: str
    article: str
    score: int | None = Field(..., description="The score at the time of the assessment")
    top: int | None = Field(..., description="The top of the questionnaire's scale")
    status: str = Field(..., description="closed, open or unknown (no later assessment)")


class ObjectiveOut(Schema):
    id: int
    position: int
    text: str
    gaps: list[int]


class ActivityOut(Schema):
    id: int
    kind: ActivityKind
    title: str
    start: datetime.date | None
    end: datetime.date | None
    status: ActivityStatus
    event: int | None


class PartnerOut(Schema):
    id: int
    name: str
    role: PartnerRole


class BudgetLineOut(Schema):
    id: int
    label: str
    amount: Decimal
    donor: str


class IndicatorOut(Schema):
    id: int
    name: str
    unit: str
    baseline: Decimal
    target: Decimal
    current: Decimal | None
    progress: Decimal | None = Field(
        ..., description="Percent of the way from baseline to target; null when unknown"
    )


class ReportOut(Schema):
    id: int
    period_end: datetime.date
    text: str
    author: str
    created_at: datetime.datetime


class DonorTotalOut(Schema):
    donor: str
    amount: Decimal


class TotalsOut(Schema):
    overall: Decimal
    by_donor: list[DonorTotalOut]
    without_donor: Decimal


class ProjectOut(Schema):
    id: int
    state: str
    network: str | None
    title: str
    summary: str
    currency: str
    start: datetime.date | None
    end: datetime.date | None
    status: ProjectStatus
    entered: dict[str, datetime.datetime] = Field(..., description="When each status was entered")
    allowed: list[str] = Field(..., description="The statuses the project may move to")
    example: bool
    gaps: list[GapOut]
    gaps_closed: int
    objectives: list[ObjectiveOut]
    activities: list[ActivityOut]
    partners: list[PartnerOut]
    budget: list[BudgetLineOut]
    totals: TotalsOut
    indicators: list[IndicatorOut]
    reports: list[ReportOut]
    url: str


class ProjectItemOut(Schema):
    id: int
    state: str
    network: str | None
    title: str
    status: ProjectStatus
    currency: str
    start: datetime.date | None
    end: datetime.date | None
    gaps: int
    url: str


class ProjectList(Schema):
    count: int
    items: list[ProjectItemOut]


class TransitionRefusedOut(ErrorOut):
    allowed: list[str]


def _body(model, *, required: bool = True) -> dict:
    return {
        "requestBody": {
            "required": required,
            "content": {"application/json": {"schema": schema.json_schema(model)}},
        }
    }


def _read(request) -> dict:
    """The JSON object of the request body (422 when it is not one)."""
    try:
        data = json.loads(request.body or b"{}")
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ApiError(
            _("The body is not valid JSON."),
            status=422,
            errors=[field_error("", _("Send one JSON object."))],
        ) from exc
    if not isinstance(data, dict):
        raise ApiError(
            _("The body is not valid."),
            status=422,
            errors=[field_error("", _("Send one JSON object."))],
        )
    return data


def _input_error(exc: schema.ProjectInputError) -> ApiError:
    return ApiError(_("The project cannot be saved as given."), status=422, errors=exc.errors)


def _out(project) -> dict:
    return exports.project_data(selectors.overview(project))


@router.get("", response={200: ProjectList, **ERRORS}, summary="Projects you may see")
def list_projects(request, params: Query[ProjectQuery]):
    found = selectors.projects(
        request.user,
        state=params.state,
        network=params.network,
        status=params.status or "",
    )
    page = list(found[params.offset : params.offset + params.limit])
    return {
        "count": found.count(),
        "items": [
            {
                "id": p.pk,
                "state": p.state_id,
                "network": p.network.code if p.network_id else None,
                "title": p.title,
                "status": p.status,
                "currency": p.currency,
                "start": p.start,
                "end": p.end,
                "gaps": p.gap_count,
                "url": p.get_absolute_url(),
            }
            for p in page
        ],
    }


@router.post(
    "",
    response={201: ProjectOut, 422: ErrorOut, **ERRORS},
    summary="Start a project",
    description="By the State's writers, the network's secretariat or a site admin. `gaps` are "
    "ids of answers of the State's assessments (each below the top of the scale); each "
    "objective names one or more of them; a budget line's `donor` is the name of a partner "
    "with role donor. The project starts as proposed.",
    openapi_extra=_body(schema.ProjectIn),
)
def create_project(request):
    data = _read(request)
    try:
        parsed = schema.parse(schema.ProjectIn, data)
        rest = parsed.model_dump(mode="json", exclude={"state", "title", "network", "gaps"})
        project = services.create_project(
            state=parsed.state,
            title=parsed.title,
            network=parsed.network,
            gaps=parsed.gaps,
            data=rest,
            actor=request.user,
        )
    except schema.ProjectInputError as exc:
        raise _input_error(exc) from exc
    except services.NotAllowed as exc:
        # Out of the caller's reach, like a project they may not see.
        raise ApiError(
            _("You may not start a project for this State."),
            status=404,
            errors=[field_error("state", _("Choose your own State or a network you run."))],
        ) from exc
    return Status(201, _out(project))


@router.get("/{project_id}", response={200: ProjectOut, **ERRORS}, summary="One project")
def get_project(request, project_id: ProjectId):
    return _out(selectors.project_for(request.user, project_id))


@router.patch(
    "/{project_id}",
    response={200: ProjectOut, 422: ErrorOut, **ERRORS},
    summary="Change a project",
    description="Only the fields given change; a list given (gaps, objectives, activities, "
    "partners, budget, indicators) replaces the project's list. The status changes by "
    "/transition.",
    openapi_extra=_body(schema.ProjectPatch),
)
def patch_project(request, project_id: ProjectId):
    project = selectors.project_for(request.user, project_id, "change")
    data = _read(request)
    try:
        project = services.update_project(project=project, data=data, actor=request.user)
    except schema.ProjectInputError as exc:
        raise _input_error(exc) from exc
    return _out(project)


@router.post(
    "/{project_id}/reports",
    response={201: ReportOut, 422: ErrorOut, **ERRORS},
    summary="Add a progress report",
    openapi_extra=_body(schema.ReportIn),
)
def add_report(request, project_id: ProjectId):
    project = selectors.project_for(request.user, project_id, "change")
    data = _read(request)
    try:
        report = services.add_part(project=project, kind="reports", data=data, actor=request.user)
    except schema.ProjectInputError as exc:
        raise _input_error(exc) from exc
    return Status(201, exports.report_data(report))


@router.post(
    "/{project_id}/transition",
    response={200: ProjectOut, 409: TransitionRefusedOut, 422: ErrorOut, **ERRORS},
    summary="Move a project to another status",
    description="proposed -> approved -> active -> completed; cancelled from any of the first "
    "three. Another move is refused with 409 and the allowed ones.",
    openapi_extra=_body(schema.TransitionIn),
)
def transition(request, project_id: ProjectId):
    project = selectors.project_for(request.user, project_id, "change")
    data = _read(request)
    try:
        to = schema.parse(schema.TransitionIn, data).to
    except schema.ProjectInputError as exc:
        raise _input_error(exc) from exc
    if to not in ProjectStatus.values:
        raise ApiError(
            _("Unknown status."),
            status=422,
            errors=[field_error("to", _("Use one of: %s.") % ", ".join(ProjectStatus.values))],
        )
    try:
        project = services.transition(project=project, to=to, actor=request.user)
    except services.TransitionNotAllowed as exc:
        raise ApiError(
            str(exc),
            status=409,
            errors=[
                field_error("to", _("Allowed: %(allowed)s") % {"allowed": ", ".join(exc.allowed)})
            ],
            extra={"allowed": exc.allowed},
        ) from exc
    return _out(project)
