"""API tokens: `cmt_<key id>_<secret>`; only a hash of the secret is stored.

Every API call checks its token, so the check is one small query; the user row is read only
when the endpoint actually looks at the user.
"""

import datetime
import hmac

from django.db import connection
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from comity.accounts.backends import user_with_authority
from comity.accounts.models import ApiToken, User
from comity.core import generations

# One indexed lookup, written out: the ORM's query compilation costs more than the query itself
# on this path (docs/PERFORMANCE.md). It reads the data generations too (comity.core.generations).
_LOOKUP = (
    "SELECT t.id, t.key_hash, t.user_id, t.last_used_at, {generations} "
    "FROM accounts_apitoken t JOIN accounts_user u ON u.id = t.user_id "
    "WHERE t.key_id = %s AND t.revoked_at IS NULL AND u.is_active"
)


class LazyUser(SimpleLazyObject):
    """A user read from the database on first use; truthy without reading it."""

    def __bool__(self):
        return True


def _load_user(user_id: int) -> User:
    user = user_with_authority(user_id)
    if user is None:  # deleted since the token was checked
        raise User.DoesNotExist
    return user


def user_for_token(token: str):
    """The active user a token belongs to (loaded on first use), or None.

    Records when the token was last used, at most every five minutes.
    """
    parts = token.split("_", 2)
    if len(parts) != 3 or parts[0] != ApiToken.PREFIX:
        return None
    _, key_id, secret = parts
    with connection.cursor() as cursor:
        cursor.execute(_LOOKUP.format(generations=generations.as_column()), [key_id])
        row = cursor.fetchone()
    if row is None or not hmac.compare_digest(row[1], ApiToken.hash_secret(secret)):
        return None
    token_id, _hash, user_id, last_used, generation = row
    generations.prime(generation)
    now = timezone.now()
    if isinstance(last_used, str):  # SQLite returns the raw text from a plain cursor
        last_used = datetime.datetime.fromisoformat(last_used) if last_used else None
    if last_used is not None and timezone.is_naive(last_used):
        last_used = last_used.replace(tzinfo=datetime.UTC)
    if last_used is None or (now - last_used).total_seconds() > 300:
        ApiToken.objects.filter(pk=token_id).update(last_used_at=now)
    return LazyUser(lambda: _load_user(user_id))
