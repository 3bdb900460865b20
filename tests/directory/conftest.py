import pytest

from comity.accounts.models import Role
from comity.directory import services
from tests import factories
from tests.accounts.helpers import login_as, verified_login  # noqa: F401  (shared helpers)


def entry(**overrides) -> dict:
    data = {
        "country": "UKR",
        "name": "Ministry of Justice",
        "kind": "central_authority",
        "competences": ["mla"],
        "instruments": ["UNTOC"],
        "languages": ["uk", "en"],
        "channels": ["direct"],
        "source": "https://example.org/source",
        "phone": "+380 44 123 4567",
        "email": "mla@example.org",
    }
    data.update(overrides)
    return data


@pytest.fixture
def countries(db):
    return {code: factories.country(code) for code in ("UKR", "DEU", "FRA", "NGA", "GHA")}


@pytest.fixture
def ukr_moj(countries):
    return services.create_authority(data=entry(), actor=None)


@pytest.fixture
def deu_entry(countries):
    return services.create_authority(
        data=entry(
            country="DEU",
            name="Bundesamt für Justiz",
            names={"de": "Bundesamt für Justiz"},
            languages=["de"],
            competences=["mla", "extradition"],
            instruments=["UNTOC", "CETS-185"],
            phone="",
            email="",
        ),
        actor=None,
    )


@pytest.fixture
def people(ukr_moj, deu_entry):
    """One user per row of the permission matrix."""
    return {
        "viewer_own": factories.UserFactory(authority=ukr_moj, role=Role.VIEWER),
        "admin_own": factories.UserFactory(authority=ukr_moj, role=Role.AUTHORITY_ADMIN),
        "admin_other": factories.UserFactory(authority=deu_entry, role=Role.AUTHORITY_ADMIN),
        "site_admin": factories.UserFactory(authority=None, is_superuser=True, is_staff=True),
    }
