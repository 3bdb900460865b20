import pytest
from django.conf import settings
from django.urls import reverse

from comity.audit.models import Action, AuditEntry
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")


def _sign_in(client, username, password=PASSWORD, **extra):
    return client.post(LOGIN, {"username": username, "password": password, **extra})


def test_login_page_has_labelled_fields(client):
    response = client.get(LOGIN)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<label for="id_username">' in html
    assert '<label for="id_password">' in html
    assert "style=" not in html


def test_sign_in_succeeds_and_is_audited(client):
    user = UserFactory()
    response = _sign_in(client, user.username)
    assert response.status_code == 302
    assert response["Location"] == reverse(settings.LOGIN_REDIRECT_URL)
    assert client.session["_auth_user_id"] == str(user.pk)
    entry = AuditEntry.objects.get(action=Action.SIGN_IN)
    assert entry.actor == user
    assert entry.object_id == str(user.pk)
    assert entry.country_id == user.authority.country_id


def test_sign_in_follows_a_local_next_but_not_an_external_one(client):
    user = UserFactory()
    assert _sign_in(client, user.username, next="/directory/")["Location"] == "/directory/"
    client.logout()
    response = _sign_in(client, user.username, next="https://evil.example/")
    assert response["Location"] == reverse(settings.LOGIN_REDIRECT_URL)


def test_failed_sign_in_shows_an_error_and_is_audited_without_actor(client):
    user = UserFactory()
    response = _sign_in(client, user.username, password="wrong password")
    assert response.status_code == 200
    assert "The user name or password is not correct" in response.content.decode()
    assert "_auth_user_id" not in client.session
    entry = AuditEntry.objects.get(action=Action.SIGN_IN_FAILED)
    assert entry.actor is None
    assert user.username in entry.note
    assert entry.object_id == str(user.pk)  # filed under the account, so its admins see it


def test_failed_sign_in_with_unknown_name_is_audited(client):
    _sign_in(client, "nobody-here", password="whatever")
    entry = AuditEntry.objects.get(action=Action.SIGN_IN_FAILED)
    assert "nobody-here" in entry.note
    assert entry.object_id == ""
    assert entry.actor_id is None


def test_lockout_after_failure_limit_even_with_the_right_password(client):
    user = UserFactory()
    limit = settings.AXES_FAILURE_LIMIT
    for _ in range(limit - 1):
        assert _sign_in(client, user.username, password="wrong").status_code == 200
    locked = _sign_in(client, user.username, password="wrong")
    assert locked.status_code == 429
    response = _sign_in(client, user.username)
    assert response.status_code == 429
    assert "accounts/locked_out.html" in [t.name for t in response.templates]
    html = response.content.decode()
    assert "Sign-in paused" in html
    assert "15\xa0minutes" in html or "15 minutes" in html
    assert "_auth_user_id" not in client.session
    assert AuditEntry.objects.filter(action=Action.SIGN_IN).count() == 0


def test_sign_in_before_the_limit_resets_the_counter(client):
    user = UserFactory()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _sign_in(client, user.username, password="wrong")
    assert _sign_in(client, user.username).status_code == 302


def test_sign_out_is_post_only_and_audited(client):
    user = UserFactory()
    client.force_login(user)
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert "_auth_user_id" in client.session
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    entry = AuditEntry.objects.get(action=Action.SIGN_OUT)
    assert entry.actor == user


def test_audit_chain_stays_intact_across_sign_in_events(client):
    from comity.audit.services import verify_chain

    user = UserFactory()
    _sign_in(client, user.username, password="wrong")
    _sign_in(client, user.username)
    client.post(reverse("accounts:logout"))
    report = verify_chain()
    assert report.intact and report.checked == 3
