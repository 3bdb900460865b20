"""`comity backup FILE`: the whole installation in one archive, while it runs."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from comity.installation.backup import BackupError, create_backup


class Command(BaseCommand):
    help = (
        "Write a consistent backup of the database, the uploaded files and the audit checkpoints "
        "into one archive (docs/OPERATIONS.md). Safe while comity runs."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The archive to write, e.g. comity.tar.gz.")

    def handle(self, *args, file: Path, **options):
        try:
            result = create_backup(file)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        manifest = result.manifest
        self.stdout.write(
            f"Backup written to {result.path}: {manifest['database']} database, "
            f"{sum(manifest['rows'].values())} rows in {len(manifest['rows'])} tables, "
            f"{len(manifest['members'])} file(s); audit chain up to entry "
            f"#{manifest['audit_head']['sequence']}."
        )
        for note in result.notes:
            self.stdout.write(note)
