"""`comity directory import FILE` and `comity directory export` (CSV or JSON)."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from comity.directory import selectors
from comity.directory.transfer import (
    ImportFormatError,
    export_csv,
    export_json,
    import_authorities,
    parse,
)


class Command(BaseCommand):
    help = "Import or export directory entries as CSV or JSON. Imports are all-or-nothing."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="Import entries from a CSV or JSON file.")
        imp.add_argument("file", help="Path to the file, or - for standard input.")
        imp.add_argument("--format", choices=["csv", "json"], help="Default: from the content.")
        imp.add_argument(
            "--dry-run", action="store_true", help="Show what would change; write nothing."
        )
        exp = sub.add_parser("export", help="Export entries as CSV or JSON.")
        exp.add_argument("--format", choices=["csv", "json"], default="csv")
        exp.add_argument("--country", default="", help="Only this State (ISO alpha-3).")
        exp.add_argument("--output", "-o", help="Write to this file instead of standard output.")

    def handle(self, *args, action, **options):
        if action == "import":
            return self._import(options)
        return self._export(options)

    def _import(self, options):
        path = options["file"]
        try:
            content = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror}") from exc
        try:
            rows = parse(content, fmt=options["format"])
        except ImportFormatError as exc:
            raise CommandError(str(exc)) from exc
        report = import_authorities(rows=rows, actor=None, dry_run=options["dry_run"])
        if not report.ok:
            for error in report.errors:
                self.stderr.write(f"row {error.row}, field {error.field}: {error.message}")
            raise CommandError(f"Nothing was imported: {len(report.errors)} problem(s) found.")
        for change in report.changes:
            fields = f" ({', '.join(change['fields'])})" if change.get("fields") else ""
            self.stdout.write(f"row {change['row']}: {change['action']} {change['name']}{fields}")
        verb = "Would import" if options["dry_run"] else "Imported"
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb}: {report.created} created, {report.updated} updated, "
                f"{report.unchanged} unchanged."
            )
        )

    def _export(self, options):
        qs = selectors.search_authorities(selectors.AuthorityFilter(country=options["country"]))
        body = export_csv(qs) if options["format"] == "csv" else export_json(qs)
        if options.get("output"):
            Path(options["output"]).write_text(body, encoding="utf-8")
            self.stdout.write(f"Wrote {qs.count()} entries to {options['output']}.")
        else:
            self.stdout.write(body, ending="")
