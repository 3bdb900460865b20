"""Bad input gets a clear 4xx naming the field, never a 500; what is refused changes nothing.

Each case here was a server error (or a silent acceptance) before: unknown States, offsets beyond
64 bits, NUL bytes, line breaks and bidirectional controls where one line is expected, a directory
import naming another State's entry by id, oversized bodies, and drafts in another State's name.
"""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from comity.accounts.models import Role
from comity.audit.models import AuditEntry
from comity.directory.models import Authority
from comity.drafting import services
from comity.drafting.models import Request
from comity.drafting.schema import empty_body
from tests import factories

HUGE = str(2**64)


@pytest.fixture
def moj(db):
    factories.country("DEU")
    return factories.AuthorityFactory(country=factories.country("UKR"), name="Ministry of Justice")


@pytest.fixture
def bfj(db):
    return factories.AuthorityFactory(country=factories.country("DEU"), name="Bundesamt für Justiz")


@pytest.fixture
def officer(moj):
    return factories.UserFactory(authority=moj, role=Role.OFFICER)


@pytest.fixture
def german_officer(bfj):
    return factories.UserFactory(authority=bfj, role=Role.OFFICER)


@pytest.fixture
def draft(officer):
    body = empty_body(kind="mla", requesting_state="UKR")
    body.update(requested_state="DEU", reference="UKR-2026/1")
    return services.create_request(owner=officer.authority, data=body, actor=officer)


def _client(user=None) -> Client:
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    return client


def _post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def _patch(client, url, body):
    return client.patch(url, json.dumps(body), content_type="application/json")


def _fields(response) -> set[str]:
    return {e["field"] for e in response.json()["errors"]}


# --- Unknown States ------------------------------------------------------------------------------
def test_an_unknown_requested_state_on_create_is_a_400_naming_the_field(officer):
    response = _post(
        _client(officer), "/api/v1/requests", {"kind": "mla", "requested_state": "ZZZ"}
    )
    assert response.status_code == 400 and "requested_state" in _fields(response)
    assert not Request.objects.exists()


def test_an_unknown_state_on_patch_is_a_400_and_changes_nothing(officer, draft):
    response = _patch(_client(officer), f"/api/v1/requests/{draft.pk}", {"requested_state": "ZZZ"})
    assert response.status_code == 400 and "requested_state" in _fields(response)
    draft.refresh_from_db()
    assert draft.requested_state_id == "DEU" and draft.version == 1


def test_an_unknown_state_in_an_imported_draft_is_a_400_naming_the_field(officer):
    upload = SimpleUploadedFile(
        "draft.json",
        json.dumps({"kind": "mla", "requested_state": "ZZZ"}).encode(),
        content_type="application/json",
    )
    response = _client(officer).post("/requests/import/", {"file": upload})
    assert response.status_code == 400
    assert "requested_state" in response.content.decode()
    assert not Request.objects.exists()


# --- The requesting side is always the caller's own authority -------------------------------------
def test_an_officer_cannot_draft_in_another_states_name_through_the_api(german_officer, moj):
    response = _post(
        _client(german_officer),
        "/api/v1/requests",
        {"kind": "mla", "requesting_state": "UKR", "requesting_authority": str(moj.pk)},
    )
    assert response.status_code == 400
    assert _fields(response) == {"requesting_state", "requesting_authority"}
    assert not Request.objects.exists()


def test_leaving_the_requesting_side_out_makes_it_the_callers_own(german_officer, bfj):
    response = _post(_client(german_officer), "/api/v1/requests", {"kind": "mla"})
    assert response.status_code == 201
    data = response.json()["data"]
    assert data["requesting_state"] == "DEU" and data["requesting_authority"] == str(bfj.pk)


def test_a_patch_cannot_move_a_draft_to_another_authority(officer, draft, bfj):
    response = _patch(
        _client(officer), f"/api/v1/requests/{draft.pk}", {"requesting_authority": str(bfj.pk)}
    )
    assert response.status_code == 400 and _fields(response) == {"requesting_authority"}


def test_an_imported_draft_in_another_states_name_is_refused(german_officer, moj):
    upload = SimpleUploadedFile(
        "draft.json",
        json.dumps({"kind": "mla", "requesting_state": "UKR", "requested_state": "DEU"}).encode(),
    )
    response = _client(german_officer).post("/requests/import/", {"file": upload})
    assert response.status_code == 400
    assert "requesting_state" in response.content.decode()
    assert not Request.objects.exists()


def test_the_letterhead_is_always_the_owning_authoritys(officer, draft, bfj):
    """A draft saved before the rule, naming another authority, still prints its owner's name."""
    Request.objects.filter(pk=draft.pk).update(
        data={**draft.data, "requesting_authority": str(bfj.pk)}
    )
    response = _client(officer).get(f"/api/v1/requests/{draft.pk}/document?format=docx")
    assert response.status_code == 200
    from docx import Document

    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    letterhead = text.split("To:")[0]  # the addressee may be Bundesamt, the sender may not
    assert "Ministry of Justice" in letterhead and "Bundesamt" not in letterhead
    assert text.rstrip().endswith("Ministry of Justice")  # the signature block


# --- Paging beyond any integer ---------------------------------------------------------------------
@pytest.mark.parametrize("path", ["/api/v1/countries", "/api/v1/authorities", "/api/v1/requests"])
def test_an_offset_beyond_64_bits_is_a_400_on_every_list(officer, path):
    response = _client(officer).get(f"{path}?offset={HUGE}")
    assert response.status_code == 400 and "offset" in _fields(response)


# --- NUL bytes, line breaks, bidirectional controls ----------------------------------------------
@pytest.mark.parametrize("path", ["/api/v1/authorities", "/api/v1/countries"])
def test_a_nul_byte_in_a_search_is_a_400(officer, path):
    response = _client(officer).get(f"{path}?q=fraud%00")
    assert response.status_code == 400 and response["Content-Type"].startswith("application/json")


def test_a_nul_byte_in_a_page_search_is_a_400(officer):
    response = _client(officer).get("/directory/?q=fraud%00")
    assert response.status_code == 400
    assert "control character" in response.content.decode()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"facts": "Funds moved\x00 via Kyiv."}, "facts"),
        ({"reference": "UKR-2026/1\r\nBcc: x"}, "reference"),
        ({"reference": "invoice\u202egnp.exe"}, "reference"),
        ({"persons": [{"name": "Ivan\u2066 Petrenko"}]}, "persons.0.name"),
        ({"facts": "Funds \uffff moved."}, "facts"),
        ({"measures": [{"type": "bank\x00records"}]}, "measures.0.type"),
    ],
)
def test_refused_characters_are_a_400_naming_the_field(officer, draft, changes, field):
    response = _patch(_client(officer), f"/api/v1/requests/{draft.pk}", changes)
    assert response.status_code == 400 and field in _fields(response)
    draft.refresh_from_db()
    assert draft.version == 1


def test_line_breaks_in_the_facts_are_kept_as_line_breaks_and_render(officer, draft):
    client = _client(officer)
    response = _patch(
        client, f"/api/v1/requests/{draft.pk}", {"facts": "First.\r\nSecond.\rThird."}
    )
    assert response.status_code == 200
    assert response.json()["data"]["facts"] == "First.\nSecond.\nThird."
    for fmt in ("docx", "pdf"):
        assert client.get(f"/api/v1/requests/{draft.pk}/document?format={fmt}").status_code == 200


def test_a_request_saved_with_control_characters_before_the_rule_still_renders(officer, draft):
    Request.objects.filter(pk=draft.pk).update(
        data={**draft.data, "facts": "Old\x0b text\x1f with controls", "reference": "A\r\nB"}
    )
    client = _client(officer)
    for fmt in ("docx", "pdf"):
        assert client.get(f"/api/v1/requests/{draft.pk}/document?format={fmt}").status_code == 200


def test_a_bidirectional_control_in_a_directory_name_is_refused(db, moj):
    admin = factories.UserFactory(authority=moj, role=Role.AUTHORITY_ADMIN)
    body = "country,name,kind,source\nUKR,Office\u202etxt.exe,prosecution,https://example.org\n"
    response = _client(admin).post(
        "/api/v1/authorities/import", body.encode(), content_type="text/csv"
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "name"


def test_a_step_form_shows_the_refused_character_beside_the_field(officer, draft):
    response = _client(officer).post(
        f"/requests/{draft.pk}/parties/",
        {"requested_state": "DEU", "reference": "ref\u202e1", "language": "en", "version": 1},
    )
    page = response.content.decode()
    assert "bidirectional control character" in page and "ref\u202e1" in page
    draft.refresh_from_db()
    assert draft.reference == "UKR-2026/1"


# --- The directory import ------------------------------------------------------------------------
def test_an_import_row_with_the_id_of_another_states_entry_is_a_row_error(moj, bfj):
    admin = factories.UserFactory(authority=moj, role=Role.AUTHORITY_ADMIN)
    body = f"id,country,name,kind,source\n{bfj.pk},UKR,Taken over,prosecution,https://example.org\n"
    client = _client(admin)
    trail = AuditEntry.objects.count()
    response = client.post("/api/v1/authorities/import", body.encode(), content_type="text/csv")
    assert response.status_code == 400
    assert [(e["row"], e["field"]) for e in response.json()["errors"]] == [(2, "id")]
    bfj.refresh_from_db()
    assert bfj.name == "Bundesamt für Justiz" and bfj.country_id == "DEU"
    assert not Authority.objects.filter(name="Taken over").exists()
    assert AuditEntry.objects.count() == trail


def test_a_site_admin_may_move_an_entry_to_another_state_by_id(site_admin, moj, bfj):
    from tests.accounts.helpers import verified_login

    client = verified_login(Client(raise_request_exception=False), site_admin)
    body = f"id,country,name,kind,source\n{bfj.pk},UKR,Moved,prosecution,https://example.org\n"
    response = client.post("/api/v1/authorities/import", body.encode(), content_type="text/csv")
    assert response.status_code == 200, response.content
    bfj.refresh_from_db()
    assert (bfj.country_id, bfj.name) == ("UKR", "Moved")


# --- Sizes -----------------------------------------------------------------------------------------
def test_a_body_over_the_limit_is_a_413_in_json_for_the_api(officer, settings):
    settings.COMITY_MAX_BODY_BYTES = 1000
    response = _post(_client(officer), "/api/v1/requests", {"kind": "mla", "facts": "x" * 2000})
    assert response.status_code == 413
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["errors"][0]["field"] == "body"


def test_a_page_upload_over_the_limit_is_a_413_page(officer, settings):
    settings.COMITY_MAX_BODY_BYTES = 1000
    upload = SimpleUploadedFile("draft.json", b"{" + b" " * 5000 + b"}")
    response = _client(officer).post("/requests/import/", {"file": upload})
    assert response.status_code == 413 and "Too large" in response.content.decode()


def test_the_list_of_requests_gives_summaries_not_bodies(officer, draft):
    item = _client(officer).get("/api/v1/requests").json()["items"][0]
    assert "data" not in item and item["reference"] == "UKR-2026/1"


def test_a_document_that_takes_too_long_is_a_clear_422_and_the_worker_lives(
    officer, draft, settings
):
    settings.COMITY_RENDER_TIMEOUT = 0.001
    client = _client(officer)
    response = client.get(f"/api/v1/requests/{draft.pk}/document?format=pdf")
    assert response.status_code == 422
    assert "could not be made within" in response.json()["detail"]
    settings.COMITY_RENDER_TIMEOUT = 30
    assert client.get(f"/api/v1/requests/{draft.pk}/document?format=docx").status_code == 200


# --- Downloads and caching ------------------------------------------------------------------------
def test_a_download_keeps_a_non_latin_reference_in_its_file_name(officer, draft):
    client = _client(officer)
    _patch(client, f"/api/v1/requests/{draft.pk}", {"reference": "ГПУ-2026/118"})
    response = client.get(f"/api/v1/requests/{draft.pk}/document?format=docx")
    disposition = response["Content-Disposition"]
    assert "filename*=utf-8''%D0%93%D0%9F%D0%A3-2026-118-en.docx" in disposition


@pytest.mark.parametrize(
    "path",
    [
        "/requests/{pk}/facts/",
        "/requests/{pk}/export/",
        "/api/v1/requests/{pk}",
        "/api/v1/requests/{pk}/document?format=docx",
        "/audit/",
    ],
)
def test_confidential_pages_and_downloads_are_not_stored_by_browsers(officer, draft, path):
    admin = factories.UserFactory(authority=officer.authority, role=Role.AUTHORITY_ADMIN)
    response = _client(admin).get(path.format(pk=draft.pk))
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"


def test_the_api_docs_load_from_our_own_files_under_the_csp(db):
    response = _client().get("/api/v1/docs")
    page = response.content.decode()
    assert response.status_code == 200 and "cdn" not in page.lower()
    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert "script-src 'self'" in response["Content-Security-Policy"]


@pytest.mark.parametrize(
    "row",
    [
        {"email": ["a@example.org"]},
        {"name": {"en": "x"}},
        {"competences": [{"code": "mla"}]},
        {"urgent": {"phone": ["+380441234567"]}},
        {"names": {"en": 5}},
        {"is_example": "perhaps"},
        {"urgent": "call us"},
    ],
)
def test_an_import_value_of_the_wrong_type_is_a_row_error_not_a_crash(moj, row):
    admin = factories.UserFactory(authority=moj, role=Role.AUTHORITY_ADMIN)
    entry = {"country": "UKR", "name": "Office", "kind": "prosecution", "source": "https://x.org"}
    response = _client(admin).post(
        "/api/v1/authorities/import",
        json.dumps([{**entry, **row}]),
        content_type="application/json",
    )
    assert response.status_code == 400, response.content
    assert response.json()["errors"][0]["row"] == 1


def test_a_form_post_with_a_broken_multipart_body_is_a_400(officer):
    response = _client(officer).generic(
        "POST", "/requests/import/", b"junk", content_type="multipart/form-data"
    )
    assert response.status_code == 400


def test_one_person_renders_one_document_at_a_time_and_the_site_keeps_workers_free(
    officer, draft, settings
):
    from comity.core import slots

    client = _client(officer)
    url = f"/api/v1/requests/{draft.pk}/document?format=docx"
    with slots.claim(f"render-person-{officer.pk}"):
        mine = client.get(url)
    assert mine.status_code == 429 and mine["Retry-After"] == "5"
    settings.COMITY_RENDER_SLOTS = 1
    with slots.claim("render", capacity=1):
        busy = client.get(url)
    assert busy.status_code == 503 and "Try again" in busy.json()["detail"]
    assert client.get(url).status_code == 200  # every slot free again


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"items": []}, 200),  # the export's shape without its count, as the document allows
        ({"count": 0, "items": []}, 200),
        ({"count": "0", "items": []}, 400),
        ({"count": 0}, 400),
        ({"count": 0, "items": [], "more": 1}, 400),
    ],
)
def test_an_import_body_is_accepted_exactly_when_the_api_document_allows_it(moj, body, status):
    from comity.api.openapi import current_document

    admin = factories.UserFactory(authority=moj, role=Role.AUTHORITY_ADMIN)
    document = json.loads(current_document())
    operation = document["paths"]["/api/v1/authorities/import"]["post"]
    shape = operation["requestBody"]["content"]["application/json"]["schema"]["anyOf"][0]
    documented_valid = (
        set(body) <= set(shape["properties"])
        and set(shape["required"]) <= set(body)
        and isinstance(body.get("count", 0), int)
    )
    assert documented_valid == (status == 200)
    response = _client(admin).post(
        "/api/v1/authorities/import?dry_run=true", json.dumps(body), content_type="application/json"
    )
    assert response.status_code == status, response.content
