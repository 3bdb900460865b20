"""Reading projects: what a user may see, and a project's figures (budget totals, progress of its
indicators, the gaps it addresses and whether they closed). The page, the API and the exports
all read a project through `overview`."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Sum
from django.shortcuts import get_object_or_404

from comity.assessments.models import Assessment
from comity.assistance import gaps as gap_info
from comity.assistance import lifecycle
from comity.assistance.models import BudgetLine, Indicator, Project
from comity.core import access
from comity.directory.models import Network, NetworkMember
from comity.networks.models import Event


def projects(user, *, state: str = "", network: str = "", status: str = ""):
    """The projects `user` may see, newest first, filtered by State (alpha-3), network (code)
    and status."""
    found = Project.objects.restrict(user).select_related("state", "network")
    if state:
        found = found.filter(state_id=state.upper())
    if network:
        found = found.filter(network__code=network)
    if status:
        found = found.filter(status=status)
    return found.annotate(gap_count=Count("gaps", distinct=True))


def project_for(user, pk, permission: str = access.Permission.VIEW) -> Project:
    """The project, if `user` may see it (or change it, with permission "change"); 404 otherwise."""
    return get_object_or_404(
        Project.objects.restrict(user, permission).select_related("state", "network"), pk=pk
    )


def networks_of(state: str):
    """The networks `state` is a current member of (those a project of it may run in)."""
    members = NetworkMember.objects.current().filter(country_id=state).values("network_id")
    return Network.objects.filter(pk__in=members).order_by("name")


def networks_seen(user):
    """The networks whose projects `user` may see (for the list's filter)."""
    if access.is_site_admin(user):
        return Network.objects.order_by("name")
    members, secretariat = access.network_ids(user)
    return Network.objects.filter(pk__in=members | secretariat).order_by("name")


def assessments_of(user, state: str, *, limit: int = 10):
    """The latest assessments of `state` that `user` may see (where a project's gaps come from)."""
    return (
        Assessment.objects.restrict(user)
        .filter(state_id=state)
        .order_by("-as_of", "-created_at")[:limit]
    )


def events_for(user, project: Project):
    """The meetings an activity of `project` may be held at: its network's, that `user` sees."""
    if not project.network_id:
        return Event.objects.none()
    return Event.objects.restrict(user).filter(network_id=project.network_id).order_by("-start")


def may_change(user, project: Project) -> bool:
    return access.can(user, access.Permission.CHANGE, project)


# --- Figures ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Totals:
    overall: Decimal
    by_donor: list[tuple[str, Decimal]]  # donor name, total; sorted by name
    without_donor: Decimal


def totals(project: Project) -> Totals:
    """The budget of `project` in its currency: overall, per donor, and lines with no donor."""
    by_donor: dict[str, Decimal] = defaultdict(Decimal)
    overall = without = Decimal("0")
    for line in project.budget.select_related("donor"):
        overall += line.amount
        if line.donor_id:
            by_donor[line.donor.name] += line.amount
        else:
            without += line.amount
    return Totals(
        overall=overall,
        by_donor=sorted(by_donor.items(), key=lambda item: item[0].casefold()),
        without_donor=without,
    )


def progress(indicator: Indicator) -> Decimal | None:
    """How far `indicator` has come from its baseline towards its target, in percent (rounded to
    one decimal; below 0 when it moved away, above 100 past the target). None when there is no
    current value, or when the target equals the baseline (no way to measure)."""
    if indicator.current is None or indicator.target == indicator.baseline:
        return None
    share = (indicator.current - indicator.baseline) / (indicator.target - indicator.baseline)
    return (share * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def bar_width(percent: Decimal | None) -> int:
    """The length of a progress bar, 0 to 100."""
    if percent is None:
        return 0
    return int(max(Decimal(0), min(Decimal(100), percent)).to_integral_value(ROUND_HALF_UP))


@dataclass(frozen=True)
class IndicatorRow:
    indicator: Indicator
    percent: Decimal | None
    width: int


def gap_rows(project: Project) -> list[gap_info.Gap]:
    """The gaps `project` addresses, by assessment and question, each with its question's words,
    its score at the time and whether a later assessment closed it."""
    answers = project.gaps.select_related("assessment").order_by(
        "assessment__as_of", "assessment_id", "question"
    )
    return [gap_info.described(answer) for answer in answers]


def budget_totals(project_ids) -> dict[int, Decimal]:
    """The budget total of each project id."""
    rows = (
        BudgetLine.objects.filter(project_id__in=list(project_ids))
        .values("project_id")
        .annotate(total=Sum("amount"))
    )
    return {row["project_id"]: row["total"] for row in rows}


def gap_counts(project_ids) -> dict[int, tuple[int, int]]:
    """(gaps, gaps closed) per project id."""
    answers = (
        Project.gaps.through.objects.filter(project_id__in=list(project_ids))
        .select_related("answer__assessment")
        .order_by("project_id")
    )
    counts: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    status: dict[int, str] = {}
    for link in answers:
        answer = link.answer
        if answer.pk not in status:
            status[answer.pk] = gap_info.status_of(answer)
        counts[link.project_id][0] += 1
        if status[answer.pk] == gap_info.CLOSED:
            counts[link.project_id][1] += 1
    return {pk: (n, closed) for pk, (n, closed) in counts.items()}


@dataclass
class Overview:
    """Everything shown about one project."""

    project: Project
    gaps: list[gap_info.Gap]
    objectives: list
    activities: list
    partners: list
    budget: list
    totals: Totals
    indicators: list[IndicatorRow]
    reports: list
    moves: tuple[str, ...]
    entered: dict = field(default_factory=dict)  # status -> when it was entered

    @property
    def gaps_closed(self) -> int:
        return sum(1 for gap in self.gaps if gap.status == gap_info.CLOSED)


def overview(project: Project) -> Overview:
    indicators = list(project.indicators.all())
    return Overview(
        project=project,
        gaps=gap_rows(project),
        objectives=list(project.objectives.prefetch_related("gaps")),
        activities=list(project.activities.select_related("event")),
        partners=list(project.partners.all()),
        budget=list(project.budget.select_related("donor")),
        totals=totals(project),
        indicators=[IndicatorRow(i, progress(i), bar_width(progress(i))) for i in indicators],
        reports=list(project.reports.select_related("author")),
        moves=lifecycle.allowed_moves(project.status),
        entered={
            status: getattr(project, stamp)
            for status, stamp in lifecycle.STAMPS.items()
            if getattr(project, stamp)
        },
    )
