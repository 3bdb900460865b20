"""Reads of the case register: the list, search, the overdue list, one case, an officer's work.

Every read goes through the access policy (Case.objects.restrict): a user sees the cases of their
authority and those shared with them, nothing else.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone

from comity.casework import deadlines, lifecycle
from comity.casework.models import Case, CaseShare, CaseTerm, Notification
from comity.casework.terms import prefix_range, query_words, spellings
from comity.core import access
from comity.core.access import Permission

# A list counts its cases exactly up to this many, so that no page reads the whole register.
COUNT_LIMIT = 1_000

LIST_COLUMNS = (
    "owner",
    "counterpart_state",
    "assigned_to",
)


@dataclass(frozen=True)
class CaseFilters:
    """What the register list is narrowed to (every part optional)."""

    q: str = ""
    direction: str = ""
    status: str = ""
    kind: str = ""
    counterpart_state: str = ""
    assigned_to: int | None = None
    priority: str = ""
    open_only: bool = False
    overdue: bool = False


def cases_for(user, permission: Permission | str = Permission.VIEW) -> QuerySet:
    return Case.objects.restrict(user, permission)


def case_for(user, pk, *, to_edit: bool = False) -> Case | None:
    """The case if `user` may see it (or change it, with to_edit); None means 404."""
    permission = Permission.CHANGE if to_edit else Permission.VIEW
    return (
        cases_for(user, permission)
        .select_related(
            "owner",
            "counterpart_state",
            "counterpart_authority",
            "executing_authority",
            "assigned_to",
            "request",
        )
        .filter(pk=pk)
        .first()
    )


def matching(user, query: str) -> Q | None:
    """Cases whose names or references have, for each word of `query`, a word beginning with it
    (in any of its spellings); None when `query` has no word.

    Each word is a range of the index of the words of the user's authority (and of the cases
    shared with them), so the database reads only the words that match, never the register.
    """
    words = query_words(query)
    if not words:
        return None
    # The cases shared with the user as a subquery: the access rule has just read them once.
    scope = Q(owner_id=user.authority_id) | Q(
        case_id__in=CaseShare.objects.filter(user=user).values("case_id")
    )
    condition = Q()
    for word in words:
        # A word typed in Cyrillic also finds the Latin spelling of a name, as it is kept.
        spelled = Q()
        for spelling in spellings(word):
            low, high = prefix_range(spelling)
            spelled |= Q(term__gte=low, term__lt=high)
        condition &= Q(pk__in=CaseTerm.objects.filter(scope, spelled).values("case_id"))
    return condition


def register(user, filters: CaseFilters = CaseFilters()) -> QuerySet:
    """The cases `user` may see, narrowed by `filters`, most recently changed first."""
    cases = cases_for(user).select_related(*LIST_COLUMNS)
    if filters.q:
        condition = matching(user, filters.q)
        cases = cases.filter(condition) if condition is not None else cases
    for name in ("direction", "status", "kind", "priority"):
        value = getattr(filters, name)
        if value:
            cases = cases.filter(**{name: value})
    if filters.counterpart_state:
        cases = cases.filter(counterpart_state_id=filters.counterpart_state)
    if filters.assigned_to:
        cases = cases.filter(assigned_to_id=filters.assigned_to)
    if filters.open_only:
        cases = cases.filter(is_open=True)
    if filters.overdue:
        return overdue(user, cases)
    return cases.order_by("-updated_at", "-pk")


def bounded_count(cases: QuerySet, limit: int | None = None) -> int:
    """How many cases `cases` holds, counted up to `limit` (COUNT_LIMIT; then the limit)."""
    return cases.order_by()[: limit or COUNT_LIMIT].count()


def overdue(user, cases: QuerySet | None = None, *, today: datetime.date | None = None) -> QuerySet:
    """Open cases past their deadline, the longest overdue first."""
    today = today or timezone.localdate()
    cases = cases if cases is not None else cases_for(user).select_related(*LIST_COLUMNS)
    return cases.filter(is_open=True, deadline__lt=today).order_by("deadline", "our_reference")


def due_between(cases: QuerySet, start: datetime.date, end: datetime.date) -> QuerySet:
    return cases.filter(is_open=True, deadline__gte=start, deadline__lte=end).order_by("deadline")


@dataclass
class OfficerWork:
    overdue: list
    due_soon: list
    recent: list
    unread: list


def officer_work(user, *, limit: int = 10, today: datetime.date | None = None) -> OfficerWork:
    """The home page of an officer: their overdue cases, those due this week, then the latest
    changed cases of their authority (theirs or shared with them), and unread reminders."""
    today = today or timezone.localdate()
    mine = cases_for(user).filter(assigned_to=user).select_related(*LIST_COLUMNS)
    late = list(overdue(user, mine, today=today)[:limit])
    soon = list(
        due_between(mine, today, today + datetime.timedelta(days=deadlines.DUE_SOON_DAYS))[:limit]
    )
    shown = {c.pk for c in late + soon}
    recent = [
        c
        for c in cases_for(user).select_related(*LIST_COLUMNS).order_by("-updated_at")[: limit * 2]
        if c.pk not in shown
    ][:limit]
    unread = list(
        Notification.objects.restrict(user)
        .filter(read_at__isnull=True)
        .select_related("case")[:limit]
    )
    return OfficerWork(overdue=late, due_soon=soon, recent=recent, unread=unread)


def next_states(case: Case) -> tuple[str, ...]:
    return lifecycle.allowed_moves(case.direction, case.status)


def can_register(user) -> bool:
    return user.is_authenticated and access.may_create(user, Case.access, owner=user.authority)


def is_overdue(case: Case, today: datetime.date | None = None) -> bool:
    return past_deadline(case.is_open, case.deadline, today)


def past_deadline(is_open: bool, deadline: datetime.date | None, today=None) -> bool:
    """Whether a case open with `deadline` is overdue on `today` (the one rule of "overdue")."""
    return bool(is_open and deadline and deadline < (today or timezone.localdate()))


def officers(authority) -> QuerySet:
    """Who a case of `authority` can be assigned to: its active officers (not viewers)."""
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(authority=authority, is_active=True)
        .exclude(role=access.Role.VIEWER)
        .order_by("username")
    )


def may_contribute(user, case: Case) -> bool:
    """Whether `user` may add files to `case`: its owning authority's writers, and the colleagues
    it is shared with (an executing prosecutor adds the results), unless they are viewers."""
    if not access.may_write(user):
        return False
    if cases_for(user, Permission.CHANGE).filter(pk=case.pk).exists():
        return True
    return CaseShare.objects.filter(case_id=case.pk, user=user).exists()


def case_of_request(user, request) -> Case | None:
    """The case registered for a drafted request, if `user` may see it."""
    return cases_for(user).filter(request_id=request.pk).first()


def cases_of_requests(user, request_ids) -> dict:
    """{request id: case} for those of the requests that have a case `user` may see."""
    return {c.request_id: c for c in cases_for(user).filter(request_id__in=list(request_ids))}


def authorities_of(state_id: str) -> QuerySet:
    """The directory's authorities of a State, for choosing a counterpart or an executing one."""
    from comity.directory.models import Authority

    return Authority.objects.filter(country_id=state_id).order_by("name")


def authorities_of_other_states(state_id: str) -> QuerySet:
    """The directory's authorities of every State but `state_id`, by State then name."""
    from comity.directory.models import Authority

    return (
        Authority.objects.exclude(country_id=state_id)
        .select_related("country")
        .order_by("country_id", "name")
    )
