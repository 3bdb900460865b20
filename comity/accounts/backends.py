"""How a signed-in user is read on every request."""

from django.contrib.auth.backends import ModelBackend

from comity.accounts.models import User

# The authority's stored search text and search result: long, and no page reads them from the user.
_NOT_NEEDED = ("authority__search_text", "authority__listing")


class UserWithAuthority(ModelBackend):
    """Django's model backend, reading the user's authority in the same query: every page needs
    it (the two-factor rule, the time zone, what the user may see)."""

    def get_user(self, user_id):
        try:
            user = (
                User._default_manager.select_related("authority")
                .defer(*_NOT_NEEDED)
                .get(pk=user_id)
            )
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
