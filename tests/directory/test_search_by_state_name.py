"""Free text finds the authorities of a State by the State's name in any of the seven UI
languages (CLDR names), without regard to case or accents, in the finder and in the SQL search."""

import pytest
from django.core.paginator import Paginator

from comity.accounts.models import ApiToken
from comity.directory import selectors
from comity.directory.models import Authority
from comity.directory.reference import load_authorities
from comity.directory.services import state_names
from comity.geo.services import load_countries
from tests import factories


@pytest.fixture
def token(db):
    load_countries()
    load_authorities()
    user = factories.UserFactory(authority=Authority.objects.order_by("pk").first())
    plain, key_id, key_hash = ApiToken.new_key()
    ApiToken.objects.create(user=user, name="test", key_id=key_id, key_hash=key_hash)
    return {"HTTP_AUTHORIZATION": f"Bearer {plain}"}


def _found(client, token, q: str) -> list[str]:
    """The ids the API (the finder), the search page (the finder's pages) and the SQL search give,
    checked to be the same."""
    response = client.get("/api/v1/authorities", {"q": q, "limit": 500}, **token)
    assert response.status_code == 200, response.content
    by_api = [item["id"] for item in response.json()["items"]]
    f = selectors.AuthorityFilter(q=q)
    by_sql = [str(a.pk) for a in selectors.search_authorities(f)]
    by_page = [str(a.id) for a in Paginator(selectors.find_authorities(f), 500).get_page(1)]
    assert by_api == by_sql == by_page, q
    return by_api


def _of(country: str) -> list[str]:
    return [
        str(pk) for pk in Authority.objects.filter(country_id=country).values_list("pk", flat=True)
    ]


@pytest.mark.parametrize(
    ("language", "q", "country"),
    [
        ("en", "South Africa", "ZAF"),
        ("fr", "Afrique du Sud", "ZAF"),
        ("ru", "Германия", "DEU"),
        ("uk", "Німеччина", "DEU"),
        ("ar", "ألمانيا", "DEU"),
        ("zh", "德国", "DEU"),
        ("es", "Alemania", "DEU"),
    ],
)
def test_a_states_name_in_each_ui_language_finds_its_authorities(
    client, token, language, q, country
):
    assert _of(country)
    assert sorted(_found(client, token, q)) == sorted(_of(country))


@pytest.mark.parametrize(
    ("q", "country"),
    [
        ("afrique du sud", "ZAF"),
        ("AFRIQUE DU SUD", "ZAF"),
        ("南非", "ZAF"),
        ("mexico", "MEX"),  # CLDR: es "México", en "Mexico"
        ("MÉXICO", "MEX"),
        ("suede", "SWE"),  # fr "Suède"
        ("ÉTATS-UNIS", "USA"),
        ("estados unidos", "USA"),
        ("сполучені штати", "USA"),
    ],
)
def test_state_names_are_matched_without_case_or_accents(client, token, q, country):
    assert sorted(_found(client, token, q)) == sorted(_of(country))


def test_part_of_a_name_finds_every_state_so_named(client, token):
    # Part of the Russian and Ukrainian names of South Africa (Южно-Африканская Республика,
    # Південно-Африканська Республіка), of no name of Germany.
    found = {Authority.objects.get(pk=pk).country_id for pk in _found(client, token, "республ")}
    assert "ZAF" in found and "DEU" not in found


def test_a_states_name_and_a_word_of_the_entry_narrow_to_that_entry(client, token):
    found = _found(client, token, "Германия justiz")
    assert [Authority.objects.get(pk=pk).name for pk in found] == [
        "Bundesamt für Justiz (Federal Office of Justice)"
    ]


def test_names_come_from_cldr_in_all_seven_languages():
    south_africa = state_names()["ZAF"].split("\n")
    assert {"south africa", "afrique du sud", "sudafrica", "південно-африканська республіка"} <= (
        set(south_africa)
    )
    assert len(south_africa) == 7
