import hashlib

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from comity.accounts import services
from comity.accounts.models import ApiToken
from comity.accounts.tokens import user_for_token
from comity.audit.models import Action, AuditEntry
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_create_token_stores_only_a_hash_and_is_audited():
    user = UserFactory()
    token, plain = services.create_token(user=user, name="case sync", actor=user)
    prefix, key_id, secret = plain.split("_", 2)
    assert (prefix, key_id) == ("cmt", token.key_id)
    assert token.key_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in token.key_hash
    entry = AuditEntry.objects.get(action=Action.CREATE, object_type="accounts.apitoken")
    assert entry.actor == user
    assert entry.after["key_id"] == key_id
    assert secret not in str(entry.after) and token.key_hash not in str(entry.after)
    assert entry.country_id == user.authority.country_id


def test_create_token_needs_a_name():
    with pytest.raises(ValueError, match="name"):
        services.create_token(user=UserFactory(), name="  ", actor=None)
    assert not ApiToken.objects.exists()
    assert not AuditEntry.objects.exists()


def test_token_authenticates_until_revoked():
    user = UserFactory()
    token, plain = services.create_token(user=user, name="sync", actor=user)
    assert user_for_token(plain) == user
    assert user_for_token(plain[:-1] + ("A" if plain[-1] != "A" else "B")) is None
    services.revoke_token(token=token, actor=user)
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert user_for_token(plain) is None
    entry = AuditEntry.objects.get(action=Action.UPDATE, object_type="accounts.apitoken")
    assert entry.before["revoked_at"] is None and entry.after["revoked_at"] is not None


def test_revoking_twice_records_once():
    user = UserFactory()
    token, _ = services.create_token(user=user, name="sync", actor=user)
    services.revoke_token(token=token, actor=user)
    services.revoke_token(token=token, actor=user)
    assert AuditEntry.objects.filter(action=Action.UPDATE).count() == 1


def test_token_of_a_deactivated_user_does_not_work():
    user = UserFactory()
    _, plain = services.create_token(user=user, name="sync", actor=user)
    user.is_active = False
    user.save()
    assert user_for_token(plain) is None


def test_api_bearer_token(client, rf):
    """The API's own authentication class accepts the token, then refuses it once revoked.

    (ninja answers 401 when the class returns None.)
    """
    from django.contrib.auth.models import AnonymousUser

    from comity.accounts.authentication import SessionOrToken

    user = UserFactory()
    token, plain = services.create_token(user=user, name="sync", actor=user)

    def call_api(header):
        request = rf.get("/api/v1/countries", HTTP_AUTHORIZATION=header)
        request.user = AnonymousUser()
        return SessionOrToken()(request)

    assert call_api(f"Bearer {plain}") == user
    token.refresh_from_db()
    assert token.last_used_at is not None
    assert call_api("Bearer cmt_nothing_here") is None
    services.revoke_token(token=token, actor=user)
    assert call_api(f"Bearer {plain}") is None
    # /health is public: it answers with or without a token.
    assert client.get("/api/v1/health").status_code == 200
    assert client.get("/api/v1/health", HTTP_AUTHORIZATION=f"Bearer {plain}").status_code == 200


def test_tokens_page_lists_only_own_tokens(client):
    user, other = UserFactory(), UserFactory()
    services.create_token(user=user, name="mine", actor=user)
    services.create_token(user=other, name="theirs", actor=other)
    client.force_login(user)
    html = client.get(reverse("accounts:tokens")).content.decode()
    assert "mine" in html
    assert "theirs" not in html


def test_tokens_page_requires_sign_in(client):
    response = client.get(reverse("accounts:tokens"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_create_on_page_shows_the_token_once(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(reverse("accounts:tokens"), {"name": "reporting"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    token = ApiToken.objects.get(user=user)
    plain = response.context["plain"]
    assert plain in response.content.decode()
    assert user_for_token(plain) == user
    assert token.name == "reporting"
    listing = client.get(reverse("accounts:tokens")).content.decode()
    assert plain not in listing
    assert token.key_id in listing


def test_create_on_page_without_name_shows_error(client):
    client.force_login(UserFactory())
    response = client.post(reverse("accounts:tokens"), {"name": ""})
    assert "errorlist" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_revoke_own_token_on_page(client):
    user = UserFactory()
    token, plain = services.create_token(user=user, name="sync", actor=user)
    client.force_login(user)
    url = reverse("accounts:token_revoke", args=[token.key_id])
    assert client.get(url).status_code == 405
    assert client.post(url)["Location"] == reverse("accounts:tokens")
    assert user_for_token(plain) is None


def test_other_users_token_is_not_found(client):
    owner = UserFactory()
    token, plain = services.create_token(user=owner, name="sync", actor=owner)
    client.force_login(UserFactory())
    response = client.post(reverse("accounts:token_revoke", args=[token.key_id]))
    assert response.status_code == 404
    assert user_for_token(plain) == owner


def test_token_command_create_list_revoke(capsys):
    user = UserFactory()
    call_command("token", "create", user.username, "--name", "cli")
    plain = capsys.readouterr().out.strip()
    assert user_for_token(plain) == user
    key_id = plain.split("_")[1]

    call_command("token", "list", user.username)
    listing = capsys.readouterr().out
    assert key_id in listing and "cli" in listing and "active" in listing
    assert plain not in listing

    call_command("token", "revoke", key_id)
    assert f"Token {key_id} (cli) revoked." in capsys.readouterr().out
    assert user_for_token(plain) is None
    call_command("token", "list", user.username)
    assert "revoked" in capsys.readouterr().out
    entry = AuditEntry.objects.filter(object_type="accounts.apitoken").latest("id")
    assert entry.actor is None and entry.actor_name == "system"


def test_token_command_errors():
    with pytest.raises(CommandError, match="No user named 'ghost'"):
        call_command("token", "create", "ghost")
    with pytest.raises(CommandError, match="No token with key id"):
        call_command("token", "revoke", "000000000000")
