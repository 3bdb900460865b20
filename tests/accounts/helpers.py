"""Signing in for tests, including a real second factor computed from the device's key."""

from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice


def current_code(device: TOTPDevice) -> str:
    """The 6-digit code an authenticator app would show for `device` right now."""
    code = totp(
        device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift
    )
    return f"{code:0{device.digits}d}"


def wrong_code(device: TOTPDevice) -> str:
    return f"{(int(current_code(device)) + 1) % 1_000_000:06d}"


def sign_in_verified(client, user) -> TOTPDevice:
    """Sign `user` in through the real two-factor page with a confirmed device."""
    device = TOTPDevice.objects.create(user=user, name="test phone", confirmed=True)
    client.force_login(user)
    response = client.post(reverse("accounts:two_factor"), {"code": current_code(device)})
    assert response.status_code == 302, response.content
    return device


def verified_login(client, user):
    """Sign in with a confirmed device and a verified session, as a site admin must.

    Quicker than sign_in_verified; for tests about what a verified user may do, not about the
    two-factor page itself.
    """
    client.force_login(user)
    device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return client


def login_as(client, people: dict, who: str):
    """Sign `client` in as `people[who]` ("anonymous" stays signed out)."""
    if who == "anonymous":
        return client
    user = people[who]
    if user.is_superuser:
        return verified_login(client, user)
    client.force_login(user)
    return client


def assert_permission_matrix(client_factory, people: dict, method: str, url: str, expected: dict):
    """Request `url` as each row of `expected` ({who: status}) with a fresh client.

    Anonymous users are sent to the sign-in page (302 to LOGIN_URL); `expected` may say "login".
    """
    failures = []
    for who, status in expected.items():
        client = login_as(client_factory(), people, who)
        response = getattr(client, method)(url)
        if status == "login":
            ok = response.status_code == 302 and response["Location"].startswith(
                reverse("accounts:login")
            )
        else:
            ok = response.status_code == status
        if not ok:
            failures.append(f"{who}: expected {status}, got {response.status_code}")
    assert not failures, f"{method.upper()} {url}: " + "; ".join(failures)
