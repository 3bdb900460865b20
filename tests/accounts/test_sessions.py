"""The session store: Django's database sessions with the per-request read written out."""

import datetime

from django.contrib.sessions.models import Session
from django.utils import timezone

from comity.accounts.sessions import SessionStore
from tests import factories


def test_a_stored_session_is_read_back(db):
    store = SessionStore()
    store["answer"] = 42
    store.save()
    again = SessionStore(session_key=store.session_key)
    assert again["answer"] == 42
    assert again.session_key == store.session_key


def test_an_unknown_or_expired_session_is_empty_and_gets_a_new_key(db):
    assert SessionStore(session_key="x" * 32).load() == {}
    store = SessionStore()
    store["answer"] = 42
    store.save()
    Session.objects.filter(session_key=store.session_key).update(
        expire_date=timezone.now() - datetime.timedelta(seconds=1)
    )
    expired = SessionStore(session_key=store.session_key)
    assert expired.load() == {}
    assert expired.session_key is None


def test_a_signed_in_browser_stays_signed_in_until_its_session_expires(client, db):
    user = factories.UserFactory()
    client.force_login(user)
    assert client.get("/accounts/profile/").status_code == 200
    Session.objects.update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    assert client.get("/accounts/profile/").status_code == 302  # to the sign-in page
