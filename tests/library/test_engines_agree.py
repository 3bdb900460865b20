"""The embedded engine (Tantivy) and the PostgreSQL engine find the same documents for the same
corpus and query. Runs where PostgreSQL is the database (the PostgreSQL phase of `make test`);
the embedded index is built from the same rows."""

import pytest
from django.db import connection

from comity.library import query
from comity.library.indexing import batches
from comity.library.search import Filters, Sort, embedded, postgres
from tests.library.helpers import corpus

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the PostgreSQL engine needs PostgreSQL"
    ),
]

QUERIES = [
    "money laundering bank records",
    "bank",
    '"bank records"',
    "launder*",
    "money -annual",
    "relevé bancaire",
    "отмывания денежных",
    "правова допомога",
    "الاموال",
    "洗钱",
    "extradición",
    "court",
    "",
]
FILTERS = [
    Filters({}),
    Filters({"country": ("GBR",)}),
    Filters({"crime": ("money_laundering",), "type": ("case", "legislation")}),
    Filters({}, year_from=2018, year_to=2021),
]
ACCESS = ["public", "signed_in"]


@pytest.fixture
def engines(django_capture_on_commit_callbacks, tmp_path):
    corpus(django_capture_on_commit_callbacks)
    tantivy = embedded.Engine(tmp_path / "index")
    tantivy.rebuild(batches())
    return tantivy, postgres.Engine()


@pytest.mark.parametrize("text", QUERIES)
@pytest.mark.parametrize("filters", FILTERS, ids=["none", "state", "crime+type", "years"])
def test_same_documents_and_counts(engines, text, filters):
    tantivy, pg = engines
    parsed = query.parse(text)
    one = tantivy.search(parsed, filters, ACCESS, limit=50)
    other = pg.search(parsed, filters, ACCESS, limit=50)
    assert {h.id for h in one.hits} == {h.id for h in other.hits}
    assert one.count == other.count
    assert _facets(one) == _facets(other)


def test_same_order_where_the_fields_decide(engines):
    tantivy, pg = engines
    parsed = query.parse("money laundering bank records")
    first = [h.id for h in tantivy.search(parsed, Filters({}), ACCESS).hits]
    second = [h.id for h in pg.search(parsed, Filters({}), ACCESS).hits]
    assert first == second


def test_same_order_by_date(engines):
    tantivy, pg = engines
    for sort in (Sort.NEWEST, Sort.OLDEST):
        first = tantivy.search(query.parse(""), Filters({}), ACCESS, sort=sort, limit=50)
        second = pg.search(query.parse(""), Filters({}), ACCESS, sort=sort, limit=50)
        assert [h.id for h in first.hits] == [h.id for h in second.hits]


def _facets(found):
    return {name: sorted(values) for name, values in found.facets.items() if values}


@pytest.mark.parametrize("text", ["", "money", "court", "launder*"])
def test_same_sampled_facets_beyond_the_exact_limit(engines, settings, text):
    settings.COMITY_LIBRARY_FACET_EXACT_LIMIT = 1
    tantivy, pg = engines
    parsed = query.parse(text)
    one = tantivy.search(parsed, Filters({}), ACCESS, limit=50)
    other = pg.search(parsed, Filters({}), ACCESS, limit=50)
    assert one.facet_sample == other.facet_sample
    assert one.count == other.count
    assert _facets(one) == _facets(other)
