"""Role changes and switching accounts off and on, through the services every caller uses."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from comity.accounts import services
from comity.accounts.models import Role, User
from comity.accounts.signals import UserDeletionRefused
from comity.audit.models import Action, AuditEntry
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _entries(user):
    return AuditEntry.objects.for_object(user).filter(action=Action.UPDATE).order_by("id")


def test_every_change_is_audited_with_before_and_after(people):
    member, admin = people["member"], people["admin_own"]
    services.change_role(user=member, role=Role.SUPERVISOR, actor=admin)
    services.deactivate_user(user=member, actor=admin)
    services.reactivate_user(user=member, actor=admin)
    entries = list(_entries(member))
    assert [(e.before["role"], e.after["role"]) for e in entries] == [
        ("officer", "supervisor"),
        ("supervisor", "supervisor"),
        ("supervisor", "supervisor"),
    ]
    assert [(e.before["is_active"], e.after["is_active"]) for e in entries] == [
        (True, True),
        (True, False),
        (False, True),
    ]
    for entry in entries:
        assert entry.actor == admin
        assert entry.country_id == "UKR"  # so the authority's admins see it in the audit log
        assert "password" not in entry.before and "password" not in entry.after


def test_no_change_no_entry(people):
    member, admin = people["member"], people["admin_own"]
    services.change_role(user=member, role=Role.OFFICER, actor=admin)
    services.reactivate_user(user=member, actor=admin)
    assert not _entries(member).exists()


def test_admins_manage_their_own_authority_only(people):
    member = people["member"]
    for who in ("admin_other", "viewer_own", "officer_own"):
        with pytest.raises(PermissionDenied):
            services.change_role(user=member, role=Role.VIEWER, actor=people[who])
        with pytest.raises(PermissionDenied):
            services.deactivate_user(user=member, actor=people[who])
    member.refresh_from_db()
    assert member.is_active and member.role == Role.OFFICER
    services.deactivate_user(user=member, actor=people["site_admin"])
    services.reactivate_user(user=member, actor=None)  # the system, e.g. a command
    assert _entries(member).count() == 2


def test_an_authority_admin_cannot_touch_a_site_admin(people, ukr):
    root = UserFactory(authority=ukr, is_superuser=True)
    with pytest.raises(PermissionDenied):
        services.deactivate_user(user=root, actor=people["admin_own"])


def test_nobody_demotes_or_switches_off_themselves(people):
    admin = people["admin_own"]
    UserFactory(authority=admin.authority, role=Role.AUTHORITY_ADMIN)
    with pytest.raises(ValidationError, match="your own role"):
        services.change_role(user=admin, role=Role.VIEWER, actor=admin)
    with pytest.raises(ValidationError, match="your own account"):
        services.deactivate_user(user=admin, actor=admin)
    site_admin = people["site_admin"]
    with pytest.raises(ValidationError, match="your own account"):
        services.deactivate_user(user=site_admin, actor=site_admin)


def test_the_last_active_admin_cannot_be_demoted_or_switched_off(people):
    admin = people["admin_own"]
    for action in (
        lambda: services.change_role(user=admin, role=Role.OFFICER, actor=None),
        lambda: services.deactivate_user(user=admin, actor=people["site_admin"]),
    ):
        with pytest.raises(ValidationError, match="only active administrator"):
            action()
    # A switched-off admin does not count as someone left.
    other = UserFactory(authority=admin.authority, role=Role.AUTHORITY_ADMIN, is_active=False)
    with pytest.raises(ValidationError):
        services.deactivate_user(user=admin, actor=None)
    other = services.reactivate_user(user=other, actor=None)
    services.deactivate_user(user=admin, actor=other)
    admin.refresh_from_db()
    assert not admin.is_active
    # Other authorities are unaffected: DEU's only admin is still theirs alone.
    with pytest.raises(ValidationError):
        services.deactivate_user(user=people["admin_other"], actor=None)


def test_a_role_must_be_known(people):
    with pytest.raises(ValidationError):
        services.change_role(user=people["member"], role="emperor", actor=None)


def test_users_are_never_deleted():
    user = UserFactory()
    # Each attempt in its own savepoint: Django deletes inside an atomic block of its own.
    with pytest.raises(UserDeletionRefused), transaction.atomic():
        user.delete()
    with pytest.raises(UserDeletionRefused), transaction.atomic():
        User.objects.filter(pk=user.pk).delete()
    assert User.objects.filter(pk=user.pk).exists()


def test_the_database_refuses_case_insensitive_duplicates(people):
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(username=people["member"].username.upper(), email="x@example.org")


def test_empty_emails_may_repeat():
    UserFactory(email="")
    UserFactory(email="")
    assert User.objects.filter(email="").count() == 2


def test_an_invited_person_needs_an_authority(people):
    with pytest.raises(ValidationError) as caught:
        services.invite_user(
            authority=None,
            username="x",
            email="x@example.org",
            role=Role.VIEWER,
            actor=people["site_admin"],
        )
    assert "authority" in caught.value.message_dict
