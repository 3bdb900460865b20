"""Runs the rows of tests/liaison/matrix.py for each person, each in a savepoint rolled back."""

import pytest
from django.conf import settings
from django.db import transaction
from django.test import override_settings

from comity.audit.models import AuditEntry
from comity.geo.services import load_countries
from comity.liaison.models import FormalRequest, IdentityView, Message, NamedUser, Read
from tests import permission
from tests.liaison.matrix import API, PAGES, build_world


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    files = tmp_path_factory.mktemp("liaison-files")
    liaison = settings.STORAGES["liaison"]
    storages = {
        **settings.STORAGES,
        "liaison": {**liaison, "OPTIONS": {**liaison["OPTIONS"], "location": str(files)}},
    }
    with (
        django_db_blocker.unblock(),
        transaction.atomic(),
        override_settings(STORAGES=storages),
    ):
        load_countries()
        yield build_world()
        transaction.set_rollback(True)


def _untouched():
    """What a refused request must not change: the audit trail and the channel's own rows."""
    return tuple(
        model.objects.count()
        for model in (AuditEntry, Message, NamedUser, IdentityView, Read, FormalRequest)
    )


@pytest.mark.parametrize(("name", "index"), permission.param_ids(PAGES))
def test_page(world, db, name, index):
    permission.check(PAGES, name, index, world, world.people, _untouched)


@pytest.mark.parametrize(("name", "index"), permission.param_ids(API))
def test_api_operation(world, db, name, index):
    permission.check(API, name, index, world, world.people, _untouched)
