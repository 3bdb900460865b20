import json

from comity.api.openapi import COMMITTED, current_document


def test_committed_openapi_document_matches_the_code():
    """If this fails, run `.venv/bin/python manage.py openapi` and commit docs/openapi.json."""
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


def _document() -> dict:
    return json.loads(current_document())


def test_every_operation_describes_its_errors_and_its_answer():
    """What the code answers is in the document: 400, 401, 404 and 413 everywhere (a few public
    operations cannot refuse authentication), 409 where a change can conflict, and a schema for
    every successful answer."""
    for path, operations in _document()["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            if path != "/api/v1/health":  # takes nothing, so refuses nothing
                assert {"400", "404", "413"} <= set(responses), (method, path)
            success = next(code for code in responses if code.startswith("2"))
            if success != "204":
                assert responses[success].get("content"), (method, path)
    requests = _document()["paths"]["/api/v1/requests/{request_id}"]
    assert "409" in requests["patch"]["responses"] and "409" in requests["delete"]["responses"]


def test_the_legal_basis_the_matrix_and_a_country_have_answer_schemas():
    paths = _document()["paths"]
    for path in ("/api/v1/legal-basis", "/api/v1/legal-basis/matrix", "/api/v1/countries/{iso3}"):
        schema = paths[path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
        assert schema.get("$ref", "").startswith("#/components/schemas/"), path


def test_states_and_kinds_are_enums_in_the_document():
    schemas = _document()["components"]["schemas"]
    assert "UKR" in schemas["StateCode"]["enum"] and "ZZZ" not in schemas["StateCode"]["enum"]
    parameters = {
        p["name"]: p["schema"]
        for p in _document()["paths"]["/api/v1/legal-basis"]["get"]["parameters"]
    }
    assert "UKR" in parameters["requesting"]["enum"] and len(parameters["requesting"]["enum"]) > 240
    assert set(parameters["kind"]["enum"]) >= {"mla", "extradition", "preservation"}
