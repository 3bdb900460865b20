"""`comity import-cases FILE --authority UUID --user NAME`: import a register (JSON lines)."""

import json
import uuid

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from comity.casework.transfer import RegisterImportError, import_register
from comity.directory.models import Authority


class Command(BaseCommand):
    help = (
        "Import an authority's existing register of cases from a JSON-lines file (all or nothing)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "file", help="One case per line (docs/CASEWORK.md, 'Importing a register')."
        )
        parser.add_argument(
            "--authority", type=uuid.UUID, required=True, help="The owning authority's id (UUID)."
        )
        parser.add_argument("--user", required=True, help="The user the import is recorded for.")

    def handle(self, *args, file, authority, user, **options):
        owner = Authority.objects.filter(pk=authority).first()
        actor = get_user_model().objects.filter(username=user).first()
        if owner is None or actor is None:
            raise CommandError("Unknown authority or user.")
        try:
            with open(file, encoding="utf-8") as handle:
                cases = [json.loads(line) for line in handle if line.strip()]
        except (OSError, ValueError) as exc:
            raise CommandError(f"{file}: {exc}") from exc
        try:
            result = import_register(owner=owner, actor=actor, cases=cases)
        except RegisterImportError as exc:
            for error in exc.errors:
                self.stderr.write(f"row {error['row']}: {error['field']}: {error['message']}")
            raise CommandError("Nothing was imported.") from exc
        self.stdout.write(f"Imported {result['created']} cases with {result['events']} events.")
