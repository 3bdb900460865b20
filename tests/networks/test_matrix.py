"""Runs the rows of tests/networks/matrix.py for each person, each in a savepoint rolled back."""

import pytest
from django.db import transaction

from comity.audit.models import AuditEntry
from comity.geo.services import load_countries
from tests import permission
from tests.networks.matrix import World, all_rows, area_setups
from tests.networks.world import build_wacap

PAGES, API = all_rows()


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        load_countries()
        wacap = build_wacap()
        world = World(people=wacap.people, network=wacap.network)
        world.values.update(authorities=wacap.authorities)
        for setup in area_setups():
            world.values.update(setup(world))
        yield world
        transaction.set_rollback(True)


@pytest.mark.parametrize(("name", "index"), permission.param_ids(PAGES))
def test_page(world, db, name, index):
    permission.check(PAGES, name, index, world, world.people, AuditEntry.objects.count)


@pytest.mark.parametrize(("name", "index"), permission.param_ids(API))
def test_api_operation(world, db, name, index):
    permission.check(API, name, index, world, world.people, AuditEntry.objects.count)
