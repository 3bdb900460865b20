import json

from comity.api.openapi import COMMITTED, current_document


def test_committed_openapi_document_matches_the_code():
    """If this fails, run `comity openapi` (or `make openapi`) and commit docs/openapi.json."""
    assert COMMITTED.read_text(encoding="utf-8") == current_document()


def test_served_openapi_lists_the_contract_paths(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in (
        "/api/v1/health",
        "/api/v1/countries",
        "/api/v1/countries/{iso3}",
        "/api/v1/authorities",
        "/api/v1/authorities/{authority_id}",
        "/api/v1/authorities/import",
        "/api/v1/authorities/export",
        "/api/v1/networks",
        "/api/v1/networks/{code}",
    ):
        assert path in paths, path


def test_health_is_public(client):
    body = client.get("/api/v1/health").json()
    assert body["status"] == "ok" and body["version"]
    assert json.loads(COMMITTED.read_text())["info"]["title"] == "comity API"
