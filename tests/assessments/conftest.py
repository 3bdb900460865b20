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
    from tests.networks.world import build_wacap

    wacap = build_wacap()
    found = People(wacap.people)
    found.network = wacap.network
    found.authorities = wacap.authorities
    return found
