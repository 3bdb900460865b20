import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from comity.accounts import services
from comity.accounts.models import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_profile_shows_name_authority_role_two_factor_and_tokens(client):
    user = UserFactory(first_name="Olena", last_name="Koval", role=Role.SUPERVISOR)
    services.create_token(user=user, name="sync", actor=user)
    client.force_login(user)
    response = client.get(reverse("accounts:profile"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Olena Koval" in html
    assert user.authority.name in html
    assert "Supervisor" in html
    assert "1 active token" in html
    assert reverse("accounts:tokens") in html
    assert "Off" in html
    assert reverse("accounts:authority_security") not in html


def test_profile_shows_two_factor_on_and_admin_link(client):
    user = UserFactory(role=Role.AUTHORITY_ADMIN)
    TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client.force_login(user)
    # force_login does not pass the sign-in page, so no code is asked for here.
    html = client.get(reverse("accounts:profile")).content.decode()
    assert "badge-ok" in html
    assert reverse("accounts:authority_security") in html


def test_profile_requires_sign_in(client):
    response = client.get(reverse("accounts:profile"))
    assert response["Location"].startswith(reverse("accounts:login"))
