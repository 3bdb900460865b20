import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from comity.accounts.models import Role
from comity.directory import services
from tests import factories


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


def verified_login(client, user):
    """Sign in with a confirmed TOTP device, as a site admin must."""
    client.force_login(user)
    device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def people(ukr_moj, deu_entry):
    """One user per row of the permission matrix."""
    return {
        "viewer_own": factories.UserFactory(authority=ukr_moj, role=Role.VIEWER),
        "admin_own": factories.UserFactory(authority=ukr_moj, role=Role.AUTHORITY_ADMIN),
        "admin_other": factories.UserFactory(authority=deu_entry, role=Role.AUTHORITY_ADMIN),
        "site_admin": factories.UserFactory(authority=None, is_superuser=True, is_staff=True),
    }


def login_as(client, people, who):
    if who == "anonymous":
        return client
    user = people[who]
    if user.is_superuser:
        return verified_login(client, user)
    client.force_login(user)
    return client
