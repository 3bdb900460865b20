"""The signed-in user's written-out read gives what the ORM gives."""

import pytest
from django.db import connection
from django.forms.models import model_to_dict
from django.test.utils import CaptureQueriesContext

from comity.accounts.backends import UserWithAuthority, user_with_authority
from comity.accounts.models import Role, User
from tests import factories

pytestmark = pytest.mark.django_db


def _fields(instance) -> dict:
    return {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}


def test_the_user_and_their_authority_equal_the_orm_read_in_one_query(ukr):
    made = factories.UserFactory(authority=ukr, role=Role.OFFICER)
    with CaptureQueriesContext(connection) as queries:
        user = user_with_authority(made.pk)
        read_authority = user.authority
    assert len(queries) == 1
    expected = User.objects.select_related("authority").get(pk=made.pk)
    assert _fields(user) == _fields(expected)
    deferred = {"search_text", "listing"}
    assert {k: v for k, v in _fields(read_authority).items() if k not in deferred} == {
        k: v for k, v in _fields(expected.authority).items() if k not in deferred
    }
    # Types, not only values: dates, UUIDs and JSON come back as the ORM gives them.
    for name, value in _fields(expected.authority).items():
        if name not in deferred:
            assert type(getattr(read_authority, name)) is type(value), name
    assert user._state.adding is False and user._state.db == "default"
    assert model_to_dict(user) == model_to_dict(expected)


def test_a_deferred_authority_field_is_still_read_when_asked_for(ukr):
    made = factories.UserFactory(authority=ukr)
    user = user_with_authority(made.pk)
    assert user.authority.search_text == type(ukr).objects.get(pk=ukr.pk).search_text


def test_a_user_without_an_authority_has_none(db):
    made = factories.UserFactory(authority=None, is_superuser=True, is_staff=True)
    with CaptureQueriesContext(connection) as queries:
        user = user_with_authority(made.pk)
        assert user.authority is None
    assert len(queries) == 1
    assert user.is_superuser and user.username == made.username


def test_an_unknown_or_inactive_user_is_nobody(ukr):
    assert user_with_authority(987654) is None
    made = factories.UserFactory(authority=ukr)
    User.objects.filter(pk=made.pk).update(is_active=False)
    assert UserWithAuthority().get_user(made.pk) is None
    User.objects.filter(pk=made.pk).update(is_active=True)
    assert UserWithAuthority().get_user(made.pk).pk == made.pk


def test_a_read_user_saves_like_any_other(ukr):
    user = user_with_authority(factories.UserFactory(authority=ukr).pk)
    user.first_name = "Changed"
    user.save(update_fields=["first_name"])
    assert User.objects.get(pk=user.pk).first_name == "Changed"
