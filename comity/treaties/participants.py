"""Reading participant tables as the UN Treaty Collection and the Council of Europe publish them.

UN Treaty Collection: columns Participant / Signature / "Ratification, Acceptance(A), Approval(AA),
Accession(a), Succession(d)", dates like "24 Sep 2003" followed by the action's letter.
Council of Europe chart: columns States / Signature / Ratification / Entry into force, dates as
DD/MM/YYYY. Either may be saved as CSV or as the HTML page itself.
"""

import csv
import datetime
import io
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from django.utils.translation import gettext as _

from comity.geo.names import clean_name, resolve_state

UNTC_SUFFIX = {
    "": "ratification",
    "a": "accession",
    "A": "acceptance",
    "AA": "approval",
    "d": "succession",
    "c": "formal_confirmation",
}
DATE_UNTC = re.compile(r"^(\d{1,2}) ([A-Z][a-z]{2})\w* (\d{4})\s*(AA|A|a|d|c)?\s*$")
DATE_COE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
MONTHS = {
    m: i
    for i, m in enumerate(
        ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"), 1
    )
}


class TableError(Exception):
    def __init__(self, errors: list[dict]):
        super().__init__("; ".join(f"row {e['row']}: {e['message']}" for e in errors))
        self.errors = errors


@dataclass
class TableRow:
    row: int
    name: str
    iso3: str
    signature_date: datetime.date | None
    consent_date: datetime.date | None
    consent_type: str
    entry_into_force: datetime.date | None
    notes: str = ""


class _Cells(HTMLParser):
    """Collects the text of <th>/<td> cells of every <tr> in an HTML page."""

    def __init__(self):
        super().__init__()
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "br" and self._cell is not None:
            self._cell.append(" ")

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None and self.rows:
            self.rows[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def _grid(content: str) -> list[list[str]]:
    if "<t" in content.lower():
        parser = _Cells()
        parser.feed(content)
        return [row for row in parser.rows if any(cell.strip() for cell in row)]
    # newline="": the csv module reads the line ends itself (a bare CR inside a field is data).
    reader = csv.reader(io.StringIO(content, newline=""))
    try:
        return [row for row in reader if any(c.strip() for c in row)]
    except csv.Error as exc:
        raise TableError(
            [
                {
                    "row": reader.line_num,
                    "field": "file",
                    "message": _("The CSV cannot be read here: %(error)s. Save it again as CSV.")
                    % {"error": exc},
                }
            ]
        ) from exc


def _header_index(grid: list[list[str]]) -> tuple[int, dict[str, int]]:
    for index, row in enumerate(grid):
        lowered = [cell.strip().lower() for cell in row]
        if lowered and lowered[0] in ("participant", "participants", "states", "state", "états"):
            columns = {"name": 0}
            for col, cell in enumerate(lowered):
                if cell.startswith("signature"):
                    columns["signature"] = col
                elif cell.startswith(("ratification", "approval", "acceptance", "accession")):
                    columns["consent"] = col
                elif cell.startswith("entry into force"):
                    columns["entry_into_force"] = col
            if "consent" in columns:
                return index, columns
    raise TableError(
        [
            {
                "row": 1,
                "field": "header",
                "message": _(
                    "No header row found. The table needs the columns Participant (or States), Signature and "
                    "Ratification…, as the UN Treaty Collection or the Council of Europe publishes them."
                ),
            }
        ]
    )


def _date(text: str, row: int, field: str, errors: list) -> tuple[datetime.date | None, str]:
    text = " ".join(text.replace("\xa0", " ").split())
    if not text:
        return None, ""
    if match := DATE_UNTC.match(text):
        day, month, year, suffix = match.groups()
        if month in MONTHS:
            return datetime.date(int(year), MONTHS[month], int(day)), UNTC_SUFFIX[suffix or ""]
    if match := DATE_COE.match(text):
        day, month, year = (int(g) for g in match.groups())
        try:
            return datetime.date(year, month, day), "ratification_or_equivalent"
        except ValueError:
            pass
    errors.append(
        {
            "row": row,
            "field": field,
            "message": _(
                "“%(value)s” is not a date as the table publishes it (e.g. 24 Sep 2003 a, or 24/09/2003)."
            )
            % {"value": text},
        }
    )
    return None, ""


def parse_table(content: str | bytes) -> list[TableRow]:
    """Every row of the table with its State resolved; TableError lists every problem."""
    if isinstance(content, bytes):
        content = content.decode("utf-8-sig", errors="replace")
    grid = _grid(content)
    start, columns = _header_index(grid)
    rows, errors, seen = [], [], {}
    for number, cells in enumerate(grid[start + 1 :], start=start + 2):
        cells = cells + [""] * (max(columns.values()) + 1 - len(cells))
        name = clean_name(cells[columns["name"]])
        if not name or name.lower().startswith(("total", "notes")):
            continue
        iso3 = resolve_state(name)
        if iso3 is None:
            errors.append(
                {
                    "row": number,
                    "field": "participant",
                    "message": _(
                        "Unknown participant “%(name)s”. Add it to data/countries_un_names.csv with its "
                        "ISO 3166-1 alpha-3 code, then import again."
                    )
                    % {"name": name},
                }
            )
            continue
        if iso3 in seen:
            errors.append(
                {
                    "row": number,
                    "field": "participant",
                    "message": _("“%(name)s” appears twice (also row %(row)d).")
                    % {"name": name, "row": seen[iso3]},
                }
            )
            continue
        seen[iso3] = number
        signature, _kind = _date(
            cells[columns.get("signature", -1)] if "signature" in columns else "",
            number,
            "signature",
            errors,
        )
        consent, consent_type = _date(cells[columns["consent"]], number, "consent", errors)
        in_force = None
        if "entry_into_force" in columns:
            in_force, _kind = _date(
                cells[columns["entry_into_force"]], number, "entry_into_force", errors
            )
        rows.append(TableRow(number, name, iso3, signature, consent, consent_type, in_force))
    if errors:
        raise TableError(errors)
    if not rows:
        raise TableError(
            [{"row": start + 1, "field": "table", "message": _("The table has no rows.")}]
        )
    return rows
