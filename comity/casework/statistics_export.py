"""The statistics of a period as a file to download (CSV or Excel workbook), audited as an export.

Both files hold every section of the page (every State, not only the first 15). The CSV is one
long table (section, key, label, figure, value); the workbook has one sheet per section with a
header row. No cell can run as a formula: CSV cells go through comity.core.spreadsheet.guard, and
workbook cells are written as text or numbers, never as formulas.
"""

import csv
import io
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_STRING

from comity.audit.models import Action
from comity.audit.services import record
from comity.casework.statistics import Report
from comity.casework.statistics_sections import Section, sections
from comity.core.spreadsheet import FORMULA_STARTS, guard

CSV = "csv"
XLSX = "xlsx"
CONTENT_TYPES = {
    CSV: "text/csv; charset=utf-8",
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
CSV_HEADER = ("section", "key", "label", "figure", "value")


@dataclass(frozen=True)
class Download:
    content: bytes
    file_name: str
    content_type: str


def _value(value):
    return "" if value is None else value


def as_csv(parts: list[Section]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for section in parts:
        for row in section.rows:
            for (measure, _title), value in zip(section.measures, row.values, strict=True):
                cells = (section.key, row.key, row.label, measure, _value(value))
                writer.writerow([guard(cell) for cell in cells])
    # A byte order mark, so that spreadsheets read the file as UTF-8 (Arabic, Chinese names).
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _cell(sheet, row: int, column: int, value) -> None:
    cell = sheet.cell(row=row, column=column, value=value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        cell.data_type = TYPE_STRING


def as_xlsx(parts: list[Section]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for section in parts:
        sheet = book.create_sheet(section.key[:31])
        header = [section.label_title, *(title for _id, title in section.measures)]
        for column, title in enumerate(header, start=1):
            _cell(sheet, 1, column, str(title))
        for line, row in enumerate(section.rows, start=2):
            _cell(sheet, line, 1, row.label)
            for column, value in enumerate(row.values, start=2):
                _cell(sheet, line, column, value)
        sheet.column_dimensions["A"].width = 48
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def export_statistics(*, report: Report, actor, fmt: str) -> Download:
    """The statistics of `report` as a CSV or XLSX file; the export is recorded in the audit
    trail of the actor's authority."""
    parts = sections(report, every_state=True)
    content = as_csv(parts) if fmt == CSV else as_xlsx(parts)
    period = f"{report.start.isoformat()}_{report.end.isoformat()}"
    suffix = f"-{report.direction}" if report.direction else ""
    record(
        actor=actor,
        action=Action.EXPORT,
        object_type="casework.statistics",
        object_repr=f"statistics {period}{suffix}",
        owner=actor.authority,
        after={
            "from": report.start.isoformat(),
            "to": report.end.isoformat(),
            "direction": report.direction,
            "format": fmt,
        },
    )
    return Download(content, f"case-statistics-{period}{suffix}.{fmt}", CONTENT_TYPES[fmt])
