"""The library's seed: real documents only, each with a classified source, loaded once."""

import json

import pytest

from comity.library.models import Document
from comity.library.reference import SEED_FILE, load_seed
from comity.treaties.sources import UNCLASSIFIED, standing
from tests.library.helpers import states

SEED = [json.loads(line) for line in SEED_FILE.read_text(encoding="utf-8").splitlines() if line]


@pytest.mark.parametrize("document", SEED, ids=[d["key"] for d in SEED])
def test_every_seed_document_is_real_public_metadata_with_a_classified_source(document):
    assert document["example"] is False
    assert document["access"] == "public"
    assert document["text"] == ""
    assert document["source_url"].startswith("https://") or document["source_url"].startswith(
        "http://"
    )
    assert standing(document["source_url"]) is not UNCLASSIFIED, document["source_url"]


@pytest.mark.django_db
def test_the_seed_loads_once_and_keeps_what_a_maintainer_changed():
    from comity.geo.services import load_countries

    states()
    load_countries()
    assert load_seed() == {"added": len(SEED), "kept": 0}
    Document.objects.filter(key=SEED[0]["key"]).update(title="Corrected by a maintainer")
    assert load_seed() == {"added": 0, "kept": len(SEED)}
    assert Document.objects.get(key=SEED[0]["key"]).title == "Corrected by a maintainer"
