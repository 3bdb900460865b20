"""`manage.py audit verify`: walk the hash chain and say whether any entry was changed or removed."""

import sys

from django.core.management.base import BaseCommand

from comity.audit.services import verify_chain


class Command(BaseCommand):
    help = "Audit trail tools. `audit verify` exits 1 if the hash chain is broken."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True, metavar="{verify}")
        sub.add_parser("verify", help="Check every entry's hash and its link to the one before.")

    def handle(self, *args, subcommand, **options):
        if subcommand == "verify":
            self._verify()

    def _verify(self):
        report = verify_chain()
        if report.intact:
            self.stdout.write(f"Audit chain intact: {report.checked} entries checked.")
            return
        self.stderr.write(f"Audit chain BROKEN at entry #{report.broken_at}: {report.problem}")
        # Exit 1 (not CommandError's message-and-exit) so cron and monitoring see a plain failure.
        sys.exit(1)
