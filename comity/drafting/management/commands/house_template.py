"""`comity house-template`: write the default house template (drafting/documents/house/default.docx)."""

from django.core.management.base import BaseCommand, CommandError

from comity.drafting.documents.house import DEFAULT_TEMPLATE
from comity.drafting.documents.house.default import build_default_template


class Command(BaseCommand):
    help = (
        "Write comity/drafting/documents/house/default.docx, the house template authorities "
        "download and adapt, from documents/house/default.py. --check only says whether it is "
        "up to date."
    )

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="Compare; write nothing.")

    def handle(self, *args, **options):
        wanted = build_default_template()
        current = DEFAULT_TEMPLATE.read_bytes() if DEFAULT_TEMPLATE.exists() else b""
        if options["check"]:
            if current != wanted:
                raise CommandError(
                    f"{DEFAULT_TEMPLATE} is out of date: run `comity house-template`."
                )
            self.stdout.write("default.docx is up to date.")
            return
        if current != wanted:
            DEFAULT_TEMPLATE.write_bytes(wanted)
        self.stdout.write(self.style.SUCCESS(f"Wrote {DEFAULT_TEMPLATE}."))
