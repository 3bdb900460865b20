"""What networks a user belongs to is read once per user object (a request), and read again as
soon as a membership or the secretariat changes."""

import datetime

import pytest

from comity.core import access
from comity.networks import services
from tests.networks.helpers import wacap  # noqa: F401

pytestmark = pytest.mark.django_db


def test_read_once_then_again_after_a_change(wacap, django_assert_num_queries):  # noqa: F811
    officer = wacap["ghana_officer"]
    with django_assert_num_queries(2):
        first = access.network_ids(officer)
    with django_assert_num_queries(0):
        assert access.network_ids(officer) == first
    assert wacap["network"].pk in first[0]
    services.rotate_focal_point(
        network=wacap["network"],
        country_id="GHA",
        role="focal_point",
        start=datetime.date(2026, 6, 1),
        actor=wacap["secretary"],
        person_name="Abena Mensah",
    )
    with django_assert_num_queries(2):
        access.network_ids(officer)
    services.appoint_secretary(network=wacap["network"], user=officer, actor=None)
    assert wacap["network"].pk in access.network_ids(officer)[1]


def test_a_page_reads_them_once(wacap, client, django_assert_max_num_queries):  # noqa: F811
    client.force_login(wacap["ghana_officer"])
    client.get("/networks/wacap/")
    # Session, user, the two membership reads, the network, its members, its secretariat, its
    # meetings and the two document reads: pinned so that a check added to the page reads
    # through the remembered memberships.
    with django_assert_max_num_queries(10):
        assert client.get("/networks/wacap/").status_code == 200
