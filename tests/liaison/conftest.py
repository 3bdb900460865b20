"""The informal channel's test people: Ghana's and Nigeria's FIUs and Nigeria's police, each with
an officer who supervises their contact point's channel."""

import pytest

from comity.accounts.models import Role
from tests import factories


@pytest.fixture
def fius(db):
    ghana_fiu = factories.AuthorityFactory(
        country=factories.country("GHA"), name="Financial Intelligence Centre", kind="fiu"
    )
    nigeria_fiu = factories.AuthorityFactory(
        country=factories.country("NGA"), name="Nigerian FIU", kind="fiu"
    )
    nigeria_police = factories.AuthorityFactory(
        country=factories.country("NGA"), name="Nigeria Police Interpol NCB", kind="police"
    )
    return {
        "gha": factories.UserFactory(
            authority=ghana_fiu, role=Role.OFFICER, liaison_role="supervisor"
        ),
        "nga": factories.UserFactory(
            authority=nigeria_fiu, role=Role.OFFICER, liaison_role="supervisor"
        ),
        "police": factories.UserFactory(
            authority=nigeria_police, role=Role.OFFICER, liaison_role="supervisor"
        ),
        "ghana_fiu": ghana_fiu,
        "nigeria_fiu": nigeria_fiu,
        "nigeria_police": nigeria_police,
    }
