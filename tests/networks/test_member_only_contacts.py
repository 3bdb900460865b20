"""A directory entry's contact person kept for one network's members: hidden from everyone else
on the entry's page and in the API, shown to the members, the secretariat and the contact's own
State."""

import pytest

from comity.directory import services as directory_services
from tests import factories
from tests.networks.helpers import wacap  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def contacts(wacap):  # noqa: F811
    directory_services.save_contact(
        authority=wacap["nga"],
        actor=None,
        data={"name": "Open Desk", "email": "desk@example.org"},
    )
    directory_services.save_contact(
        authority=wacap["nga"],
        actor=None,
        data={
            "name": "Chidi Network-Only",
            "email": "chidi@example.org",
            "network": wacap["network"],
        },
    )
    return wacap


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("ghana_officer", True),
        ("secretary", True),
        ("nigeria_viewer", True),
        ("outsider", False),
    ],
)
def test_who_sees_the_network_only_contact(contacts, client, who, sees):
    if who == "nigeria_viewer":
        user = factories.UserFactory(authority=contacts["nga"], role="viewer")
    else:
        user = contacts[who]
    client.force_login(user)
    page = client.get(f"/directory/{contacts['nga'].pk}/").content
    api = client.get(f"/api/v1/authorities/{contacts['nga'].pk}").json()
    names = [c["name"] for c in api["contacts"]]
    assert b"Open Desk" in page and "Open Desk" in names
    assert (b"Chidi Network-Only" in page) is sees
    assert ("Chidi Network-Only" in names) is sees
    assert (b"chidi@example.org" in page) is sees


def test_a_state_that_leaves_the_network_stops_seeing(contacts, client):
    from comity.directory.models import NetworkMember

    NetworkMember.objects.filter(country_id="GHA").update(end="2025-01-01")
    client.force_login(contacts["ghana_officer"])
    assert b"Chidi Network-Only" not in client.get(f"/directory/{contacts['nga'].pk}/").content
