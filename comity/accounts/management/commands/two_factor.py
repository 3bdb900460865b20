"""`comity two-factor reset USERNAME`: for a user who lost their authenticator."""

from django.core.management.base import BaseCommand, CommandError

from comity.accounts.models import User
from comity.accounts.services import remove_totp_devices


class Command(BaseCommand):
    help = "Manage two-factor sign-in for a user."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        reset = sub.add_parser(
            "reset",
            help="Remove a user's authenticator devices (after checking who is asking) so they "
            "set up a new one at their next sign-in.",
        )
        reset.add_argument("username")

    def handle(self, *args, action, username, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user named {username!r}.")
        removed = remove_totp_devices(user=user, actor=None)
        if removed:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Removed {removed} authenticator device(s) of {username}. At the next sign-in "
                    "they will be asked to set up a new one."
                )
            )
        else:
            self.stdout.write(f"{username} had no authenticator device.")
