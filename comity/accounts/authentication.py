"""API authentication: the browser session (with CSRF on writes) or `Authorization: Bearer <token>`."""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from ninja.security import HttpBearer
from ninja.utils import check_csrf

from comity.accounts.tokens import user_for_token


class SessionOrToken(HttpBearer):
    """Authenticates a request; `public_setting` names a setting that lets anonymous callers in."""

    def __init__(self, public_setting: str | None = None):
        super().__init__()
        self.public_setting = public_setting

    def authenticate(self, request, token):
        return user_for_token(token)

    def __call__(self, request):
        header = request.headers.get("Authorization", "")
        if header.lower().startswith("bearer "):
            user = user_for_token(header[7:].strip())
            if user is None:
                return None
            request.user = user
            return user
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            if request.method not in ("GET", "HEAD", "OPTIONS") and check_csrf(request) is not None:
                return None
            return user
        if self.public_setting and getattr(settings, self.public_setting, False):
            return AnonymousUser()
        return None


directory_readers = SessionOrToken(public_setting="COMITY_DIRECTORY_PUBLIC")
