"""Inviting someone: the e-mail, its one-time link, choosing a password, signing in."""

import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from comity.accounts import services
from comity.accounts.models import Role, User
from comity.audit.models import Action, AuditEntry

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Sunflower-fields-2024!"
SITE = "https://comity.example.org/"


def _invite(people, ukr, **overrides):
    data = {
        "authority": ukr,
        "username": "iryna",
        "email": "iryna@example.org",
        "first_name": "Iryna",
        "last_name": "Bondar",
        "role": Role.OFFICER,
        "actor": people["admin_own"],
        "site_url": SITE,
    }
    data.update(overrides)
    return services.invite_user(**data)


def _link(message) -> str:
    match = re.search(r"https?://\S+/accounts/set-password/\S+/", message.body)
    assert match, message.body
    return match.group(0)


def _path(link: str) -> str:
    return link.removeprefix(SITE.rstrip("/"))


def test_invite_creates_an_active_account_without_password_and_sends_the_email(people, ukr):
    user = _invite(people, ukr)
    user.refresh_from_db()
    assert user.is_active and not user.is_superuser
    assert not user.has_usable_password()
    assert user.has_pending_invitation
    assert (user.authority, user.role) == (ukr, Role.OFFICER)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["iryna@example.org"]
    assert "choose a password" in message.subject
    assert "Olena Koval" in message.body  # who invited
    assert "Prosecutor General's Office" in message.body  # for which authority
    assert "Officer" in message.body
    assert "iryna" in message.body
    assert _link(message).startswith(SITE + "accounts/set-password/")


def test_the_link_sets_a_password_once_and_then_the_person_can_sign_in(client, people, ukr):
    user = _invite(people, ukr)
    path = _path(_link(mail.outbox[0]))

    # Django moves the token into the session and redirects to a URL without it.
    response = client.get(path, follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Choose your password" in html
    assert "iryna" in html
    form_url = response.redirect_chain[-1][0]
    response = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login")
    assert "Your password is set" in client.get(reverse("accounts:login")).content.decode()

    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert not user.has_pending_invitation
    entry = AuditEntry.objects.filter(object_id=str(user.pk), action=Action.UPDATE).first()
    assert entry.after == {"has_password": True}
    assert NEW_PASSWORD not in str(entry.content())

    response = client.post(
        reverse("accounts:login"), {"username": "iryna", "password": NEW_PASSWORD}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)

    # Used once: the same link no longer works.
    client.logout()
    response = client.get(path, follow=True)
    assert "This link does not work any more" in response.content.decode()


def test_the_password_must_pass_the_validators(client, people, ukr):
    _invite(people, ukr)
    response = client.get(_path(_link(mail.outbox[0])), follow=True)
    form_url = response.redirect_chain[-1][0]
    response = client.post(form_url, {"new_password1": "123", "new_password2": "123"})
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    assert not User.objects.get(username="iryna").has_usable_password()


def test_a_forged_or_switched_off_link_does_not_work(client, people, ukr):
    user = _invite(people, ukr)
    path = _path(_link(mail.outbox[0]))
    forged = path.rsplit("/", 2)[0] + "/abc-0123456789abcdef/"
    assert "This link does not work any more" in client.get(forged).content.decode()
    services.deactivate_user(user=user, actor=people["admin_own"])
    response = client.get(path, follow=True)
    assert "This link does not work any more" in response.content.decode()


def test_without_a_password_the_invited_person_cannot_sign_in(client, people, ukr):
    _invite(people, ukr)
    response = client.post(reverse("accounts:login"), {"username": "iryna", "password": ""})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    ("field", "value"),
    [("username", "IRYNA"), ("username", "iryna"), ("email", "Iryna@Example.ORG")],
)
def test_user_name_and_email_are_unique_whatever_the_case(people, ukr, field, value):
    _invite(people, ukr)
    mail.outbox.clear()
    other = {"username": "someone", "email": "someone@example.org", field: value}
    with pytest.raises(ValidationError) as caught:
        _invite(people, ukr, **other)
    assert list(caught.value.message_dict) == [field]
    assert User.objects.count() == len(people) + 1
    assert mail.outbox == []


def test_a_bad_user_name_or_email_is_refused_with_field_errors(people, ukr):
    with pytest.raises(ValidationError) as caught:
        _invite(people, ukr, username="has space", email="not-an-address")
    assert set(caught.value.message_dict) == {"username", "email"}


def test_an_unknown_role_is_refused(people, ukr):
    with pytest.raises(ValidationError) as caught:
        _invite(people, ukr, role="emperor")
    assert "role" in caught.value.message_dict


def test_an_admin_cannot_invite_to_another_authority_and_a_viewer_not_at_all(people, ukr, deu):
    with pytest.raises(PermissionDenied):
        _invite(people, deu)
    with pytest.raises(PermissionDenied):
        _invite(people, ukr, actor=people["viewer_own"])
    assert not User.objects.filter(username="iryna").exists()


def test_if_the_mail_cannot_be_sent_nobody_is_created(people, ukr, settings):
    settings.EMAIL_BACKEND = "tests.accounts.failing_mail.Backend"
    with pytest.raises(OSError):
        _invite(people, ukr)
    assert not User.objects.filter(username="iryna").exists()
    assert not AuditEntry.objects.filter(action=Action.CREATE, object_repr="iryna").exists()


def test_invitation_is_audited_without_any_secret(people, ukr):
    user = _invite(people, ukr)
    entry = AuditEntry.objects.get(action=Action.CREATE, object_id=str(user.pk))
    assert entry.actor == people["admin_own"]
    assert entry.country_id == "UKR"
    assert entry.after["username"] == "iryna"
    assert entry.after["role"] == Role.OFFICER
    assert entry.after["has_password"] is False
    assert "password" not in entry.after
    assert user.password not in str(entry.content())


def test_resending_an_invitation_sends_a_new_working_link(client, people, ukr):
    user = _invite(people, ukr)
    services.resend_invitation(user=user, actor=people["admin_own"], site_url=SITE)
    assert len(mail.outbox) == 2
    response = client.get(_path(_link(mail.outbox[1])), follow=True)
    assert "Choose your password" in response.content.decode()
    assert AuditEntry.objects.filter(note="Invitation sent again").count() == 1


def test_no_new_invitation_once_a_password_is_chosen(people):
    with pytest.raises(ValidationError):
        services.resend_invitation(user=people["member"], actor=people["admin_own"])
    assert mail.outbox == []


def test_site_admin_invitation_mentions_two_factor(people):
    user = services.invite_site_admin(
        username="root2", email="root2@example.org", actor=people["site_admin"], site_url=SITE
    )
    assert user.is_superuser and user.is_staff and user.authority is None
    assert "authenticator app" in mail.outbox[0].body
    with pytest.raises(PermissionDenied):
        services.invite_site_admin(
            username="root3", email="root3@example.org", actor=people["admin_own"]
        )
