"""The embedded index follows the database and is never ahead of it: a document saved is
searchable when the save returns; a save rolled back never reaches the index; a change the index
missed (a crash between the database commit and the index commit) is applied at the next search;
`comity library reindex` rebuilds the index from the database."""

import shutil

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from comity.library import services
from comity.library.models import Document, PendingIndex
from comity.library.search import embedded
from comity.library.selectors import SearchUnavailable
from tests.library.helpers import keys

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("embedded_engine"),
]

GUIDE = {"type": "publication", "title": "Guide to extradition requests", "language": "en"}


@pytest.fixture
def embedded_engine():
    with override_settings(COMITY_LIBRARY_ENGINE="embedded"):
        yield


def test_a_saved_document_is_searchable_at_once():
    document = services.create(actor=None, data=GUIDE)
    assert keys("extradition") == [document.key]
    assert not PendingIndex.objects.exists()
    services.update(actor=None, document=document, data={**GUIDE, "title": "Guide to surrender"})
    assert keys("extradition") == []
    assert keys("surrender") == [document.key]
    services.delete(actor=None, document=document)
    assert keys("surrender") == []


def test_a_save_rolled_back_never_reaches_the_index():
    with pytest.raises(RuntimeError), transaction.atomic():
        services.create(actor=None, data=GUIDE)
        raise RuntimeError("the request failed after the save")
    assert not Document.objects.exists()
    assert embedded.default().size() == 0
    assert keys("extradition") == []


def test_a_change_the_index_missed_is_applied_at_the_next_search(monkeypatch):
    def crash(engine):
        raise RuntimeError("the process died before the index committed")

    monkeypatch.setattr(embedded, "sync", crash)
    # The save has committed: it is not reported as failed (the problem is logged).
    services.create(actor=None, data=GUIDE)
    monkeypatch.undo()
    # The database has the document (it committed); the index does not yet.
    assert Document.objects.count() == 1
    assert PendingIndex.objects.count() == 1
    assert embedded.default().searcher().num_docs == 0
    assert len(keys("extradition")) == 1
    assert not PendingIndex.objects.exists()


def test_reindex_rebuilds_a_lost_index(settings, monkeypatch):
    document = services.create(actor=None, data=GUIDE)
    embedded.forget()
    shutil.rmtree(settings.COMITY_LIBRARY_INDEX)
    monkeypatch.setattr(embedded, "REBUILD_AT_ONCE", 0)
    with pytest.raises(SearchUnavailable):
        keys("extradition")
    call_command("library_reindex", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert keys("extradition") == [document.key]


def test_an_empty_index_beside_a_small_library_is_rebuilt_at_the_first_search(settings):
    document = services.create(actor=None, data=GUIDE)
    embedded.forget()
    shutil.rmtree(settings.COMITY_LIBRARY_INDEX)
    assert keys("extradition") == [document.key]


def test_an_empty_index_beside_a_large_library_says_so_instead_of_finding_nothing(
    settings, monkeypatch, client
):
    services.create(actor=None, data=GUIDE)
    embedded.forget()
    shutil.rmtree(settings.COMITY_LIBRARY_INDEX)
    monkeypatch.setattr(embedded, "REBUILD_AT_ONCE", 0)
    page = client.get("/library/?q=extradition")
    assert page.status_code == 503
    assert "being rebuilt" in page.content.decode()
    assert client.get("/api/v1/library/search?q=extradition").status_code == 503
