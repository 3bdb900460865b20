"""A WACAP-like network with two member States and a secretariat, for the networks tests."""

import datetime

import pytest
from django.utils import timezone

from comity.accounts.models import Role
from comity.directory import services as directory_services
from comity.networks import services
from comity.networks.models import Secretary
from tests import factories


@pytest.fixture
def wacap(db):
    gha = factories.AuthorityFactory(country=factories.country("GHA"), name="Ghana CA")
    nga = factories.AuthorityFactory(country=factories.country("NGA"), name="Nigeria CA")
    network = directory_services.save_network(
        code="wacap", data={"name": "WACAP", "source": "https://example.org"}, actor=None
    )
    for country, authority in (("GHA", gha), ("NGA", nga)):
        directory_services.add_network_member(
            network=network,
            country_id=country,
            role="focal_point",
            source="letter",
            actor=None,
            authority=authority,
            person_name=f"Focal point {country}",
            email=f"focal.{country.lower()}@example.org",
            start=datetime.date(2024, 1, 1),
        )
    secretary = factories.UserFactory(authority=None, role=Role.OFFICER, email="sec@example.org")
    Secretary.objects.create(network=network, user=secretary)
    return {
        "network": network,
        "gha": gha,
        "nga": nga,
        "secretary": secretary,
        "ghana_admin": factories.UserFactory(authority=gha, role=Role.AUTHORITY_ADMIN),
        "ghana_officer": factories.UserFactory(authority=gha, role=Role.OFFICER),
        "outsider": factories.UserFactory(
            authority=factories.AuthorityFactory(country=factories.country("DEU")),
            role=Role.OFFICER,
        ),
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
