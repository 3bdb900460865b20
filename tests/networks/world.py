"""WACAP as the tests of networks, assessments, assistance projects and their permission matrix
meet it: Ghana and Nigeria members with a focal point each (with an e-mail, since 2024-01-01),
Germany outside, a secretariat of one person without an authority, and a site admin.

The people are named as in the permission matrix of networks (tests/networks/matrix.py).
"""

import datetime
from dataclasses import dataclass

from comity.accounts.models import Role
from comity.directory import services as directory_services
from comity.networks.models import Secretary
from tests import factories


@dataclass
class Wacap:
    network: object
    authorities: dict  # GHA, NGA, DEU
    people: dict  # outsider, member, member_admin, viewer, other_member, secretary, site


def build_wacap() -> Wacap:
    gha = factories.AuthorityFactory(country=factories.country("GHA"), name="Ghana CA")
    nga = factories.AuthorityFactory(country=factories.country("NGA"), name="Nigeria CA")
    deu = factories.AuthorityFactory(country=factories.country("DEU"), name="BfJ")
    people = {
        "outsider": factories.UserFactory(authority=deu, role=Role.OFFICER),
        "member": factories.UserFactory(authority=gha, role=Role.OFFICER),
        "member_admin": factories.UserFactory(authority=gha, role=Role.AUTHORITY_ADMIN),
        "viewer": factories.UserFactory(authority=gha, role=Role.VIEWER),
        "other_member": factories.UserFactory(authority=nga, role=Role.OFFICER),
        "secretary": factories.UserFactory(
            authority=None, role=Role.OFFICER, email="sec@example.org"
        ),
        "site": factories.UserFactory(authority=None, is_superuser=True, is_staff=True),
    }
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
    Secretary.objects.create(network=network, user=people["secretary"])
    return Wacap(network=network, authorities={"GHA": gha, "NGA": nga, "DEU": deu}, people=people)
