"""`comity restore FILE`: a backup back into a new, empty installation."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from comity.installation.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a backup made by `comity backup` into an empty installation (a new COMITY_HOME, "
        "or an empty PostgreSQL database), then check it (docs/OPERATIONS.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The archive written by `comity backup`.")
        parser.add_argument(
            "--accept-unsealed",
            action="store_true",
            help="Restore even when the archive's seal does not match this installation's audit "
            "key (the key was lost). Its checksums then prove nothing against tampering.",
        )

    def handle(self, *args, file: Path, accept_unsealed: bool = False, **options):
        try:
            result = restore_backup(file, accept_unsealed=accept_unsealed)
        except BackupError as exc:
            raise CommandError(f"Nothing was restored. {exc}") from exc
        manifest = result.manifest
        self.stdout.write(
            f"Restored {result.path} (made {manifest['created_at']} by comity "
            f"{manifest['comity_version']}): {sum(manifest['rows'].values())} rows in "
            f"{len(manifest['rows'])} tables, every table checked."
        )
        for note in result.notes:
            self.stdout.write(note)
        if not result.audit_intact:
            raise CommandError(
                "The data are restored, but the audit chain does not verify (above). Find out why "
                "before the installation is used."
            )
        self.stdout.write(
            "Next: `comity migrate` (or `comity run`, which migrates) if this comity is newer."
        )
