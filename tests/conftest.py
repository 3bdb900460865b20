import socket
from pathlib import Path

import pytest
from django.conf import settings
from django.test.utils import override_settings

from tests import factories

BROWSER_TESTS = Path(__file__).parent / "browser"

_real_connect = socket.socket.connect
_LOOPBACK = ("127.", "::1", "localhost")


def _guarded_connect(self, address):
    host = address[0] if isinstance(address, tuple) else address
    if isinstance(host, str) and (host.startswith(_LOOPBACK) or host.startswith("/")):
        return _real_connect(self, address)
    raise RuntimeError(f"Tests may not reach the network (tried {address!r}).")


@pytest.fixture(autouse=True, scope="session")
def _block_network():
    """Tests run offline: only loopback (live server, PostgreSQL, Chromium) is reachable."""
    socket.socket.connect = _guarded_connect
    yield
    socket.socket.connect = _real_connect


def pytest_collection_modifyitems(config, items):
    """Everything under tests/browser is a browser test, marked or not, so `-m "not browser"`
    never starts Chromium by accident."""
    for item in items:
        if BROWSER_TESTS in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(autouse=True, scope="session")
def _plain_static_files():
    """Serve static files without the collectstatic manifest.

    Production uses whitenoise's manifest storage, which needs `collectstatic` first and raises
    "Missing staticfiles manifest entry" otherwise. Tests render pages straight from the apps'
    static folders instead, so they need no build step.
    """
    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # whitenoise warns on every request handler when STATIC_ROOT does not exist yet.
    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)
    with override_settings(STORAGES=storages):
        yield


@pytest.fixture
def country(db):
    return factories.country("UKR")


@pytest.fixture
def site_admin(db):
    return factories.UserFactory(is_superuser=True, is_staff=True, authority=None)


@pytest.fixture
def api_client(client):
    return client


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Real hashing is deliberately slow; tests need correctness, not strength."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _own_library_index(settings, tmp_path_factory):
    """Each test searches an empty embedded index of its own (the database is emptied between
    tests; an index left by an earlier test would name documents that are gone)."""
    from comity.library.search import embedded

    settings.COMITY_LIBRARY_INDEX = str(tmp_path_factory.mktemp("library-index"))
    embedded.forget()
    yield
    embedded.forget()


@pytest.fixture(autouse=True)
def _fresh_process_memory():
    """Start every test without the indexes and answers an earlier test left in this process.

    They are keyed by the generations of the data (comity.core.generations); a test's writes,
    generations included, are rolled back after it, and fixtures write rows without renewing a
    generation, so two tests could otherwise see the same generation over different data.
    """
    from comity.core import answers
    from comity.directory import finder
    from comity.geo import selectors as geo_selectors
    from comity.treaties import selectors as treaty_selectors
    from comity.treaties import snapshot

    answers.clear()
    finder.forget()
    snapshot.forget()
    geo_selectors.forget()
    treaty_selectors.forget()
