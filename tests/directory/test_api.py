import pytest

from comity.accounts.models import ApiToken
from comity.directory import services
from tests import factories
from tests.directory.conftest import entry


@pytest.fixture
def token(ukr_moj):
    user = factories.UserFactory(authority=ukr_moj)
    plain, key_id, key_hash = ApiToken.new_key()
    ApiToken.objects.create(user=user, name="test", key_id=key_id, key_hash=key_hash)
    return {"HTTP_AUTHORIZATION": f"Bearer {plain}"}


@pytest.fixture
def directory(ukr_moj, deu_entry):
    services.create_authority(
        data=entry(
            country="FRA",
            name="Bureau de l'entraide pénale internationale",
            languages=["fr"],
            instruments=["UNTOC", "ETS-030"],
            phone="",
            email="",
        ),
        actor=None,
    )
    services.create_authority(
        data=entry(
            name="Офіс Генерального прокурора",
            kind="prosecution",
            names={"uk": "Офіс Генерального прокурора", "en": "Office of the Prosecutor General"},
            competences=["mla", "extradition"],
            phone="",
            email="",
        ),
        actor=None,
    )


def _names(response):
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["count"] == len(body["items"])
    return sorted(item["name"] for item in body["items"])


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("country=UKR", ["Ministry of Justice", "Офіс Генерального прокурора"]),
        ("country=UKR&kind=prosecution", ["Офіс Генерального прокурора"]),
        ("competence=extradition", ["Bundesamt für Justiz", "Офіс Генерального прокурора"]),
        ("instrument=CETS-185", ["Bundesamt für Justiz"]),
        ("instrument=ets-030&language=fr", ["Bureau de l'entraide pénale internationale"]),
        ("language=de", ["Bundesamt für Justiz"]),
        ("q=генерального", ["Офіс Генерального прокурора"]),
        ("q=prosecutor general", ["Офіс Генерального прокурора"]),
        ("q=penale", ["Bureau de l'entraide pénale internationale"]),
        ("q=BUNDESAMT", ["Bundesamt für Justiz"]),
        (
            "country=UKR&competence=mla&instrument=UNTOC",
            ["Ministry of Justice", "Офіс Генерального прокурора"],
        ),
        ("country=NGA", []),
    ],
)
def test_list_filters(client, token, directory, query, expected):
    assert _names(client.get(f"/api/v1/authorities?{query}", **token)) == expected


def test_list_pages_with_limit_and_offset(client, token, directory):
    first = client.get("/api/v1/authorities?limit=2", **token).json()
    rest = client.get("/api/v1/authorities?limit=2&offset=2", **token).json()
    assert first["count"] == 4 and len(first["items"]) == 2 and len(rest["items"]) == 2
    assert {i["id"] for i in first["items"]}.isdisjoint({i["id"] for i in rest["items"]})


@pytest.mark.parametrize("query", ["limit=0", "limit=501", "offset=-1", "limit=abc"])
def test_bad_paging_is_a_400_naming_the_field(client, token, query):
    response = client.get(f"/api/v1/authorities?{query}", **token)
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == query.split("=")[0]


def test_anonymous_gets_401_unless_the_directory_is_public(client, directory, settings):
    response = client.get("/api/v1/authorities")
    assert response.status_code == 401
    assert "detail" in response.json()
    settings.COMITY_DIRECTORY_PUBLIC = True
    assert client.get("/api/v1/authorities").status_code == 200


def test_contacts_only_for_signed_in_callers(client, token, ukr_moj, settings):
    services.save_contact(authority=ukr_moj, data={"name": "Olena K."}, actor=None)
    signed_in = client.get(f"/api/v1/authorities/{ukr_moj.pk}", **token).json()
    assert signed_in["contacts"][0]["name"] == "Olena K."
    settings.COMITY_DIRECTORY_PUBLIC = True
    assert client.get(f"/api/v1/authorities/{ukr_moj.pk}").json()["contacts"] is None


def test_detail_carries_source_and_verification(client, token, ukr_moj):
    body = client.get(f"/api/v1/authorities/{ukr_moj.pk}", **token).json()
    assert body["source"] == "https://example.org/source"
    assert body["verified_on"] is None and body["stale"] is True
    assert body["phone"] == "+380441234567"


def test_unknown_id_is_a_json_404(client, token):
    response = client.get("/api/v1/authorities/00000000-0000-0000-0000-000000000000", **token)
    assert response.status_code == 404
    assert response.json()["detail"]


def test_bad_import_is_a_400_listing_rows_and_writes_nothing(client, people):
    client.force_login(people["admin_own"])
    body = "country,name,kind,source,email\nUKR,A,prosecution,src,a@example.org\nUKR,B,prosecution,src,nope\n"
    response = client.post("/api/v1/authorities/import", body, content_type="text/csv")
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert [(e["row"], e["field"]) for e in errors] == [(3, "email")]
    assert "e-mail" in errors[0]["message"]
    assert client.get("/api/v1/authorities?kind=prosecution").json()["count"] == 0


def test_export_csv_and_json(client, token, directory):
    csv_text = client.get("/api/v1/authorities/export?format=csv", **token).content.decode()
    assert csv_text.splitlines()[0].startswith("id,country,name,")
    assert len(csv_text.strip().splitlines()) == 5
    assert client.get("/api/v1/authorities/export?format=json", **token).json()["count"] == 4
    assert client.get("/api/v1/authorities/export?format=xml", **token).status_code == 400


def test_networks(client, token, db):
    services.save_network(code="wacap", data={"name": "WACAP", "source": "src"}, actor=None)
    listed = client.get("/api/v1/networks", **token).json()
    assert [n["code"] for n in listed["items"]] == ["wacap"]
    assert client.get("/api/v1/networks/wacap", **token).json()["members"] == []
    assert client.get("/api/v1/networks/none", **token).status_code == 404


def test_cached_search_answers_change_as_soon_as_the_directory_does(client, token, ukr_moj):
    first = client.get("/api/v1/authorities?country=UKR", **token).json()
    assert [i["email"] for i in first["items"]] == ["mla@example.org"]
    data = {**services.authority_state(ukr_moj), "country": "UKR", "email": "new@example.org"}
    services.update_authority(authority=ukr_moj, data=data, actor=None)
    again = client.get("/api/v1/authorities?country=UKR", **token).json()
    assert [i["email"] for i in again["items"]] == ["new@example.org"]


def test_free_text_search_finds_parts_of_words_in_any_script_and_after_changes(
    client, token, directory
):
    from django.db import connection

    from comity.directory.search_index import sqlite_fts_available

    assert sqlite_fts_available() == (connection.vendor == "sqlite")
    assert _names(client.get("/api/v1/authorities?q=енерал", **token)) == [
        "Офіс Генерального прокурора"
    ]
    assert _names(client.get("/api/v1/authorities?q=ntraide", **token)) == [
        "Bureau de l'entraide pénale internationale"
    ]
    entry = client.get("/api/v1/authorities?q=bundesamt", **token).json()["items"][0]
    from comity.directory.models import Authority

    authority = Authority.objects.get(pk=entry["id"])
    data = {
        **services.authority_state(authority),
        "country": "DEU",
        "name": "Bundesjustizamt",
        "names": {},
    }
    services.update_authority(authority=authority, data=data, actor=None)
    assert _names(client.get("/api/v1/authorities?q=bundesamt", **token)) == []
    assert _names(client.get("/api/v1/authorities?q=justizamt", **token)) == ["Bundesjustizamt"]
