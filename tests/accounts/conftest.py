import pytest
from django.test import Client

from comity.accounts.models import Role
from tests import factories


@pytest.fixture
def ukr(db):
    return factories.AuthorityFactory(
        country=factories.country("UKR"), name="Prosecutor General's Office"
    )


@pytest.fixture
def deu(db):
    return factories.AuthorityFactory(country=factories.country("DEU"), name="Bundesamt für Justiz")


@pytest.fixture
def people(ukr, deu):
    """One user per row of the permission matrix, plus `member`, the person being managed."""
    return {
        "viewer_own": factories.UserFactory(authority=ukr, role=Role.VIEWER),
        "officer_own": factories.UserFactory(authority=ukr, role=Role.OFFICER),
        "admin_own": factories.UserFactory(
            authority=ukr, role=Role.AUTHORITY_ADMIN, first_name="Olena", last_name="Koval"
        ),
        "admin_other": factories.UserFactory(authority=deu, role=Role.AUTHORITY_ADMIN),
        "site_admin": factories.UserFactory(authority=None, is_superuser=True, is_staff=True),
        "member": factories.UserFactory(
            authority=ukr, role=Role.OFFICER, first_name="Taras", last_name="Melnyk"
        ),
    }


@pytest.fixture
def client_factory():
    return Client
