"""The library's API: search with facets, documents added and changed, problems as 4xx."""

import pytest

from comity.accounts.models import Role
from tests import factories
from tests.library.helpers import CORPUS, corpus, states

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(client):
    states()
    user = factories.UserFactory(authority=factories.AuthorityFactory(), role=Role.OFFICER)
    client.force_login(user)
    return user


def test_search_answers_items_facets_and_time(client, django_capture_on_commit_callbacks):
    docs = corpus(django_capture_on_commit_callbacks)
    answer = client.get("/api/v1/library/search?q=money+laundering&country=GBR&limit=1")
    assert answer.status_code == 200
    body = answer.json()
    assert body["count"] == 2
    assert len(body["items"]) == 1
    item = body["items"][0]
    assert item["id"] == docs["title-hit"].pk
    assert item["type"] == "legislation"
    assert item["country"] == "GBR"
    assert "<mark>" in item["title"]
    assert item["url"] == f"/library/{item['id']}/"
    assert {"value": "GBR", "label": "United Kingdom", "count": 2} in body["facets"]["country"]
    assert body["took_ms"] >= 0
    # The answer is written straight to JSON: it must still be what the schema describes.
    from comity.library.api import LibrarySearchOut

    assert LibrarySearchOut.model_validate(body).model_dump(mode="json") == body


def test_bad_parameters_are_a_400_naming_the_field(client):
    answer = client.get("/api/v1/library/search?type=statute&limit=0")
    assert answer.status_code == 400
    fields = {e["field"] for e in answer.json()["errors"]}
    assert any(f.endswith("type.0") for f in fields)
    assert any(f.endswith("limit") for f in fields)


def test_a_document_added_is_searchable_when_the_answer_comes(
    client, officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(
            "/api/v1/library/documents",
            {
                "type": "legislation",
                "title": "Law on mutual legal assistance",
                "country": "DEU",
                "language": "de",
                "articles": [{"number": "59", "heading": "Assistance", "implements": ["UNTOC 18"]}],
            },
            content_type="application/json",
        )
    assert answer.status_code == 201
    created = answer.json()
    assert created["articles"][0]["implements"] == ["UNTOC 18"]
    search = client.get("/api/v1/library/search?q=assistance&instrument=UNTOC").json()
    assert [i["id"] for i in search["items"]] == [created["id"]]


def test_problems_of_a_document_are_a_400_per_field(client, officer):
    answer = client.post(
        "/api/v1/library/documents",
        {"type": "publication", "title": "Guide", "language": "en", "court": "A court"},
        content_type="application/json",
    )
    assert answer.status_code == 400
    assert [e["field"] for e in answer.json()["errors"]] == ["court"]


def test_a_stale_version_is_a_409_with_the_current_document(client, officer):
    data = {"type": "publication", "title": "Guide", "language": "en"}
    created = client.post("/api/v1/library/documents", data, content_type="application/json")
    url = f"/api/v1/library/documents/{created.json()['id']}"
    first = client.put(
        url + "?version=1", {**data, "title": "Guide, 2nd ed."}, content_type="application/json"
    )
    assert first.status_code == 200
    assert first.json()["version"] == 2
    second = client.put(
        url + "?version=1", {**data, "title": "Other"}, content_type="application/json"
    )
    assert second.status_code == 409
    assert second.json()["title"] == "Guide, 2nd ed."


def test_an_unknown_document_is_a_404(client):
    assert client.get("/api/v1/library/documents/987654").status_code == 404


def test_corpus_keys_are_stable(client, django_capture_on_commit_callbacks):
    corpus(django_capture_on_commit_callbacks)
    listed = client.get("/api/v1/library/documents?limit=100").json()
    assert listed["count"] == len(CORPUS)
