"""Case register endpoints of API.md: /api/v1/cases."""

import datetime
from typing import Literal

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from pydantic import Field

from comity.casework import statistics
from comity.core import access
from comity.core.errors import ERRORS, ApiError, field_error

router = Router()


class StatsQuery(Schema):
    start: datetime.date | None = Field(
        None, alias="from", description="First day of the period (default: 1 January this year)"
    )
    end: datetime.date | None = Field(
        None, alias="to", description="Last day of the period (default: 31 December this year)"
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
    start = params.start or datetime.date(today.year, 1, 1)
    end = params.end or datetime.date(today.year, 12, 31)
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
