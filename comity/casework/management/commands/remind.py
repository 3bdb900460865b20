"""`manage.py remind [--date YYYY-MM-DD]`: remind of cases and action items due soon or overdue
(run from cron)."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from comity.casework.reminders import send_reminders
from comity.core import statistics
from comity.liaison import reminders as reply_reminders
from comity.networks import reminders as action_reminders


class Command(BaseCommand):
    help = (
        "Remind officers of cases, and owners of meetings' action items, due soon or overdue; "
        "safe to re-run."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--date",
            default="",
            help="Count deadlines as of this day (YYYY-MM-DD) instead of today.",
        )

    def handle(self, *args, date, **options):
        try:
            today = datetime.date.fromisoformat(date) if date else None
        except ValueError as exc:
            raise CommandError(f"--date {date!r} is not a day; write it as YYYY-MM-DD.") from exc
        summary = send_reminders(today=today)
        self.stdout.write(str(summary))
        actions = action_reminders.send_reminders(today=today)
        self.stdout.write(str(actions))
        replies = reply_reminders.send_reminders(today=today)
        self.stdout.write(str(replies))
        # The daily run also keeps the database's query statistics fresh (comity.core.statistics).
        statistics.refresh()
        failures = summary.failures + actions.failures + replies.failures
        if failures:
            self.stderr.write(
                f"{failures} e-mail(s) could not be sent; the next run tries them again."
            )
