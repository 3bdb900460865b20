from django.core.management.base import BaseCommand, CommandError

from comity.installation.demo import create_demo


class Command(BaseCommand):
    help = "Create the demo account and example directory entries (marked as example data)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset-password",
            action="store_true",
            help="Give the demo account a new password and print it.",
        )

    def handle(self, *args, reset_password=False, **options):
        try:
            user, password = create_demo(reset_password=reset_password)
        except RuntimeError as exc:
            raise CommandError(str(exc)) from exc
        if password:
            self.stdout.write(
                self.style.SUCCESS(
                    "\n  Demo account (example data, for trying comity out):\n"
                    f"    user name: {user.username}\n"
                    f"    password:  {password}\n"
                    "  The informal channel's example FIU analysts (demo-gh-fiu, demo-ng-fiu)\n"
                    "  sign in with the same password.\n"
                    "  It is shown only now. For a new one: comity demo --reset-password\n"
                )
            )
        else:
            self.stdout.write(
                f"Demo account '{user.username}' already exists (its password was printed when it "
                "was created; `comity demo --reset-password` prints a new one)."
            )
