"""`manage.py user create|create-site-admin|list|deactivate|reactivate`: people, from the server.

    user create USERNAME --email E --authority AUTHORITY_UUID --role ROLE [--first-name F --last-name L]
    user create-site-admin USERNAME --email E [--first-name F --last-name L]
    user list [--authority AUTHORITY_UUID]
    user deactivate USERNAME
    user reactivate USERNAME

New people get the invitation e-mail; the set-password link is printed as well, for an operator
whose server sends no mail. The actor in the audit trail is "system".
"""

import smtplib
import uuid

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from comity.accounts import emails, services
from comity.accounts.models import Role, User
from comity.directory.models import Authority


class Command(BaseCommand):
    help = "Invite, list and switch off people. Accounts are never deleted."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(
            dest="subcommand",
            required=True,
            metavar="{create,create-site-admin,list,deactivate,reactivate}",
        )
        create = sub.add_parser("create", help="Invite someone who works for an authority.")
        create.add_argument("username")
        create.add_argument("--email", required=True)
        create.add_argument("--authority", required=True, help="The authority's id (a UUID).")
        create.add_argument("--role", required=True, choices=Role.values)
        self._add_names(create)
        admin = sub.add_parser(
            "create-site-admin", help="Invite a site administrator (two-factor sign-in required)."
        )
        admin.add_argument("username")
        admin.add_argument("--email", required=True)
        self._add_names(admin)
        listing = sub.add_parser("list", help="List people, optionally of one authority.")
        listing.add_argument("--authority", help="The authority's id (a UUID).")
        for name, text in (
            ("deactivate", "Switch an account off: no sign-in, no API."),
            ("reactivate", "Switch an account on again."),
        ):
            sub.add_parser(name, help=text).add_argument("username")

    @staticmethod
    def _add_names(parser):
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")
        parser.add_argument(
            "--site-url",
            default="",
            help="Where people reach comity, for the link (default: the COMITY_SITE_URL setting, "
            f"else {emails.DEFAULT_SITE_URL}).",
        )

    def handle(self, *args, subcommand, **options):
        getattr(self, "_" + subcommand.replace("-", "_"))(**options)

    # --- helpers

    def _authority(self, value: str) -> Authority:
        try:
            pk = uuid.UUID(value.strip())
        except ValueError as exc:
            raise CommandError(
                f"{value!r} is not an authority id. Ids look like "
                "3f2b6c1e-8a4d-4c59-9d3e-0b7a1c2d4e5f; find them with the directory export or "
                "in the address of the authority's page."
            ) from exc
        authority = Authority.objects.select_related("country").filter(pk=pk).first()
        if authority is None:
            raise CommandError(f"No authority has the id {pk}.")
        return authority

    def _user(self, username: str) -> User:
        user = User.objects.filter(username__iexact=username).first()
        if user is None:
            raise CommandError(f"No user named {username!r}. `user list` shows everyone.")
        return user

    def _invite(self, service, *, site_url, **kwargs) -> User:
        site_url = site_url or emails.site_url_from_settings()
        try:
            user = service(actor=None, site_url=site_url, **kwargs)
        except ValidationError as exc:
            raise CommandError(_messages(exc)) from exc
        except (smtplib.SMTPException, OSError) as exc:
            raise CommandError(
                f"The invitation e-mail could not be sent ({exc}); nobody was created. "
                "Check EMAIL_BACKEND and the mail server settings."
            ) from exc
        self.stdout.write(self.style.SUCCESS(f"Invited {user.get_username()} <{user.email}>."))
        self.stdout.write(
            "Set-password link (works once; pass it on if the e-mail does not arrive):"
        )
        self.stdout.write(emails.set_password_url(user, site_url=site_url))
        return user

    # --- subcommands

    def _create(self, *, username, email, authority, role, first_name, last_name, site_url, **_):
        self._invite(
            services.invite_user,
            site_url=site_url,
            authority=self._authority(authority),
            username=username,
            email=email,
            first_name=first_name,
            last_name=last_name,
            role=role,
        )

    def _create_site_admin(self, *, username, email, first_name, last_name, site_url, **_):
        self._invite(
            services.invite_site_admin,
            site_url=site_url,
            username=username,
            email=email,
            first_name=first_name,
            last_name=last_name,
        )
        self.stdout.write(
            "At the first sign-in they must set up two-factor sign-in with an authenticator app; "
            "nothing else is reachable until they do."
        )

    def _list(self, *, authority=None, **_):
        users = User.objects.select_related("authority").order_by(
            "authority__country_id", "authority__name", "username"
        )
        if authority:
            users = users.filter(authority=self._authority(authority))
        if not users:
            self.stdout.write("Nobody.")
            return
        for user in users:
            if not user.is_active:
                status = "switched off"
            elif not user.has_usable_password():
                status = "invited"
            else:
                status = "active"
            where = (
                f"{user.authority.name} ({user.authority.country_id})" if user.authority_id else "-"
            )
            role = "site admin" if user.is_superuser else user.role
            last = f"{user.last_login:%Y-%m-%d %H:%M %Z}" if user.last_login else "never"
            self.stdout.write(
                f"{user.get_username()}\t{user.email}\t{role}\t{where}\t{status}\tlast sign-in {last}"
            )

    def _deactivate(self, *, username, **_):
        user = self._user(username)
        if not user.is_active:
            self.stdout.write(f"{user.get_username()} was already switched off.")
            return
        try:
            services.deactivate_user(user=user, actor=None)
        except ValidationError as exc:
            raise CommandError(_messages(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(f"{user.get_username()} is switched off and can no longer sign in.")
        )

    def _reactivate(self, *, username, **_):
        user = self._user(username)
        if user.is_active:
            self.stdout.write(f"{user.get_username()} was already active.")
            return
        services.reactivate_user(user=user, actor=None)
        self.stdout.write(self.style.SUCCESS(f"{user.get_username()} is switched on again."))


def _messages(exc: ValidationError) -> str:
    if hasattr(exc, "error_dict"):
        return " ".join(
            f"{field}: {message}"
            for field, errors in exc.message_dict.items()
            for message in errors
        )
    return " ".join(exc.messages)
