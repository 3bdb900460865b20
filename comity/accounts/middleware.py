from django.shortcuts import redirect
from django.urls import reverse

ALLOWED_PREFIXES = ("/accounts/", "/static/", "/i18n/", "/api/")


class RequireTwoFactorMiddleware:
    """A user whose role or authority requires two-factor login goes nowhere else until verified."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.path.startswith(ALLOWED_PREFIXES)
            and user.needs_two_factor()
            and not user.is_verified()
        ):
            return redirect(reverse("accounts:two_factor") + f"?next={request.path}")
        return self.get_response(request)
