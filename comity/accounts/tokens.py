"""API tokens: `cmt_<key id>_<secret>`; only a hash of the secret is stored."""

import hmac

from django.utils import timezone

from comity.accounts.models import ApiToken


def user_for_token(token: str):
    """The active user a token belongs to, or None. Records when the token was last used."""
    parts = token.split("_", 2)
    if len(parts) != 3 or parts[0] != ApiToken.PREFIX:
        return None
    _, key_id, secret = parts
    found = (
        ApiToken.objects.active()
        .select_related("user", "user__authority")
        .filter(key_id=key_id)
        .first()
    )
    if found is None or not hmac.compare_digest(found.key_hash, ApiToken.hash_secret(secret)):
        return None
    now = timezone.now()
    if found.last_used_at is None or (now - found.last_used_at).total_seconds() > 300:
        ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
    return found.user
