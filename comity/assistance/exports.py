"""Projects as data: the JSON of one project (the API's answer and /projects/<id>/export.json)
and the CSV of a list of projects (/projects/export.csv)."""

import csv
import io
from decimal import Decimal

from comity.assistance import gaps as gap_info
from comity.assistance import selectors
from comity.assistance.selectors import Overview
from comity.core.spreadsheet import guard

CSV_COLUMNS = (
    "id",
    "state",
    "network",
    "title",
    "status",
    "currency",
    "budget_total",
    "start",
    "end",
    "gaps",
    "gaps_closed",
)


def report_data(report) -> dict:
    author = report.author
    return {
        "id": report.pk,
        "period_end": report.period_end,
        "text": report.text,
        "author": (author.get_full_name() or author.get_username()) if author else "",
        "created_at": report.created_at,
    }


def gap_data(gap: gap_info.Gap) -> dict:
    return {
        "id": gap.answer.pk,
        "assessment": gap.answer.assessment_id,
        "as_of": gap.assessment.as_of,
        "area": gap.area,
        "question": gap.question,
        "text": gap.text,
        "article": gap.article,
        "score": gap.score,
        "top": gap.top,
        "status": gap.status,
    }


def project_data(view: Overview) -> dict:
    """One project with all its parts and figures."""
    project = view.project
    return {
        "id": project.pk,
        "state": project.state_id,
        "network": project.network.code if project.network_id else None,
        "title": project.title,
        "summary": project.summary,
        "currency": project.currency,
        "start": project.start,
        "end": project.end,
        "status": project.status,
        "entered": view.entered,
        "allowed": list(view.moves),
        "example": project.is_example,
        "gaps": [gap_data(gap) for gap in view.gaps],
        "gaps_closed": view.gaps_closed,
        "objectives": [
            {
                "id": o.pk,
                "position": o.position,
                "text": o.text,
                "gaps": sorted(g.pk for g in o.gaps.all()),
            }
            for o in view.objectives
        ],
        "activities": [
            {
                "id": a.pk,
                "kind": a.kind,
                "title": a.title,
                "start": a.start,
                "end": a.end,
                "status": a.status,
                "event": a.event_id,
            }
            for a in view.activities
        ],
        "partners": [{"id": p.pk, "name": p.name, "role": p.role} for p in view.partners],
        "budget": [
            {
                "id": b.pk,
                "label": b.label,
                "amount": b.amount,
                "donor": b.donor.name if b.donor_id else "",
            }
            for b in view.budget
        ],
        "totals": {
            "overall": view.totals.overall,
            "by_donor": [
                {"donor": name, "amount": amount} for name, amount in view.totals.by_donor
            ],
            "without_donor": view.totals.without_donor,
        },
        "indicators": [
            {
                "id": row.indicator.pk,
                "name": row.indicator.name,
                "unit": row.indicator.unit,
                "baseline": row.indicator.baseline,
                "target": row.indicator.target,
                "current": row.indicator.current,
                "progress": row.percent,
            }
            for row in view.indicators
        ],
        "reports": [report_data(r) for r in view.reports],
        "url": project.get_absolute_url(),
    }


def csv_text(projects) -> str:
    """One row per project of `projects` (a queryset of selectors.projects)."""
    projects = list(projects)
    ids = [p.pk for p in projects]
    counts = selectors.gap_counts(ids)
    budgets = selectors.budget_totals(ids)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for project in projects:
        total = budgets.get(project.pk, Decimal("0"))
        gaps, closed = counts.get(project.pk, (0, 0))
        writer.writerow(
            [
                project.pk,
                project.state_id,
                project.network.code if project.network_id else "",
                guard(project.title),
                project.status,
                project.currency,
                f"{total:.2f}",
                project.start.isoformat() if project.start else "",
                project.end.isoformat() if project.end else "",
                gaps,
                closed,
            ]
        )
    return out.getvalue()
