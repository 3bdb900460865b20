"""How a signed-in user is read on every request."""

from django.contrib.auth.backends import ModelBackend

from comity.accounts.models import User


class UserWithAuthority(ModelBackend):
    """Django's model backend, reading the user's authority in the same query: every page needs
    it (the two-factor rule, the time zone, what the user may see)."""

    def get_user(self, user_id):
        user = User._default_manager.select_related("authority").filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None
