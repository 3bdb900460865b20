"""`manage.py token create USER [--name NAME]` / `token list USER` / `token revoke KEYID`."""

from django.core.management.base import BaseCommand, CommandError

from comity.accounts import selectors, services
from comity.accounts.models import ApiToken, User


class Command(BaseCommand):
    help = "Create, list and revoke API tokens. A new token is printed once and never stored."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(
            dest="subcommand", required=True, metavar="{create,list,revoke}"
        )
        create = sub.add_parser("create", help="Create a token for a user and print it.")
        create.add_argument("username")
        create.add_argument("--name", default="command line", help="What the token is for.")
        listing = sub.add_parser("list", help="List a user's tokens (never the secrets).")
        listing.add_argument("username")
        revoke = sub.add_parser("revoke", help="Revoke a token by its key id.")
        revoke.add_argument("key_id", help="The part after cmt_, or the whole token.")

    def handle(self, *args, subcommand, **options):
        getattr(self, f"_{subcommand}")(**options)

    def _user(self, username) -> User:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(
                f"No user named {username!r}. Check the spelling (it is case-sensitive)."
            )
        return user

    def _create(self, *, username, name, **_):
        try:
            _token, plain = services.create_token(user=self._user(username), name=name, actor=None)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        # Only the token on stdout, so that scripts can capture it; the advice goes to stderr.
        self.stdout.write(plain)
        self.stderr.write("Store it now: it cannot be shown again.")

    def _list(self, *, username, **_):
        tokens = selectors.tokens_for(self._user(username))
        if not tokens:
            self.stdout.write(f"{username} has no API tokens.")
            return
        for token in tokens:
            status = (
                "active" if token.is_active else f"revoked {token.revoked_at:%Y-%m-%d %H:%M %Z}"
            )
            used = f"{token.last_used_at:%Y-%m-%d %H:%M %Z}" if token.last_used_at else "never"
            self.stdout.write(
                f"{token.key_id}\t{token.name}\tcreated {token.created_at:%Y-%m-%d %H:%M %Z}"
                f"\tlast used {used}\t{status}"
            )

    def _revoke(self, *, key_id, **_):
        parts = key_id.split("_")
        if len(parts) >= 2 and parts[0] == ApiToken.PREFIX:
            key_id = parts[1]
        token = ApiToken.objects.filter(key_id=key_id).first()
        if token is None:
            raise CommandError(f"No token with key id {key_id!r}. `token list USER` shows key ids.")
        if not token.is_active:
            self.stdout.write(f"Token {key_id} was already revoked.")
            return
        services.revoke_token(token=token, actor=None)
        self.stdout.write(f"Token {key_id} ({token.name}) revoked.")
