import pytest

from comity.geo.services import load_countries


@pytest.fixture
def countries(db):
    """The full country table, as `comity load-reference` loads it."""
    return load_countries()
