"""Search on a fixed corpus, with the engine configured for the database of the run (embedded on
SQLite, PostgreSQL on PostgreSQL): ranking, phrases, prefixes, exclusions, languages, facets."""

import pytest

from tests.library.helpers import corpus, found, keys

pytestmark = pytest.mark.django_db


@pytest.fixture
def docs(django_capture_on_commit_callbacks):
    return corpus(django_capture_on_commit_callbacks)


def test_a_word_in_the_title_ranks_above_the_summary_and_the_summary_above_the_body(docs):
    assert keys("money laundering bank records")[:3] == ["title-hit", "summary-hit", "body-hit"]


def test_all_words_must_appear(docs):
    assert keys("money laundering theft") == ["body-hit"]


def test_a_phrase_matches_its_words_in_order_only(docs):
    assert set(keys('"bank records"')) == {"title-hit", "summary-hit", "body-hit"}
    assert keys('"records bank"') == []


def test_a_prefix_matches_every_word_beginning_with_it(docs):
    assert set(keys("launder*")) == {"title-hit", "summary-hit", "body-hit"}
    assert keys("extrad*") == ["spanish"]


def test_excluded_words_remove_documents(docs):
    assert set(keys("money laundering -annual")) == {"title-hit", "summary-hit"}
    assert set(keys('laundering -"bank records"')) == set()


def test_stemming_joins_forms_of_a_word_in_english_french_and_russian(docs):
    assert "title-hit" in keys("launders records")
    # "relevé bancaire" finds "relevés bancaires"; "отмывания денежных" finds "Отмывание денежных".
    assert keys("relevé bancaire") == ["french"]
    assert keys("отмывания денежных") == ["russian"]


def test_diacritics_and_case_do_not_matter(docs):
    assert keys("EXTRADICION") == ["spanish"]
    assert keys("extradición") == ["spanish"]
    assert keys("releve bancaires") == ["french"]


def test_ukrainian_arabic_and_chinese_are_found_on_their_words(docs):
    assert keys("правова допомога") == ["ukrainian"]
    # Without the hamza, as people often type it.
    assert keys("الاموال") == ["arabic"]
    assert keys("洗钱") == ["chinese"]
    assert keys("司法协助") == ["chinese"]
    assert keys("协助司法") == []


def test_results_carry_marked_snippets_and_titles(docs):
    page = found("bank records")
    first = page.results[0]
    assert "<mark>bank</mark>" in str(first.title).lower()
    summary_hit = next(r for r in page.results if r.document.key == "summary-hit")
    assert "<mark>bank</mark> <mark>records</mark>" in str(summary_hit.snippet)


def test_snippets_escape_what_the_documents_hold(django_capture_on_commit_callbacks):
    from tests.library.helpers import add, states

    states()
    add(
        {
            "type": "publication",
            "title": "Guide <script>alert(1)</script>",
            "language": "en",
            "summary": "A guide on <b>extradition</b> & surrender.",
        },
        capture=django_capture_on_commit_callbacks,
    )
    result = found("extradition").results[0]
    assert "<script>" not in str(result.title)
    assert "&lt;b&gt;<mark>extradition</mark>&lt;/b&gt; &amp; surrender" in str(result.snippet)


def test_facets_count_the_results(docs):
    page = found("money laundering")
    facets = {name: {v.value: v.count for v in values} for name, values in page.facets.items()}
    assert page.count == 3
    assert facets["type"] == {"legislation": 1, "case": 1, "publication": 1}
    assert facets["country"] == {"GBR": 2}
    assert facets["crime"] == {"money_laundering": 2, "corruption": 1}
    assert facets["language"] == {"en": 3}
    assert facets["instrument"] == {"UNTOC": 1}
    assert set(facets["year"]) == {"2019", "2021", "2022"}


def test_filters_narrow_by_state_crime_type_language_and_year(docs):
    assert set(keys(filters={"crime": ("money_laundering",)})) == {
        "title-hit",
        "summary-hit",
        "french",
        "russian",
    }
    assert keys("money", filters={"country": ("GBR",), "type": ("case",)}) == ["summary-hit"]
    assert set(keys(filters={"language": ("fr", "ru")})) == {"french", "russian"}
    from django.contrib.auth.models import AnonymousUser

    from comity.library.search import Filters
    from comity.library.selectors import Params, search

    page = search(AnonymousUser(), Params(filters=Filters({}, year_from=2019, year_to=2020)))
    assert {r.document.key for r in page.results} == {"title-hit", "russian"}


def test_without_words_the_newest_come_first_and_pages_follow(docs):
    # A publication with a year only counts from the first day of its year.
    assert keys(limit=3) == ["body-hit", "summary-hit", "russian"]
    everything = keys(limit=100)
    paged = keys(limit=4) + keys(limit=4, offset=4) + keys(limit=4, offset=8)
    assert paged == everything
    assert keys(sort="oldest", limit=1) == ["spanish"]


def test_nothing_found_is_an_empty_page(docs):
    page = found("zzzzqqq")
    assert page.count == 0
    assert page.results == []
    assert all(values == [] for values in page.facets.values())


def test_a_query_of_punctuation_only_lists_everything(docs):
    assert found("!!! ?").count == len(docs)


def test_beyond_the_exact_limit_facet_counts_are_estimated_from_a_sample(docs, settings):
    settings.COMITY_LIBRARY_FACET_EXACT_LIMIT = 2
    page = found("")
    assert page.count == len(docs)
    assert page.facet_sample == 8
    sampled = [d for d in docs.values() if d.pk % 64 < 64 // 8]
    types = {}
    for document in sampled:
        types[document.type] = types.get(document.type, 0) + 8
    assert {v.value: v.count for v in page.facets["type"]} == types
