"""The synthetic corpus of tests and benchmarks: the same seed gives the same documents, every
one marked as example data, valid as an import line, in the seven languages."""

import pytest
from django.core.management import call_command

from comity.library import services, synthetic
from comity.library.models import Document
from tests.library.helpers import keys, states

pytestmark = pytest.mark.django_db


def test_the_same_seed_gives_the_same_documents_and_all_are_example_data():
    first = list(synthetic.documents(200, seed=7))
    assert first == list(synthetic.documents(200, seed=7))
    assert first != list(synthetic.documents(200, seed=8))
    assert all(d["example"] and d["key"].startswith("synthetic-") for d in first)
    assert {d["language"] for d in first} == {"en", "fr", "es", "ru", "ar", "zh", "uk"}
    spaced = [d for d in first if d["language"] != "zh"]
    words = [len(" ".join([d["title"], d["summary"], d["text"]]).split()) for d in spaced]
    assert 130 < sum(words) / len(words) < 170


def test_every_synthetic_document_is_a_valid_import_line():
    states()
    from comity.geo.services import load_countries

    load_countries()
    for data in synthetic.documents(100, seed=3):
        services.parse(data)


def test_the_command_loads_them_searchable(capsys):
    from comity.geo.services import load_countries

    load_countries()
    call_command("library_generate", "120", "--seed", "5")
    assert Document.objects.filter(example=True).count() == 120
    assert "120 synthetic example documents" in capsys.readouterr().out
    assert len(keys("", limit=100)) == 100
