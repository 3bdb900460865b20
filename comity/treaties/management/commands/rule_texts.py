"""`comity rule-texts`: list the rules file's sentences for translation (rule_texts.py)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from comity.treaties.rules import rule_texts_module

TARGET = Path(__file__).resolve().parents[2] / "rule_texts.py"


class Command(BaseCommand):
    help = (
        "Write comity/treaties/rule_texts.py from data/instruments.toml, so that `make messages` "
        "extracts the sentences answers show. --check only says whether it is up to date."
    )

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="Compare; write nothing.")

    def handle(self, *args, **options):
        wanted = rule_texts_module()
        current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
        if options["check"]:
            if current != wanted:
                raise CommandError(f"{TARGET} is out of date: run `comity rule-texts`.")
            self.stdout.write("rule_texts.py is up to date.")
            return
        if current != wanted:
            TARGET.write_text(wanted, encoding="utf-8")
        self.stdout.write(self.style.SUCCESS(f"Wrote {TARGET}."))
