"""`comity treaties import-participants INSTRUMENT FILE --as-of DATE --source URL`."""

import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from comity.geo.models import Country
from comity.treaties.models import Instrument
from comity.treaties.participants import TableError, parse_table
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

    def handle(self, *args, **options):
        if options["action"] == "add-bilateral":
            return self._add_bilateral(options)
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
        values = {"signature_date": options["signed"], "entry_into_force": options["in_force"]}
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
