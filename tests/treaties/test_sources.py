"""Every source shown is a depositary, a treaty office, an official journal or the authority, or
is marked secondary with the reason it is used (data/source_standing.csv)."""

import csv
from pathlib import Path

import pytest

from comity.treaties.sources import REASONS, UNCLASSIFIED, standing

DATA = Path(__file__).resolve().parents[2] / "data"
FILES = [
    ("treaty_participation.csv", "source_url"),
    ("participant_lists.csv", "source_url"),
    ("untoc_declarations.csv", "source_url"),
    ("treaty_suspensions.csv", "source_url"),
    ("bilateral_treaties.csv", "source_url"),
    ("requirement_profiles.csv", "source_url"),
]


def _sources():
    for name, column in FILES:
        with open(DATA / name, newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                if row[column].startswith("http"):
                    yield name, row[column]


@pytest.mark.parametrize(("name", "url"), sorted(set(_sources())))
def test_every_web_source_in_the_reference_data_is_classified(name, url):
    found = standing(url)
    assert found is not UNCLASSIFIED, f"{name}: classify {url} in data/source_standing.csv"
    if found.secondary:
        assert found.reason in REASONS, f"{url}: a secondary source needs a reason from REASONS"


def test_the_depositary_is_primary_and_a_blog_or_wiki_is_secondary():
    assert not standing("https://treaties.un.org/Pages/ViewDetails.aspx?x=1").secondary
    assert not standing("https://www.coe.int/en/web/conventions/full-list").secondary
    assert standing("https://en.wikipedia.org/wiki/X").secondary
    assert standing("https://unknown.example/page") is UNCLASSIFIED
    assert standing("UNTOC (General Assembly resolution 55/25)") is None  # the text itself


def test_no_blog_remains_where_the_depositarys_table_gives_the_same_fact():
    assert not [url for _name, url in _sources() if "hscrew.ch" in url]


def test_the_rules_files_sentences_are_listed_for_translation():
    """rule_texts.py lists every sentence of instruments.toml an answer shows (comity rule-texts)."""
    from django.core.management import call_command

    call_command("rule_texts", "--check")
