"""The networks tests' WACAP (tests/networks/world.py) by the names they use, and a plenary."""

import datetime

import pytest
from django.utils import timezone

from comity.networks import services
from tests.networks.world import build_wacap


@pytest.fixture
def wacap(db):
    world = build_wacap()
    return {
        "network": world.network,
        "gha": world.authorities["GHA"],
        "nga": world.authorities["NGA"],
        "secretary": world.people["secretary"],
        "ghana_admin": world.people["member_admin"],
        "ghana_officer": world.people["member"],
        "outsider": world.people["outsider"],
    }


def plenary(world, *, days=30, **extra):
    start = timezone.now() + datetime.timedelta(days=days)
    data = {
        "kind": "plenary",
        "title": "WACAP plenary",
        "start": start,
        "end": start + datetime.timedelta(hours=8),
        "place": "Accra",
        **extra,
    }
    return services.create_event(network=world["network"], data=data, actor=world["secretary"])
