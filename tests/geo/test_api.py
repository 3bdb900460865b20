"""GET /api/v1/countries and /api/v1/countries/{iso3}: public, paginated, localized."""

import pycountry
import pytest

from comity.geo.selectors import localized_country_choices

TOTAL = len(pycountry.countries) + 2
URL = "/api/v1/countries"


@pytest.fixture(autouse=True)
def _countries(countries):
    return countries


def test_list_is_public_and_paginated_with_the_documented_shape(client):
    response = client.get(URL)
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == TOTAL
    assert len(body["items"]) == 50
    item = body["items"][0]
    assert set(item) == {"iso3", "iso2", "name", "names", "official_languages", "kind"}
    assert set(item["names"]) == {"ar", "en", "es", "fr", "ru", "zh", "uk"}


def test_limit_and_offset_walk_through_every_country(client):
    first = client.get(URL, {"limit": 500}).json()
    assert len(first["items"]) == TOTAL
    page = client.get(URL, {"limit": 10, "offset": 20}).json()
    assert [i["iso3"] for i in page["items"]] == [i["iso3"] for i in first["items"][20:30]]
    beyond = client.get(URL, {"offset": 10_000}).json()
    assert beyond == {"count": TOTAL, "items": []}


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"limit": 0}, "limit"),
        ({"limit": 501}, "limit"),
        ({"limit": "many"}, "limit"),
        ({"offset": -1}, "offset"),
        ({"kind": "planet"}, "kind"),
    ],
)
def test_bad_parameters_get_a_400_that_names_the_field(client, params, field):
    response = client.get(URL, params)
    assert response.status_code == 400
    body = response.json()
    assert body["detail"]
    assert [e["field"] for e in body["errors"]] == [field]
    assert body["errors"][0]["message"]


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("Україна", "UKR"),
        ("україна", "UKR"),
        ("أوكرانيا", "UKR"),
        ("乌克兰", "UKR"),
        ("ukr", "UKR"),
        ("kosovo", "XKX"),
        ("cote d'ivoire", "CIV"),
        ("Union européenne", "EUU"),
    ],
)
def test_q_matches_names_in_any_language_ignoring_case(client, q, expected):
    items = client.get(URL, {"q": q}).json()["items"]
    assert expected in [i["iso3"] for i in items]


def test_q_that_matches_nothing_gives_an_empty_list(client):
    assert client.get(URL, {"q": "Atlantis"}).json() == {"count": 0, "items": []}


def test_kind_filter(client):
    body = client.get(URL, {"kind": "organization"}).json()
    assert [i["iso3"] for i in body["items"]] == ["EUU"]
    territories = client.get(URL, {"kind": "territory", "limit": 500}).json()["items"]
    assert {"ATA", "BVT", "HMD", "ATF"} <= {i["iso3"] for i in territories}
    assert all(i["kind"] == "territory" for i in territories)


def test_name_follows_the_language_of_the_request(client):
    body = client.get(URL, {"q": "UKR"}, headers={"accept-language": "uk"}).json()
    assert body["items"][0]["name"] == "Україна"
    body = client.get(URL, {"q": "UKR"}, headers={"accept-language": "zh-hans"}).json()
    assert body["items"][0]["name"] == "乌克兰"


def test_detail_accepts_lower_case_codes(client):
    response = client.get(f"{URL}/ukr")
    assert response.status_code == 200
    body = response.json()
    assert body["iso3"] == "UKR"
    assert body["names"]["uk"] == "Україна"
    assert body["official_languages"][0] == "uk"
    assert client.get(f"{URL}/EUU").json()["kind"] == "organization"


def test_detail_of_an_unknown_code_is_a_json_404(client):
    response = client.get(f"{URL}/XYZ")
    assert response.status_code == 404
    body = response.json()
    assert body["detail"]
    assert body["errors"][0]["field"] == "iso3"
    assert "XYZ" in body["errors"][0]["message"]


def test_localized_choices_are_sorted_in_the_language_asked_for():
    french = localized_country_choices("fr")
    assert len(french) == TOTAL
    names = [name for _, name in french]
    assert dict(french)["EGY"] == "Égypte"
    # Accents do not push a name to the end of the list.
    assert names.index("Égypte") < names.index("Finlande")
    assert names.index("Équateur") < names.index("Espagne")
    ukrainian = dict(localized_country_choices("uk"))
    assert ukrainian["UKR"] == "Україна"
    assert dict(localized_country_choices("zh-hans"))["UKR"] == "乌克兰"
