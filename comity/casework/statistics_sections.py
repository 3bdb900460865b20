"""The statistics of a period as sections (tables with charts): one layout for the page, the CSV
and the workbook, so every place shows the same figures under the same names."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from comity.casework.charts import Bar
from comity.casework.statistics import Durations, Report, Tally

CASES = "cases"
ALL = "all"
NOT_YET_SENT = "not_yet_sent"


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    values: tuple


@dataclass(frozen=True)
class Chart:
    title: str
    bars: list[Bar]


@dataclass(frozen=True)
class Section:
    """One table of the statistics: `measures` are (id, column title) of the figures of each row."""

    key: str
    title: str
    label_title: str
    measures: list[tuple[str, str]]
    rows: list[Row]
    charts: list[Chart] = field(default_factory=list)
    note: str = ""


def _counted(key, title, label_title, tallies: list[Tally], *, measure=None, note="") -> Section:
    measure = measure or (CASES, _("Cases"))
    return Section(
        key=key,
        title=title,
        label_title=label_title,
        measures=[measure],
        rows=[Row(t.key, t.label, (t.count,)) for t in tallies],
        charts=[Chart(title, [Bar(t.label, t.count) for t in tallies])] if tallies else [],
        note=note,
    )


def _totals(report: Report) -> Section:
    rows = [Row(t.key, t.label, (t.count,)) for t in report.by_direction]
    if len(report.by_direction) > 1:
        rows.append(Row(ALL, _("All cases"), (report.total,)))
    rows.append(Row(NOT_YET_SENT, _("Outgoing, not yet sent"), (report.not_yet_sent,)))
    return Section(
        key="totals",
        title=_("Cases sent and received"),
        label_title=_("Direction"),
        measures=[(CASES, _("Cases"))],
        rows=rows,
        charts=[
            Chart(
                _("Cases sent and received"), [Bar(t.label, t.count) for t in report.by_direction]
            )
        ],
        note=_(
            "Drafts of outgoing requests are not counted until they are sent; those registered "
            "in the period and not sent yet are shown apart."
        ),
    )


def _duration_row(d: Durations) -> Row:
    return Row(
        d.key or ALL,
        d.label,
        (d.acknowledgment.days, d.acknowledgment.over, d.execution.days, d.execution.over),
    )


def _durations(report: Report) -> Section:
    groups = [report.durations]
    if len(report.durations_by_direction) > 1:
        groups += report.durations_by_direction
    groups += report.durations_by_kind
    per_kind = report.durations_by_kind

    def bars(pick):
        return [
            Bar(d.label, pick(d).days, _("%(days)s (%(over)s cases)") % {
                "days": _shown(pick(d).days), "over": pick(d).over})
            for d in per_kind
            if pick(d).days is not None
        ]  # fmt: skip

    charts = [
        Chart(_("Median days to acknowledgment, by kind"), bars(lambda d: d.acknowledgment)),
        Chart(_("Median days to execution, by kind"), bars(lambda d: d.execution)),
    ]
    return Section(
        key="durations",
        title=_("Median days to acknowledgment and to execution"),
        label_title=_("Cases"),
        measures=[
            ("median_days_to_acknowledgment", _("Median days to acknowledgment")),
            ("acknowledged", _("Acknowledged cases")),
            ("median_days_to_execution", _("Median days to execution")),
            ("executed", _("Executed cases")),
        ],
        rows=[_duration_row(d) for d in groups],
        charts=[c for c in charts if c.bars],
        note=_(
            "Days from the day a request was sent or received to its acknowledgment (outgoing: "
            "by the requested State; incoming: its registration) and to its execution."
        ),
    )


def _shown(days) -> str:
    return "—" if days is None else str(days)


def sections(report: Report, *, every_state: bool = False) -> list[Section]:
    """The sections of `report`; the States as the 15 with most cases and the others summed,
    or `every_state`."""
    return [
        _totals(report),
        _counted("by_kind", _("By kind of request"), _("Kind of request"), report.by_kind),
        _counted(
            "by_state",
            _("By State"),
            _("State"),
            report.by_state if every_state else report.top_states,
        ),
        _counted("by_status", _("By status today"), _("Status"), report.by_status),
        _durations(report),
        _counted(
            "refusal_grounds",
            _("Grounds of refusal"),
            _("Ground"),
            report.refusal_grounds,
            measure=("refused", _("Refused cases")),
            note=ngettext(
                "%(count)s case of the period was refused.",
                "%(count)s cases of the period were refused.",
                report.refused,
            )
            % {"count": report.refused},
        ),
        _counted(
            "backlog",
            _("Backlog by age"),
            _("Age (days since sent or received)"),
            report.backlog,
            measure=("pending", _("Open cases")),
            note=_("Cases of the period still open on %(day)s, by their age on that day.")
            % {"day": report.today.isoformat()},
        ),
    ]
