"""`comity purge [--date YYYY-MM-DD]`: remove the bodies of expired informal messages (cron)."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from comity.liaison.services import purge


class Command(BaseCommand):
    help = (
        "Remove the subject, body and entities of every informal message past its expiry date; "
        "the metadata and the audit trail stay. Safe to re-run."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", default="", help="Purge as of this day (YYYY-MM-DD).")

    def handle(self, *args, date, **options):
        try:
            today = datetime.date.fromisoformat(date) if date else None
        except ValueError as exc:
            raise CommandError(f"--date {date!r} is not a day; write it as YYYY-MM-DD.") from exc
        self.stdout.write(f"messages purged: {purge(today=today)}")
