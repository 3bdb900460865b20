import re
from urllib.parse import quote

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from comity.accounts.models import Role
from comity.audit.models import Action, AuditEntry
from tests.accounts.helpers import current_code, sign_in_verified, wrong_code
from tests.factories import PASSWORD, AuthorityFactory, UserFactory

pytestmark = pytest.mark.django_db

TWO_FACTOR = reverse("accounts:two_factor")


def _two_factor_url(next_path):
    return f"{TWO_FACTOR}?next={quote(next_path, safe='')}"


def test_site_admin_is_sent_to_two_factor_after_password(client, site_admin):
    response = client.post(
        reverse("accounts:login"),
        {"username": site_admin.username, "password": PASSWORD, "next": "/audit/"},
    )
    assert response.status_code == 302
    assert response["Location"] == _two_factor_url("/audit/")
    # Without the code, every other page sends them back.
    assert client.get("/audit/")["Location"] == _two_factor_url("/audit/")
    assert client.get(reverse("accounts:tokens"))["Location"].startswith(TWO_FACTOR)
    assert client.get(reverse("accounts:profile"))["Location"].startswith(TWO_FACTOR)


def test_user_without_requirement_is_not_asked(client):
    user = UserFactory()
    response = client.post(
        reverse("accounts:login"), {"username": user.username, "password": PASSWORD}
    )
    assert not response["Location"].startswith(TWO_FACTOR)
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_totp_setup_shows_qr_and_secret_and_confirms_with_a_real_code(client, site_admin):
    client.force_login(site_admin)
    response = client.get(_two_factor_url("/audit/"))
    html = response.content.decode()
    assert response.status_code == 200
    device = TOTPDevice.objects.get(user=site_admin)
    assert not device.confirmed
    assert "<svg" in html and 'role="img"' in html
    assert "<script" not in html.split("</head>")[1]
    assert "style=" not in html
    secret = re.search(r'<code id="totp-secret"[^>]*>([A-Z2-7 ]+)</code>', html).group(1)
    from base64 import b32encode

    assert secret.replace(" ", "") == b32encode(device.bin_key).decode()

    # Reloading keeps the same device, so a code already scanned stays valid.
    client.get(TWO_FACTOR)
    assert TOTPDevice.objects.filter(user=site_admin).count() == 1

    bad = client.post(_two_factor_url("/audit/"), {"code": wrong_code(device)})
    assert bad.status_code == 200
    assert "That code is not correct" in bad.content.decode()
    device.refresh_from_db()
    assert not device.confirmed

    device.throttle_reset()  # a wrong code sets a short back-off; a person would wait for it
    response = client.post(_two_factor_url("/audit/"), {"code": current_code(device)})
    assert response.status_code == 302
    assert response["Location"] == "/audit/"
    device.refresh_from_db()
    assert device.confirmed
    entry = AuditEntry.objects.filter(action=Action.UPDATE, object_id=str(site_admin.pk)).get()
    assert entry.before == {"two_factor": False} and entry.after == {"two_factor": True}
    assert client.get("/audit/").status_code == 200


def test_malformed_code_gets_a_clear_message(client, site_admin):
    client.force_login(site_admin)
    response = client.post(TWO_FACTOR, {"code": "12ab"})
    assert "Enter the 6 digits shown by your authenticator app." in response.content.decode()


def test_confirmed_device_asks_for_code_and_verifies(client, site_admin):
    device = TOTPDevice.objects.create(user=site_admin, name="phone", confirmed=True)
    client.force_login(site_admin)
    page = client.get(TWO_FACTOR)
    assert "<svg" not in page.content.decode()  # no new set-up once a device exists
    assert TOTPDevice.objects.filter(user=site_admin).count() == 1
    response = client.post(_two_factor_url("/audit/"), {"code": current_code(device)})
    assert response["Location"] == "/audit/"
    assert client.get("/audit/").status_code == 200


def test_unsafe_next_is_ignored(client, site_admin):
    device = TOTPDevice.objects.create(user=site_admin, name="phone", confirmed=True)
    client.force_login(site_admin)
    response = client.post(
        _two_factor_url("https://evil.example/x"), {"code": current_code(device)}
    )
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]


def test_repeated_wrong_codes_are_throttled(client, site_admin):
    device = TOTPDevice.objects.create(user=site_admin, name="phone", confirmed=True)
    client.force_login(site_admin)
    client.post(TWO_FACTOR, {"code": wrong_code(device)})
    response = client.post(TWO_FACTOR, {"code": current_code(device)})
    assert "Too many wrong codes" in response.content.decode()
    assert client.get("/audit/").status_code == 302


def test_authority_requirement_applies_to_its_users(client):
    authority = AuthorityFactory(require_two_factor=True)
    user = UserFactory(authority=authority)
    response = client.post(
        reverse("accounts:login"), {"username": user.username, "password": PASSWORD}
    )
    assert response["Location"].startswith(TWO_FACTOR)
    assert client.get("/directory/")["Location"] == _two_factor_url("/directory/")


def test_voluntary_device_is_asked_for_at_next_sign_in(client):
    user = UserFactory()
    TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    response = client.post(
        reverse("accounts:login"), {"username": user.username, "password": PASSWORD}
    )
    assert response["Location"].startswith(TWO_FACTOR)
    assert client.get(reverse("accounts:profile"))["Location"].startswith(TWO_FACTOR)


def _through_middleware(rf, path, user, verified):
    from comity.accounts.middleware import RequireTwoFactorMiddleware

    seen = {}

    def view(request):
        seen["user"] = request.user
        return "view response"

    request = rf.get(path)
    request.session = {}
    user.is_verified = lambda: verified
    request.user = user
    return RequireTwoFactorMiddleware(view)(request), seen.get("user")


def test_pending_session_counts_as_anonymous_for_the_api(rf, site_admin):
    response, seen = _through_middleware(rf, "/api/v1/authorities", site_admin, verified=False)
    assert response == "view response"
    assert not seen.is_authenticated
    response, seen = _through_middleware(rf, "/api/v1/authorities", site_admin, verified=True)
    assert seen == site_admin


def test_pending_session_is_redirected_from_pages(rf, site_admin):
    response, seen = _through_middleware(rf, "/directory/?q=x", site_admin, verified=False)
    assert seen is None
    assert response["Location"] == _two_factor_url("/directory/?q=x")


def test_public_api_still_answers_a_pending_session(client, site_admin):
    client.force_login(site_admin)
    assert client.get("/api/v1/health").status_code == 200


def test_authority_admin_toggles_requirement_and_it_is_audited(client):
    admin = UserFactory(role=Role.AUTHORITY_ADMIN)
    client.force_login(admin)
    url = reverse("accounts:authority_security")
    assert client.get(url).status_code == 200
    response = client.post(url, {"require_two_factor": "on"})
    assert response.status_code == 302
    admin.authority.refresh_from_db()
    assert admin.authority.require_two_factor
    entry = AuditEntry.objects.get(action=Action.UPDATE, object_type="directory.authority")
    assert entry.before == {"require_two_factor": False}
    assert entry.after == {"require_two_factor": True}
    assert entry.actor == admin
    assert entry.country_id == admin.authority.country_id
    # Now the admin too must set up a device before going further.
    assert client.get(url)["Location"].startswith(TWO_FACTOR)


@pytest.mark.parametrize("role", [Role.VIEWER, Role.OFFICER, Role.SUPERVISOR])
def test_authority_security_page_is_for_authority_admins_only(client, role):
    client.force_login(UserFactory(role=role))
    assert client.get(reverse("accounts:authority_security")).status_code == 404


def test_remove_device_needs_verification_and_is_audited(client):
    user = UserFactory()
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client.force_login(user)
    remove = reverse("accounts:two_factor_remove")
    response = client.post(remove)
    assert response["Location"] == TWO_FACTOR
    assert TOTPDevice.objects.filter(pk=device.pk).exists()

    client.post(TWO_FACTOR, {"code": current_code(device)})
    assert "Remove authenticator" in client.get(TWO_FACTOR).content.decode()
    response = client.post(remove)
    assert response["Location"] == reverse("accounts:profile")
    assert not TOTPDevice.objects.filter(user=user).exists()
    entry = AuditEntry.objects.filter(action=Action.UPDATE, object_id=str(user.pk)).latest("id")
    assert entry.after == {"two_factor": False}


def test_site_admin_removing_device_must_set_up_a_new_one(client, site_admin):
    sign_in_verified(client, site_admin)
    response = client.post(reverse("accounts:two_factor_remove"))
    assert response["Location"] == TWO_FACTOR
    assert client.get("/audit/").status_code == 302


def test_reset_command_removes_a_lost_authenticator(db):
    from django.core.management import call_command
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from comity.audit.models import AuditEntry
    from tests.factories import UserFactory

    user = UserFactory(is_superuser=True, authority=None)
    TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    call_command("two_factor", "reset", user.username)
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert AuditEntry.objects.filter(
        object_id=str(user.pk), note="Two-factor device removed"
    ).exists()
