"""`comity library import FILE.jsonl`: add or replace documents of the library (all or nothing)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from comity.library.transfer import LibraryImportError, import_documents, read_lines


class Command(BaseCommand):
    help = "Import library documents from a JSON-lines file (all or nothing; docs/LIBRARY.md)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="One document per line (docs/LIBRARY.md, 'Import').")
        parser.add_argument(
            "--user",
            help="Record the import for this user (their authority keeps the documents); "
            "without it the import is recorded as the system's.",
        )

    def handle(self, *args, file, user=None, **options):
        actor = None
        if user:
            actor = get_user_model().objects.filter(username=user).first()
            if actor is None:
                raise CommandError(f"No user named {user}.")
        try:
            with open(file, encoding="utf-8") as handle:
                rows = read_lines(handle)
            result = import_documents(actor=actor, rows=rows)
        except OSError as exc:
            raise CommandError(f"{file}: {exc}") from exc
        except LibraryImportError as exc:
            for error in exc.errors:
                where = f"line {error['row']}" + (f", {error['field']}" if error["field"] else "")
                self.stderr.write(f"{where}: {error['message']}")
            raise CommandError("Nothing was imported.") from exc
        self.stdout.write(
            f"Imported {result['created']} new documents; replaced {result['replaced']}."
        )
