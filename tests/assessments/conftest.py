import pytest

from comity.assessments import questionnaires
from tests.assessments.helpers import install


@pytest.fixture(autouse=True)
def questionnaire_dir(settings, tmp_path):
    """Every test of assessments reads the test questionnaire from a folder of its own."""
    folder = tmp_path / "questionnaires"
    install(folder)
    settings.COMITY_QUESTIONNAIRES_DIR = str(folder)
    yield folder
    questionnaires.forget()


class People(dict):
    """The people of the assessments' tests, by the names of the permission matrix."""

    network = None


@pytest.fixture
def people(db):
    from comity.accounts.models import Role
    from comity.directory import services as directory_services
    from comity.networks.models import Secretary
    from tests import factories

    gha = factories.AuthorityFactory(country=factories.country("GHA"), name="Ghana CA")
    nga = factories.AuthorityFactory(country=factories.country("NGA"), name="Nigeria CA")
    deu = factories.AuthorityFactory(country=factories.country("DEU"), name="BfJ")
    found = People(
        outsider=factories.UserFactory(authority=deu, role=Role.OFFICER),
        member=factories.UserFactory(authority=gha, role=Role.OFFICER),
        viewer=factories.UserFactory(authority=gha, role=Role.VIEWER),
        member_admin=factories.UserFactory(authority=gha, role=Role.AUTHORITY_ADMIN),
        other_member=factories.UserFactory(authority=nga, role=Role.OFFICER),
        secretary=factories.UserFactory(authority=None, role=Role.OFFICER),
        site=factories.UserFactory(authority=None, is_superuser=True, is_staff=True),
    )
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
        )
    Secretary.objects.create(network=network, user=found["secretary"])
    found.network = network
    found.authorities = {"GHA": gha, "NGA": nga, "DEU": deu}
    return found
