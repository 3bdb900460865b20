"""Statistics of the case register over a period: what a central authority reports to the
Conference of the Parties to UNTOC and to its networks.

A case counts in the period of the day it was sent or received (`opened_on`); outgoing drafts not
sent yet have no such day and are counted apart. Every figure comes from a few GROUP BY queries on
the owner's cases of the period (index case_owner_opened); medians are read from a histogram of
whole days, so no case is ever loaded into Python.
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db import models
from django.db.models import Count, F, Q, QuerySet, Value
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from comity.casework.models import Case
from comity.casework.vocabulary import Direction, RefusalGround, Status
from comity.geo.models import Country
from comity.geo.selectors import ui_language
from comity.treaties.vocabulary import RequestKind

GROUPINGS = ("kind", "country", "status")
_COLUMN = {"kind": "kind", "country": "counterpart_state_id", "status": "status"}
TOP_STATES = 15
OTHERS = "others"

# The ages of the backlog, in days since the case was opened: (first day, last day or None).
AGE_BANDS = ((0, 30), (31, 90), (91, 180), (181, 365), (366, None))
_ACK = "ack"
_EXECUTION = "execution"


@dataclass(frozen=True)
class Tally:
    """One row of a section: what is counted (`key`), its name in the reader's language, how many."""

    key: str
    label: str
    count: int


@dataclass(frozen=True)
class Median:
    """The median number of days, over `over` cases (None when there are none)."""

    days: float | None
    over: int


@dataclass(frozen=True)
class Durations:
    """Median days to acknowledgment and to execution of one group of cases."""

    key: str
    label: str
    acknowledgment: Median
    execution: Median


@dataclass(frozen=True)
class Report:
    start: datetime.date
    end: datetime.date
    direction: str
    total: int
    not_yet_sent: int
    by_direction: list[Tally]
    by_kind: list[Tally]
    by_state: list[Tally]
    by_status: list[Tally]
    durations: Durations
    durations_by_direction: list[Durations]
    durations_by_kind: list[Durations]
    refused: int
    refusal_grounds: list[Tally]
    pending: int
    backlog: list[Tally]
    today: datetime.date = field(default_factory=timezone.localdate)

    @property
    def top_states(self) -> list[Tally]:
        """The States most cases were with, and the rest summed as "others"."""
        if len(self.by_state) <= TOP_STATES + 1:
            return self.by_state
        rest = sum(t.count for t in self.by_state[TOP_STATES:])
        return [*self.by_state[:TOP_STATES], Tally(OTHERS, str(_("Other States")), rest)]


# --- Queries ----------------------------------------------------------------------------------


def _cases(visible: QuerySet, start, end, direction) -> QuerySet:
    cases = visible.filter(opened_on__gte=start, opened_on__lte=end)
    if direction:
        cases = cases.filter(direction=direction)
    return cases.order_by()


def _age_band(today: datetime.date):
    """The backlog band (index into AGE_BANDS) of an open case, NULL for a finished one."""
    whens = [
        models.When(opened_on__gte=today - datetime.timedelta(days=last), then=Value(i))
        for i, (_first, last) in enumerate(AGE_BANDS)
        if last is not None
    ]
    return models.Case(
        models.When(is_open=False, then=Value(None)),
        *whens,
        default=Value(len(AGE_BANDS) - 1),
        output_field=models.IntegerField(),
    )


def _histograms(cases: QuerySet, *keys: str) -> dict[tuple, dict[str, Counter]]:
    """{(key values): {"ack": Counter(days -> cases), "execution": Counter(...)}} in one query."""

    def part(metric, column):
        return (
            cases.filter(**{f"{column}__isnull": False})
            .annotate(metric=Value(metric), days=F(column))
            .values(*keys, "metric", "days")
            .annotate(n=Count("*"))
            .order_by()
        )

    rows = part(_ACK, "days_to_acknowledgment").union(
        part(_EXECUTION, "days_to_execution"), all=True
    )
    out: dict[tuple, dict[str, Counter]] = defaultdict(
        lambda: {_ACK: Counter(), _EXECUTION: Counter()}
    )
    for row in rows:
        out[tuple(row[k] for k in keys)][row["metric"]][row["days"]] += row["n"]
    return out


def _not_yet_sent(visible: QuerySet, start, end, direction) -> int:
    """Outgoing drafts registered in the period and not sent yet (they have no opening day)."""
    if direction == Direction.INCOMING:
        return 0
    return visible.filter(
        opened_on__isnull=True,
        direction=Direction.OUTGOING,
        status=Status.DRAFT,
        created_at__date__gte=start,
        created_at__date__lte=end,
    ).count()


# --- Figures ----------------------------------------------------------------------------------


def median(histogram: Counter) -> Median:
    """The median of the values a histogram {value: how many} describes."""
    over = sum(histogram.values())
    if not over:
        return Median(None, 0)
    wanted = sorted({(over - 1) // 2, over // 2})
    found, seen = [], 0
    for days in sorted(histogram):
        seen += histogram[days]
        while wanted and wanted[0] < seen:
            found.append(days)
            wanted.pop(0)
    if len(found) == 1:
        found *= 2
    middle = (found[0] + found[1]) / 2
    return Median(int(middle) if middle.is_integer() else middle, over)


def _merged(histograms, keep) -> dict:
    """The histograms summed per `keep(key)`."""
    out: dict = defaultdict(lambda: {_ACK: Counter(), _EXECUTION: Counter()})
    for key, pair in histograms.items():
        for metric, counter in pair.items():
            out[keep(key)][metric].update(counter)
    return out


def _durations(key, label, pair) -> Durations:
    empty = Counter()
    pair = pair or {}
    return Durations(
        key, str(label), median(pair.get(_ACK, empty)), median(pair.get(_EXECUTION, empty))
    )


def _label(choices, value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def country_names(codes) -> dict[str, str]:
    """The names of the States `codes` in the reader's language."""
    language = ui_language()
    rows = Country.objects.filter(iso3__in=list(codes)).only("iso3", "name", "names")
    return {c.iso3: c.localized_name(language) for c in rows}


def _by_count(counts: Counter, label) -> list[Tally]:
    rows = [Tally(key, label(key), n) for key, n in counts.items() if n]
    return sorted(rows, key=lambda t: (-t.count, t.label.casefold()))


def _in_order(counts: Counter, choices) -> list[Tally]:
    order = {value: i for i, value in enumerate(choices.values)}
    keys = sorted((k for k, n in counts.items() if n), key=lambda k: (order.get(k, len(order)), k))
    return [Tally(k, _label(choices, k), counts[k]) for k in keys]


def age_band_label(index: int) -> str:
    first, last = AGE_BANDS[index]
    if last is None:
        return str(_("Over %(days)s days") % {"days": first - 1})
    return str(_("%(first)s–%(last)s days") % {"first": first, "last": last})


def report(
    user, *, start: datetime.date, end: datetime.date, direction: str = "", today=None
) -> Report:
    """The statistics of the cases `user` may see that were sent or received from `start` to
    `end` (both included), of one direction or both. `today` fixes the ages of the backlog."""
    today = today or timezone.localdate()
    visible = Case.objects.restrict(user)
    cases = _cases(visible, start, end, direction)
    directions, kinds, statuses, grounds, bands = (Counter() for _i in range(5))
    rows = (
        cases.annotate(age=_age_band(today))
        .values("direction", "kind", "status", "refusal_ground", "age")
        .annotate(n=Count("*"))
    )
    for row in rows:
        n = row["n"]
        directions[row["direction"]] += n
        kinds[row["kind"]] += n
        statuses[row["status"]] += n
        if row["status"] == Status.REFUSED:
            grounds[row["refusal_ground"]] += n
        if row["age"] is not None:
            bands[row["age"]] += n
    states = Counter(
        {
            row["counterpart_state_id"]: row["n"]
            for row in cases.values("counterpart_state_id").annotate(n=Count("*"))
        }
    )
    names = country_names(states)
    histograms = _histograms(cases, "direction", "kind")
    shown_directions = [direction] if direction else Direction.values
    per_direction = _merged(histograms, lambda key: key[0])
    per_kind = _merged(histograms, lambda key: key[1])
    return Report(
        start=start,
        end=end,
        direction=direction,
        today=today,
        total=sum(directions.values()),
        not_yet_sent=_not_yet_sent(visible, start, end, direction),
        by_direction=[Tally(d, _label(Direction, d), directions[d]) for d in shown_directions],
        by_kind=_by_count(kinds, lambda k: _label(RequestKind, k)),
        by_state=_by_count(states, lambda k: names.get(k, k)),
        by_status=_in_order(statuses, Status),
        durations=_durations("", _("All cases"), _merged(histograms, lambda key: "")[""]),
        durations_by_direction=[
            _durations(d, _label(Direction, d), per_direction.get(d)) for d in shown_directions
        ],
        durations_by_kind=[
            _durations(t.key, t.label, per_kind.get(t.key))
            for t in _by_count(kinds, lambda k: _label(RequestKind, k))
        ],
        refused=statuses[Status.REFUSED],
        refusal_grounds=_by_count(grounds, lambda k: _label(RefusalGround, k)),
        pending=sum(bands.values()),
        backlog=[Tally(str(i), age_band_label(i), bands[i]) for i in range(len(AGE_BANDS))],
    )


@dataclass(frozen=True)
class Grouped:
    """The cases of a period in groups (by kind, State or status), with the period's totals."""

    items: list[dict]
    totals: dict
    durations: Durations


def grouped(
    user, *, start: datetime.date, end: datetime.date, group_by: str, direction: str = ""
) -> Grouped:
    """Per group: {key, label, count, median_days_to_acknowledgment, median_days_to_execution,
    refused, pending}; and the totals of the period (per direction, refused, pending, not sent)."""
    if group_by not in GROUPINGS:
        raise ValueError(f"Unknown grouping {group_by!r}")
    column = _COLUMN[group_by]
    visible = Case.objects.restrict(user)
    cases = _cases(visible, start, end, direction)
    rows = cases.values(column, "direction").annotate(
        n=Count("*"),
        refused=Count("status", filter=Q(status=Status.REFUSED)),
        pending=Count("status", filter=Q(is_open=True)),
    )
    counts, refused, pending, directions = Counter(), Counter(), Counter(), Counter()
    for row in rows:
        key = row[column]
        counts[key] += row["n"]
        refused[key] += row["refused"]
        pending[key] += row["pending"]
        directions[row["direction"]] += row["n"]
    histograms = _histograms(cases, column)
    if group_by == "country":
        names = country_names(counts)
        tallies = _by_count(counts, lambda k: names.get(k, k))
    elif group_by == "kind":
        tallies = _by_count(counts, lambda k: _label(RequestKind, k))
    else:
        tallies = _in_order(counts, Status)
    items = []
    for tally in tallies:
        durations = _durations(tally.key, tally.label, histograms.get((tally.key,)))
        items.append(
            {
                "key": tally.key,
                "label": tally.label,
                "count": tally.count,
                "median_days_to_acknowledgment": durations.acknowledgment.days,
                "median_days_to_execution": durations.execution.days,
                "refused": refused[tally.key],
                "pending": pending[tally.key],
            }
        )
    totals = {
        "cases": sum(counts.values()),
        **{d: directions[d] for d in ([direction] if direction else Direction.values)},
        "refused": sum(refused.values()),
        "pending": sum(pending.values()),
        "not_yet_sent": _not_yet_sent(visible, start, end, direction),
    }
    overall = _merged(histograms, lambda key: "")[""]
    return Grouped(items=items, totals=totals, durations=_durations("", _("All cases"), overall))
