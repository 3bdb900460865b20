from urllib.parse import urlencode

from django.contrib.auth.models import AnonymousUser
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from comity.accounts.selectors import time_zone_for

# Session flag set at sign-in when the user has a confirmed device of their own accord, so that
# two-factor sign-in is enforced for them too without a database query on every request.
OPTED_IN_SESSION_KEY = "comity_two_factor_opted_in"

ALWAYS_ALLOWED_PREFIXES = ("/static/", "/i18n/")
ACCOUNT_PAGES_ALLOWED = ("accounts:login", "accounts:logout", "accounts:two_factor")


def two_factor_pending(request) -> bool:
    """Whether the signed-in user must still enter a code before going anywhere else."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    # A user just signed in by auth.login() is not yet wrapped by django_otp's middleware.
    is_verified = getattr(user, "is_verified", None)
    if is_verified is not None and is_verified():
        return False
    return user.needs_two_factor() or bool(request.session.get(OPTED_IN_SESSION_KEY))


class RequireTwoFactorMiddleware:
    """A user whose role or authority requires two-factor login goes nowhere else until verified.

    Pages: redirect to the two-factor page. The JSON API: the half-signed-in session does not count
    (the request is anonymous), so public endpoints and bearer tokens still work but the session
    cannot be used to reach data without the second factor.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self._allowed_paths = None

    def _allowed(self, path: str) -> bool:
        if self._allowed_paths is None:
            self._allowed_paths = tuple(reverse(name) for name in ACCOUNT_PAGES_ALLOWED)
        return path.startswith(ALWAYS_ALLOWED_PREFIXES) or path in self._allowed_paths

    def __call__(self, request):
        if not self._allowed(request.path) and two_factor_pending(request):
            if request.path.startswith("/api/"):
                request.user = AnonymousUser()
            else:
                query = urlencode({"next": request.get_full_path()})
                return redirect(f"{reverse('accounts:two_factor')}?{query}")
        return self.get_response(request)


class UserTimeZoneMiddleware:
    """Show times in the time zone of the signed-in user's authority (else the site default)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return self.get_response(request)
        with timezone.override(time_zone_for(user)):
            return self.get_response(request)
