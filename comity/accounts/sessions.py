"""Django's database sessions, with the read that every signed-in request makes written out.

The ORM spends longer composing `Session.objects.get(...)` than the database spends answering it;
the same query reads the data generations the request will need (comity.core.generations).
Everything else (writing, expiry, the cookie) is Django's own.
"""

from types import SimpleNamespace

from django.contrib.sessions.backends import db
from django.db import connection
from django.utils import timezone

from comity.core import generations


class SessionStore(db.SessionStore):
    def _get_session_from_db(self):
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT session_data, {generations.as_column()} FROM django_session "  # noqa: S608 (no input in the text)
                "WHERE session_key = %s AND expire_date > %s",
                [self.session_key, now],
            )
            row = cursor.fetchone()
        if row is None:
            self._session_key = None  # unknown or expired: a new session, as Django does
            return None
        generations.prime(row[1])
        return SimpleNamespace(session_data=row[0])
