"""The user-management pages: who may see what, and what an administrator can do there."""

import pytest
from django.core import mail
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from comity.accounts.models import Role, User
from comity.audit.models import Action, AuditEntry
from tests.accounts.helpers import assert_permission_matrix, login_as
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

OUT_OF_SCOPE = {
    "anonymous": "login",
    "viewer_own": 404,
    "officer_own": 404,
}


def test_list_and_invite_pages_permission_matrix(client_factory, people):
    expected = {**OUT_OF_SCOPE, "admin_other": 200, "admin_own": 200, "site_admin": 200}
    for url in (reverse("accounts:user_list"), reverse("accounts:user_invite")):
        assert_permission_matrix(client_factory, people, "get", url, expected)


def test_detail_page_permission_matrix(client_factory, people):
    url = reverse("accounts:user_detail", args=[people["member"].pk])
    expected = {**OUT_OF_SCOPE, "admin_other": 404, "admin_own": 200, "site_admin": 200}
    assert_permission_matrix(client_factory, people, "get", url, expected)


@pytest.mark.parametrize(
    "name", ["user_role", "user_deactivate", "user_reactivate", "user_resend_invitation"]
)
def test_actions_permission_matrix(client_factory, people, name):
    url = reverse(f"accounts:{name}", args=[people["member"].pk])
    # GET is never an action.
    assert_permission_matrix(client_factory, people, "get", url, {"admin_own": 405})
    expected = {**OUT_OF_SCOPE, "admin_other": 404}
    assert_permission_matrix(client_factory, people, "post", url, expected)
    people["member"].refresh_from_db()
    assert people["member"].is_active and people["member"].role == Role.OFFICER


def test_authority_admin_cannot_see_a_site_admin_even_of_their_authority(client, people, ukr):
    root = UserFactory(authority=ukr, is_superuser=True, role=Role.AUTHORITY_ADMIN)
    login_as(client, people, "admin_own")
    assert client.get(reverse("accounts:user_detail", args=[root.pk])).status_code == 404
    assert root.username not in client.get(reverse("accounts:user_list")).content.decode()


def test_list_shows_own_authority_only_with_role_status_two_factor_and_last_sign_in(client, people):
    member = people["member"]
    TOTPDevice.objects.create(user=member, name="phone", confirmed=True)
    login_as(client, people, "admin_own")
    html = client.get(reverse("accounts:user_list")).content.decode()
    assert "Taras Melnyk" in html
    assert people["viewer_own"].username in html
    assert people["admin_other"].username not in html
    assert people["site_admin"].username not in html
    assert "Officer" in html and "Viewer" in html
    assert "badge-ok" in html  # Taras has two-factor set up
    assert "Not set up" in html
    assert "Never" in html  # nobody here has signed in through the sign-in page
    assert "style=" not in html and "<script>" not in html
    assert 'name="authority"' not in html  # only site admins filter by authority


def test_site_admin_lists_everyone_and_filters_by_authority_state_and_role(client, people):
    login_as(client, people, "site_admin")
    url = reverse("accounts:user_list")
    html = client.get(url).content.decode()
    assert people["admin_other"].username in html and people["member"].username in html

    html = client.get(url, {"authority": "bundesamt"}).content.decode()
    assert people["admin_other"].username in html
    assert people["member"].username not in html

    html = client.get(url, {"authority": "UKR", "role": Role.VIEWER}).content.decode()
    assert people["viewer_own"].username in html
    assert people["member"].username not in html
    assert people["admin_other"].username not in html

    html = client.get(url, {"q": "melnyk"}).content.decode()
    assert people["member"].username in html and people["viewer_own"].username not in html

    # A nonsense role is ignored, not an error.
    assert client.get(url, {"role": "emperor"}).status_code == 200


def test_list_filters_by_status(client, people):
    people["viewer_own"].is_active = False
    people["viewer_own"].save()
    login_as(client, people, "admin_own")
    url = reverse("accounts:user_list")
    html = client.get(url, {"status": "inactive"}).content.decode()
    assert people["viewer_own"].username in html and people["member"].username not in html
    html = client.get(url, {"status": "active"}).content.decode()
    assert people["viewer_own"].username not in html and people["member"].username in html


def test_nav_shows_users_link_to_admins_only(client, people):
    link = f'href="{reverse("accounts:user_list")}"'
    login_as(client, people, "officer_own")
    assert link not in client.get(reverse("accounts:profile")).content.decode()
    client.logout()
    login_as(client, people, "admin_own")
    assert link in client.get(reverse("accounts:profile")).content.decode()


def test_authority_admin_invites_to_their_own_authority_through_the_page(client, people, ukr):
    login_as(client, people, "admin_own")
    response = client.post(
        reverse("accounts:user_invite"),
        {
            "username": "petro",
            "email": "petro@example.org",
            "first_name": "Petro",
            "last_name": "Shevchenko",
            "role": Role.SUPERVISOR,
            # Ignored: an authority admin cannot pick another authority.
            "authority": str(people["admin_other"].authority_id),
        },
    )
    user = User.objects.get(username="petro")
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:user_detail", args=[user.pk])
    assert (user.authority, user.role) == (ukr, Role.SUPERVISOR)
    assert len(mail.outbox) == 1
    assert "http://testserver/accounts/set-password/" in mail.outbox[0].body
    assert "is invited" in client.get(response["Location"]).content.decode()


def test_invite_page_shows_field_errors_for_taken_name_and_address(client, people):
    login_as(client, people, "admin_own")
    response = client.post(
        reverse("accounts:user_invite"),
        {
            "username": people["member"].username.upper(),
            "email": people["viewer_own"].email.upper(),
            "role": Role.VIEWER,
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "is taken" in form.errors["username"][0]
    assert "already has an account" in form.errors["email"][0]
    assert mail.outbox == []


def test_invite_page_reports_a_mail_failure_and_creates_nobody(client, people, settings):
    settings.EMAIL_BACKEND = "tests.accounts.failing_mail.Backend"
    login_as(client, people, "admin_own")
    response = client.post(
        reverse("accounts:user_invite"),
        {"username": "petro", "email": "petro@example.org", "role": Role.VIEWER},
    )
    assert response.status_code == 200
    assert "could not be sent" in response.content.decode()
    assert not User.objects.filter(username="petro").exists()


def test_site_admin_chooses_the_authority_but_cannot_create_a_site_admin(client, people, deu):
    login_as(client, people, "site_admin")
    html = client.get(reverse("accounts:user_invite")).content.decode()
    assert "Bundesamt für Justiz (Germany)" in html
    assert "is_superuser" not in html
    response = client.post(
        reverse("accounts:user_invite"),
        {
            "authority": str(deu.pk),
            "username": "hans",
            "email": "hans@example.org",
            "role": Role.AUTHORITY_ADMIN,
            "is_superuser": "on",
        },
    )
    assert response.status_code == 302
    hans = User.objects.get(username="hans")
    assert hans.authority == deu and hans.role == Role.AUTHORITY_ADMIN
    assert not hans.is_superuser and not hans.is_staff


def test_site_admin_must_choose_an_authority(client, people):
    login_as(client, people, "site_admin")
    response = client.post(
        reverse("accounts:user_invite"),
        {"username": "hans", "email": "hans@example.org", "role": Role.VIEWER},
    )
    assert response.status_code == 200
    assert "authority" in response.context["form"].errors
    assert not User.objects.filter(username="hans").exists()


def test_detail_shows_the_person_and_their_history(client, people):
    login_as(client, people, "admin_own")
    member = people["member"]
    client.post(reverse("accounts:user_role", args=[member.pk]), {"role": Role.SUPERVISOR})
    html = client.get(reverse("accounts:user_detail", args=[member.pk])).content.decode()
    assert "Taras Melnyk" in html and member.email in html
    assert "Supervisor" in html
    assert "History" in html and "Olena Koval" in html
    assert reverse("accounts:user_deactivate", args=[member.pk]) in html


def test_admin_changes_a_role_and_it_is_audited(client, people):
    login_as(client, people, "admin_own")
    member = people["member"]
    response = client.post(
        reverse("accounts:user_role", args=[member.pk]), {"role": Role.AUTHORITY_ADMIN}
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.role == Role.AUTHORITY_ADMIN
    entry = AuditEntry.objects.filter(object_id=str(member.pk), action=Action.UPDATE).get()
    assert entry.actor == people["admin_own"]
    assert (entry.before["role"], entry.after["role"]) == (Role.OFFICER, Role.AUTHORITY_ADMIN)


def test_an_unknown_role_is_an_error_message(client, people):
    login_as(client, people, "admin_own")
    member = people["member"]
    response = client.post(
        reverse("accounts:user_role", args=[member.pk]), {"role": "emperor"}, follow=True
    )
    assert "Choose one of the roles" in response.content.decode()
    member.refresh_from_db()
    assert member.role == Role.OFFICER


def test_admin_cannot_demote_or_switch_off_themselves(client, people):
    admin = people["admin_own"]
    UserFactory(authority=admin.authority, role=Role.AUTHORITY_ADMIN)  # not the last admin
    login_as(client, people, "admin_own")
    html = client.get(reverse("accounts:user_detail", args=[admin.pk])).content.decode()
    assert "This is your own account" in html
    assert reverse("accounts:user_deactivate", args=[admin.pk]) not in html

    response = client.post(
        reverse("accounts:user_role", args=[admin.pk]), {"role": Role.VIEWER}, follow=True
    )
    assert "You cannot change your own role" in response.content.decode()
    response = client.post(reverse("accounts:user_deactivate", args=[admin.pk]), follow=True)
    assert "You cannot switch off your own account" in response.content.decode()
    admin.refresh_from_db()
    assert admin.is_active and admin.role == Role.AUTHORITY_ADMIN


def test_the_last_admin_of_an_authority_stays_one(client, people):
    admin = people["admin_own"]
    login_as(client, people, "site_admin")
    response = client.post(
        reverse("accounts:user_role", args=[admin.pk]), {"role": Role.OFFICER}, follow=True
    )
    assert "only active administrator" in response.content.decode()
    response = client.post(reverse("accounts:user_deactivate", args=[admin.pk]), follow=True)
    assert "only active administrator" in response.content.decode()
    admin.refresh_from_db()
    assert admin.is_active and admin.role == Role.AUTHORITY_ADMIN

    # With a second administrator, the first one can step down.
    client.post(
        reverse("accounts:user_role", args=[people["member"].pk]), {"role": Role.AUTHORITY_ADMIN}
    )
    client.post(reverse("accounts:user_role", args=[admin.pk]), {"role": Role.OFFICER})
    admin.refresh_from_db()
    assert admin.role == Role.OFFICER


def test_a_switched_off_user_cannot_sign_in_and_their_session_ends(client, client_factory, people):
    member = people["member"]
    member_client = client_factory()
    member_client.force_login(member)
    assert member_client.get(reverse("accounts:profile")).status_code == 200

    login_as(client, people, "admin_own")
    response = client.post(reverse("accounts:user_deactivate", args=[member.pk]), follow=True)
    assert "is switched off" in response.content.decode()
    member.refresh_from_db()
    assert not member.is_active

    profile = member_client.get(reverse("accounts:profile"))
    assert profile.status_code == 302 and profile["Location"].startswith(reverse("accounts:login"))
    fresh = client_factory()
    response = fresh.post(
        reverse("accounts:login"), {"username": member.username, "password": PASSWORD}
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in fresh.session

    entry = AuditEntry.objects.filter(note="Account switched off").get()
    assert (entry.before["is_active"], entry.after["is_active"]) == (True, False)

    client.post(reverse("accounts:user_reactivate", args=[member.pk]))
    response = fresh.post(
        reverse("accounts:login"), {"username": member.username, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert AuditEntry.objects.filter(note="Account switched on").count() == 1


def test_resend_invitation_from_the_detail_page(client, people, ukr):
    login_as(client, people, "admin_own")
    client.post(
        reverse("accounts:user_invite"),
        {"username": "petro", "email": "petro@example.org", "role": Role.VIEWER},
    )
    petro = User.objects.get(username="petro")
    html = client.get(reverse("accounts:user_detail", args=[petro.pk])).content.decode()
    assert "Invited, no password yet" in html
    response = client.post(reverse("accounts:user_resend_invitation", args=[petro.pk]), follow=True)
    assert "A new invitation went to petro@example.org" in response.content.decode()
    assert len(mail.outbox) == 2
    # Not for someone who already has a password.
    member = people["member"]
    response = client.post(
        reverse("accounts:user_resend_invitation", args=[member.pk]), follow=True
    )
    assert "already chosen a password" in response.content.decode()
    assert len(mail.outbox) == 2


def test_site_admin_must_pass_two_factor_first(client, people):
    client.force_login(people["site_admin"])
    response = client.get(reverse("accounts:user_list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:two_factor"))


def test_list_page_queries_do_not_grow_with_the_number_of_users(
    client, people, ukr, django_assert_max_num_queries
):
    login_as(client, people, "site_admin")
    url = reverse("accounts:user_list")
    with django_assert_max_num_queries(12) as few:
        client.get(url)
    for _ in range(15):
        TOTPDevice.objects.create(user=UserFactory(authority=ukr), name="p", confirmed=True)
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get(url).content.decode()
    assert html.count("badge-ok") >= 15
