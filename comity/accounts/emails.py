"""The invitation e-mail and its one-time set-password link.

The link is Django's password-reset token (default_token_generator): it works once (choosing a
password changes the hash it is built on), stops working after PASSWORD_RESET_TIMEOUT, and is
never stored, so neither the database nor the audit trail can leak it.
"""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from comity.accounts.models import User

DEFAULT_SITE_URL = "http://localhost:8000"


def site_url_from_settings() -> str:
    """The address people reach comity at, for links in e-mails sent without a request."""
    return getattr(settings, "COMITY_SITE_URL", "") or DEFAULT_SITE_URL


def set_password_url(user: User, *, site_url: str) -> str:
    """An absolute, one-time link where `user` chooses a password."""
    uidb64 = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    path = reverse("accounts:set_password", kwargs={"uidb64": uidb64, "token": token})
    return f"{site_url.rstrip('/')}{path}"


def _person(user) -> str:
    if user is None:
        return _("An administrator of comity")
    return user.get_full_name() or user.get_username()


def send_invitation(*, user: User, inviter, site_url: str) -> str:
    """Send `user` the invitation, in the language active now (the inviter's); return the link.

    Raises whatever the mail backend raises, so a caller in a transaction undoes the invitation
    rather than leaving an account nobody was told about.
    """
    link = set_password_url(user, site_url=site_url)
    days = max(1, settings.PASSWORD_RESET_TIMEOUT // 86400)
    values = {
        "name": user.get_full_name() or user.get_username(),
        "inviter": _person(inviter),
        "username": user.get_username(),
        "link": link,
        "days": days,
    }
    if user.is_superuser:
        intro = _(
            "%(inviter)s has given you an account on comity, the platform for international "
            "cooperation in criminal matters, as a site administrator."
        )
        closing = _(
            "At your first sign-in you will be asked to set up an authenticator app: site "
            "administrators must sign in with a code from it."
        )
    else:
        intro = _(
            "%(inviter)s has given you an account on comity, the platform for international "
            "cooperation in criminal matters, as %(role)s at %(authority)s (%(state)s)."
        )
        values.update(
            role=user.get_role_display(),
            authority=user.authority.display_name() if user.authority_id else "",
            state=user.authority.country.localized_name() if user.authority_id else "",
        )
        closing = ""
    lines = [
        _("Hello %(name)s,") % values,
        "",
        intro % values,
        "",
        _("Your user name: %(username)s") % values,
        "",
        _("To choose your password, open this link:"),
        link,
        "",
        ngettext(
            "The link works once and expires in %(days)s day. If it has expired, ask whoever "
            "invited you to send a new invitation.",
            "The link works once and expires in %(days)s days. If it has expired, ask whoever "
            "invited you to send a new invitation.",
            days,
        )
        % values,
    ]
    if closing:
        lines += ["", closing]
    lines += [
        "",
        _(
            "If you did not expect this message, ignore it: nothing happens until a password is chosen."
        ),
    ]
    subject = _("Your comity account: choose a password")
    send_mail(subject, "\n".join(lines), None, [user.email])
    return link
