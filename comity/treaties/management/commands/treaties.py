"""`comity treaties import-participants INSTRUMENT FILE --as-of DATE --source URL`,
`comity treaties add-bilateral CODE ...` and `comity treaties status`."""

import datetime
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from comity.geo.models import Country
from comity.treaties.models import Instrument
from comity.treaties.participants import TableError, parse_table
from comity.treaties.selectors import STALE_AFTER_DAYS, FactsStatus, facts_status
from comity.treaties.services import add_bilateral_treaty, import_participant_table
from comity.treaties.vocabulary import RequestKind


class Command(BaseCommand):
    help = "Keep treaty participation current from published participant tables."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser(
            "import-participants",
            help="Import a UN Treaty Collection or Council of Europe participant table "
            "(saved as CSV or HTML). Writes nothing if any row is wrong.",
        )
        imp.add_argument("instrument", help="Instrument code, e.g. UNTOC")
        imp.add_argument("file", help="The saved table (CSV or HTML)")
        imp.add_argument(
            "--as-of",
            required=True,
            type=datetime.date.fromisoformat,
            help="The date the table shows the status at (YYYY-MM-DD).",
        )
        imp.add_argument("--source", required=True, help="The table's URL or citation.")
        imp.add_argument(
            "--partial",
            action="store_true",
            help="The table lists only some participants (absence = unknown).",
        )
        imp.add_argument("--dry-run", action="store_true", help="Report; write nothing.")
        bil = sub.add_parser(
            "add-bilateral",
            help="Record a bilateral treaty (MLA, extradition, transfer) between two States.",
        )
        bil.add_argument("code", help="A code of your choice, e.g. UKR-DEU-MLA-2005")
        bil.add_argument("--title", required=True)
        bil.add_argument(
            "--kinds",
            required=True,
            help="Request kinds it provides for, comma-separated, e.g. mla,extradition",
        )
        bil.add_argument(
            "--party", action="append", required=True, help="ISO alpha-3 of a party; give it twice"
        )
        bil.add_argument("--signed", type=datetime.date.fromisoformat)
        bil.add_argument(
            "--in-force",
            required=True,
            type=datetime.date.fromisoformat,
            help="The day it entered into force between the two (YYYY-MM-DD)",
        )
        bil.add_argument("--source", required=True, help="Where this is published")
        bil.add_argument(
            "--as-of",
            dest="bilateral_as_of",
            type=datetime.date.fromisoformat,
            help="The date of the publication the facts were read from (YYYY-MM-DD)",
        )
        status = sub.add_parser(
            "status",
            help="Per instrument: the participant lists held, how old the facts are, and whether "
            f"they are current (a complete list at most {STALE_AFTER_DAYS} days old). "
            "A report: it exits 0 whatever it finds.",
        )
        status.add_argument("--json", action="store_true", help="Write JSON instead of a table.")
        status.add_argument(
            "--older-than",
            type=int,
            metavar="DAYS",
            help="List only instruments whose facts are older than DAYS days, or undated.",
        )

    def handle(self, *args, **options):
        if options["action"] == "add-bilateral":
            return self._add_bilateral(options)
        if options["action"] == "status":
            return self._status(options)
        instrument = Instrument.objects.filter(code=options["instrument"].upper()).first()
        if instrument is None:
            codes = ", ".join(Instrument.objects.values_list("code", flat=True))
            raise CommandError(f"Unknown instrument {options['instrument']!r}. Known: {codes}.")
        try:
            content = Path(options["file"]).read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {options['file']}: {exc.strerror}") from exc
        try:
            rows = parse_table(content)
        except TableError as exc:
            for error in exc.errors:
                self.stderr.write(f"row {error['row']}, {error['field']}: {error['message']}")
            raise CommandError(f"Nothing was imported: {len(exc.errors)} problem(s).") from exc
        report = import_participant_table(
            instrument=instrument,
            rows=rows,
            source=options["source"],
            as_of=options["as_of"],
            complete=not options["partial"],
            actor=None,
            dry_run=options["dry_run"],
        )
        verb = "Would import" if options["dry_run"] else "Imported"
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} {report.rows} rows for {instrument.code}: {report.created} new, "
                f"{report.updated} updated, {report.unchanged} unchanged, "
                f"{report.skipped_older} kept (newer data already held)."
            )
        )

    def _add_bilateral(self, options):
        kinds = [k.strip() for k in options["kinds"].split(",") if k.strip()]
        unknown = [k for k in kinds if k not in RequestKind.values]
        if unknown:
            raise CommandError(
                f"Unknown kinds: {', '.join(unknown)}. Use: {', '.join(RequestKind.values)}."
            )
        parties = [p.upper() for p in options["party"]]
        if len(set(parties)) != 2:
            raise CommandError("Give --party exactly twice, with two different States.")
        missing = [p for p in parties if not Country.objects.filter(iso3=p).exists()]
        if missing:
            raise CommandError(f"Unknown State code(s): {', '.join(missing)}.")
        if Instrument.objects.filter(code=options["code"].upper()).exists():
            raise CommandError(
                f"An instrument with the code {options['code'].upper()} exists already."
            )
        values = {
            "signature_date": options["signed"],
            "entry_into_force": options["in_force"],
            "as_of": options["bilateral_as_of"],
        }
        instrument = add_bilateral_treaty(
            code=options["code"],
            title=options["title"],
            kinds=kinds,
            parties=dict.fromkeys(parties, values),
            source=options["source"],
            actor=None,
        )
        self.stdout.write(
            self.style.SUCCESS(f"Recorded {instrument.code} between {' and '.join(parties)}.")
        )

    def _status(self, options):
        today = timezone.localdate()
        found = facts_status(today=today)
        if options["older_than"] is not None:
            found = [f for f in found if f.older_than(options["older_than"])]
        if options["json"]:
            document = {
                "today": today.isoformat(),
                "stale_after_days": STALE_AFTER_DAYS,
                "instruments": [f.as_dict() for f in found],
            }
            self.stdout.write(json.dumps(document, indent=2, ensure_ascii=False))
            return
        self.stdout.write(_status_table(found, today, options["older_than"]))


def _day(value: datetime.date | None) -> str:
    return value.isoformat() if value else "—"


def _columns(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    """Rows of cells as lines, each column as wide as its widest cell."""
    widths = [max(len(line[i]) for line in (header, *rows)) for i in range(len(header))]
    return [
        "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
        for line in (header, *rows)
    ]


def _status_table(found: list[FactsStatus], today: datetime.date, older_than: int | None) -> str:
    """The status report as text: one line per instrument, then the lists held."""
    heading = (
        f"Treaty participation facts on {today.isoformat()}: current = a complete list "
        f"at most {STALE_AFTER_DAYS} days old"
    )
    if older_than is not None:
        heading += f"; only facts older than {older_than} days or undated"
    header = (
        "instrument",
        "verdict",
        "as of",
        "age (days)",
        "rows",
        "undated",
        "partial",
        "newest fact",
        "oldest fact",
        "rules reviewed",
    )
    rows = [
        (
            f.instrument.code,
            f.verdict.value.replace("_", " "),
            _day(f.as_of),
            "—" if f.age_days is None else str(f.age_days),
            str(f.rows),
            str(f.undated_rows),
            str(f.partial_rows),
            _day(f.newest_fact),
            _day(f.oldest_fact),
            _day(f.rules_reviewed),
        )
        for f in found
    ]
    lists = [
        (f.instrument.code, kind, _day(t.as_of), str(t.rows), t.source)
        for f in found
        for kind, held in (("complete", f.complete_lists), ("partial", f.partial_lists))
        for t in held
    ]
    lines = [heading, "", *_columns(header, rows)]
    if not found:
        lines.append("(none)")
    lines += [
        "",
        "as of: the newest complete list's date; without one, the newest fact's. "
        "undated: rows without an as-of date. partial: rows not from a complete list.",
        "",
        "Participant lists held. Complete: a State absent from it had taken no action on its date. "
        "Partial: absence means unknown.",
        "",
        *(
            _columns(("instrument", "list", "as of", "rows", "source"), lists)
            if lists
            else ["(none)"]
        ),
    ]
    return "\n".join(lines)
