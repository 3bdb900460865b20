import pytest
from django.db import transaction

from comity.geo.services import load_countries
from comity.treaties.reference import load_treaties


@pytest.fixture(scope="module")
def treaty_data(django_db_setup, django_db_blocker):
    """The shipped reference data, loaded once per module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_countries()
        load_treaties()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def reference(treaty_data, db):
    return None
