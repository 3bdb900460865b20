"""`manage.py user ...`: the operator's way to invite, list and switch off people."""

import re
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse

from comity.accounts.models import Role, User
from comity.audit.models import Action, AuditEntry

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command("user", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_create_sends_the_invitation_and_prints_a_working_link(client, ukr):
    out = run(
        "create",
        "mykola",
        "--email",
        "mykola@example.org",
        "--authority",
        str(ukr.pk),
        "--role",
        Role.SUPERVISOR,
        "--first-name",
        "Mykola",
        "--last-name",
        "Lysenko",
        "--site-url",
        "https://comity.example.org",
    )
    user = User.objects.get(username="mykola")
    assert (user.authority, user.role, user.get_full_name()) == (
        ukr,
        "supervisor",
        "Mykola Lysenko",
    )
    assert not user.has_usable_password()
    assert len(mail.outbox) == 1
    assert "An administrator of comity" in mail.outbox[0].body
    link = re.search(r"https://comity\.example\.org(/accounts/set-password/\S+/)", out)
    assert link, out
    response = client.get(link.group(1), follow=True)
    assert "Choose your password" in response.content.decode()
    entry = AuditEntry.objects.get(action=Action.CREATE, object_id=str(user.pk))
    assert entry.actor is None and entry.actor_name == "system"


def test_create_reports_bad_input_clearly(people, ukr):
    with pytest.raises(CommandError, match="not an authority id"):
        run("create", "x", "--email", "x@example.org", "--authority", "nope", "--role", "viewer")
    with pytest.raises(CommandError, match="No authority has the id"):
        run(
            "create", "x", "--email", "x@example.org", "--authority",
            "3f2b6c1e-8a4d-4c59-9d3e-0b7a1c2d4e5f", "--role", "viewer",
        )  # fmt: skip
    with pytest.raises(CommandError, match=r"username: .*taken"):
        run(
            "create", people["member"].username.upper(), "--email", "x@example.org",
            "--authority", str(ukr.pk), "--role", "viewer",
        )  # fmt: skip
    assert mail.outbox == []


def test_create_site_admin_makes_a_superuser_who_must_set_up_two_factor(settings):
    settings.COMITY_SITE_URL = "https://ops.example.org"
    out = run("create-site-admin", "root", "--email", "root@example.org")
    user = User.objects.get(username="root")
    assert user.is_superuser and user.is_staff and user.is_active and user.authority is None
    assert user.needs_two_factor()
    assert "two-factor" in out
    assert "authenticator app" in mail.outbox[0].body
    assert "https://ops.example.org/accounts/set-password/" in out
    assert "https://ops.example.org/accounts/set-password/" in mail.outbox[0].body


def test_list_shows_everyone_or_one_authority(people, ukr):
    out = run("list")
    assert all(person.username in out for person in people.values())
    assert "site admin" in out
    out = run("list", "--authority", str(ukr.pk))
    assert people["member"].username in out
    assert people["admin_other"].username not in out


def test_deactivate_and_reactivate(people):
    member = people["member"]
    assert "switched off" in run("deactivate", member.username.upper())
    member.refresh_from_db()
    assert not member.is_active
    assert "already switched off" in run("deactivate", member.username)
    assert "switched off" in run("list")
    assert "switched on again" in run("reactivate", member.username)
    member.refresh_from_db()
    assert member.is_active
    assert AuditEntry.objects.for_object(member).filter(action=Action.UPDATE).count() == 2


def test_deactivate_refuses_the_last_admin_and_unknown_names(people):
    with pytest.raises(CommandError, match="only active administrator"):
        run("deactivate", people["admin_own"].username)
    with pytest.raises(CommandError, match="No user named"):
        run("deactivate", "nobody")


def test_set_password_link_is_a_named_url():
    assert reverse("accounts:set_password", args=["MQ", "abc-123"]) == (
        "/accounts/set-password/MQ/abc-123/"
    )
