"""`comity audit verify` and `comity audit checkpoint`: is the audit trail as it was written?"""

import datetime
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from comity.audit import seal
from comity.audit.services import checkpoint, verify_chain


class Command(BaseCommand):
    help = (
        "Audit trail tools. `audit verify` exits 1 if the trail was changed, cut back or "
        "re-hashed; `audit checkpoint` records its newest entry outside the database."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True, metavar="{verify,checkpoint}")
        verify = sub.add_parser(
            "verify",
            help="Check every entry's hash, link and seal, and the checkpoints kept outside the "
            "database.",
        )
        record = sub.add_parser(
            "checkpoint",
            help="Verify the trail, then append its newest entry (number and hash, sealed) to the "
            "checkpoint file. Run it from cron, e.g. every five minutes.",
        )
        for parser_ in (verify, record):
            parser_.add_argument(
                "--checkpoints",
                type=Path,
                default=None,
                help="The checkpoint file (default: COMITY_AUDIT_CHECKPOINTS).",
            )
        verify.add_argument(
            "--max-age",
            type=int,
            default=None,
            metavar="MINUTES",
            help="Also fail when there is no checkpoint, or the newest is older than this: "
            "entries cut off the end since then (with the file's last lines) would go unseen.",
        )

    def handle(self, *args, subcommand, checkpoints=None, max_age=None, **options):
        path = checkpoints or seal.checkpoint_file()
        if subcommand == "verify":
            self._verify(path, max_age)
        else:
            self._checkpoint(path)

    def _verify(self, path: Path, max_age: int | None):
        report = verify_chain(checkpoints_path=path)
        if report.intact and max_age is not None:
            newest = (
                datetime.datetime.fromisoformat(report.last_checkpoint)
                if report.last_checkpoint
                else None
            )
            if newest is None or timezone.now() - newest > datetime.timedelta(minutes=max_age):
                self.stderr.write(
                    f"Audit checkpoints too old: the newest in {path} is from "
                    f"{report.last_checkpoint or 'never'}, more than {max_age} minutes ago. "
                    "Is `comity audit checkpoint` still running, and was the file cut short?"
                )
                sys.exit(1)
        if report.intact:
            if report.checkpoints:
                against = (
                    f" and {report.checkpoints} checkpoint(s) in {path}, the newest of "
                    f"{report.last_checkpoint}"
                )
            else:
                against = f"; no checkpoint yet in {path} (run `comity audit checkpoint`)"
            self.stdout.write(f"Audit chain intact: {report.checked} entries checked{against}.")
            return
        where = f" at entry #{report.broken_at}" if report.broken_at else ""
        self.stderr.write(f"Audit chain BROKEN{where}: {report.problem}")
        # Exit 1 (not CommandError's message-and-exit) so cron and monitoring see a plain failure.
        sys.exit(1)

    def _checkpoint(self, path: Path):
        try:
            point = checkpoint(path=path)
        except ValueError as exc:
            raise CommandError(f"No checkpoint written. {exc}") from exc
        self.stdout.write(
            f"Checkpoint written to {path}: entry #{point.sequence} ({point.count} entries), "
            f"{point.at}."
        )
