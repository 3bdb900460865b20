from django.core.management.base import BaseCommand, CommandError

from comity.api.openapi import COMMITTED, current_document


class Command(BaseCommand):
    help = "Write the API's OpenAPI document to docs/openapi.json (or --check that it is current)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--check", action="store_true", help="Fail if docs/openapi.json differs from the code."
        )

    def handle(self, *args, check=False, **options):
        document = current_document()
        if check:
            if not COMMITTED.exists() or COMMITTED.read_text(encoding="utf-8") != document:
                raise CommandError("docs/openapi.json is out of date: run `comity openapi`.")
            self.stdout.write("docs/openapi.json is current.")
            return
        COMMITTED.write_text(document, encoding="utf-8")
        self.stdout.write(f"Wrote {COMMITTED}.")
