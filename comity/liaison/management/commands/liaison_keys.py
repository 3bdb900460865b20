"""`comity liaison-keys rotate [--drop-old]` | `rewrap`: rotate the informal channel's keys."""

from django.core.management.base import BaseCommand, CommandError

from comity.liaison import keys, vault


class Command(BaseCommand):
    help = "Rotate the keys that encrypt the informal channel's messages (docs/LIAISON.md)."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rotate", "rewrap"])
        parser.add_argument(
            "--drop-old", action="store_true", help="Forget the older keys after rewriting."
        )

    def handle(self, *args, action, drop_old, **options):
        try:
            count = keys.rotate(drop_old=drop_old) if action == "rotate" else keys.rewrap()
        except vault.VaultError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"values rewritten with the current key: {count}")
