"""Drafts: saving never fails for a missing fact, every version is kept, only the owning
authority sees its requests, and a draft travels as JSON."""

import json

import pytest

from comity.accounts.models import ApiToken, Role
from comity.audit.models import AuditEntry
from comity.drafting import services
from comity.drafting.models import Request
from comity.drafting.schema import empty_body
from comity.drafting.selectors import compare_versions
from tests import factories


@pytest.fixture
def ukr_authority(db):
    return factories.AuthorityFactory(
        country=factories.country("UKR"), name="Office of the Prosecutor General"
    )


@pytest.fixture
def officer(ukr_authority):
    return factories.UserFactory(authority=ukr_authority, role=Role.OFFICER)


def _body(**overrides):
    factories.country("DEU")
    body = empty_body(kind="mla", requesting_state="UKR")
    body.update(
        requested_state="DEU", reference="UKR-2026-001", facts="Funds moved through Berlin."
    )
    body.update(overrides)
    return body


def _draft(officer, **overrides) -> Request:
    return services.create_request(owner=officer.authority, data=_body(**overrides), actor=officer)


def test_an_empty_draft_saves_and_keeps_version_one(officer):
    draft = services.create_request(
        owner=officer.authority,
        actor=officer,
        data=empty_body(kind="extradition", requesting_state="UKR"),
    )
    assert draft.version == 1 and draft.status == "draft"
    assert draft.versions.get().number == 1
    assert AuditEntry.objects.filter(action="create", object_id=str(draft.pk)).exists()


def test_each_save_keeps_a_version_and_audits_the_changed_parts(officer):
    draft = _draft(officer)
    services.update_request(
        request=draft, data={**draft.data, "facts": "Funds moved via Kyiv."}, actor=officer
    )
    assert draft.version == 2
    old, new = draft.versions.order_by("number")
    assert compare_versions(old, new) == [
        ("facts", "Funds moved through Berlin.", "Funds moved via Kyiv.")
    ]
    change = AuditEntry.objects.filter(action="update", object_id=str(draft.pk)).get()
    assert change.changed_fields == ["facts"]


def test_saving_the_same_body_makes_no_new_version(officer):
    draft = _draft(officer)
    services.update_request(request=draft, data=dict(draft.data), actor=officer)
    assert draft.version == 1


def test_a_malformed_body_is_refused_with_the_field_and_nothing_changes(officer):
    draft = _draft(officer)
    bad = {**draft.data, "urgency": {"urgent": True, "deadline": "next week", "reason": ""}}
    with pytest.raises(services.RequestInputError) as caught:
        services.update_request(request=draft, data=bad, actor=officer)
    assert caught.value.errors[0]["field"] == "urgency.deadline"
    draft.refresh_from_db()
    assert draft.version == 1


@pytest.fixture
def people(officer, ukr_authority):
    other = factories.AuthorityFactory(country=factories.country("DEU"))
    return {
        "own_officer": officer,
        "own_viewer": factories.UserFactory(authority=ukr_authority, role=Role.VIEWER),
        "other_officer": factories.UserFactory(authority=other, role=Role.OFFICER),
    }


def _token(user):
    plain, key_id, key_hash = ApiToken.new_key()
    ApiToken.objects.create(user=user, name="t", key_id=key_id, key_hash=key_hash)
    return {"HTTP_AUTHORIZATION": f"Bearer {plain}"}


@pytest.mark.parametrize(
    ("who", "read", "write"),
    [
        ("anonymous", 401, 401),
        ("other_officer", 404, 404),
        ("own_viewer", 200, 404),
        ("own_officer", 200, 200),
    ],
)
def test_api_permission_matrix(client, people, who, read, write):
    draft = _draft(people["own_officer"])
    auth = _token(people[who]) if who != "anonymous" else {}
    assert client.get(f"/api/v1/requests/{draft.pk}", **auth).status_code == read
    patch = client.patch(
        f"/api/v1/requests/{draft.pk}",
        json.dumps({"purpose": "Trial evidence"}),
        content_type="application/json",
        **auth,
    )
    assert patch.status_code == write
    draft.refresh_from_db()
    assert (draft.data["purpose"] == "Trial evidence") == (write == 200)


def test_api_create_and_list(client, people):
    auth = _token(people["own_officer"])
    created = client.post(
        "/api/v1/requests", json.dumps(_body()), content_type="application/json", **auth
    )
    assert created.status_code == 201
    assert created.json()["data"]["facts"] == "Funds moved through Berlin."
    assert client.get("/api/v1/requests", **auth).json()["count"] == 1
    assert client.get("/api/v1/requests", **_token(people["other_officer"])).json()["count"] == 0


def test_api_create_with_a_bad_kind_is_a_400_naming_the_field(client, people):
    auth = _token(people["own_officer"])
    response = client.post(
        "/api/v1/requests",
        json.dumps(_body(kind="teleport")),
        content_type="application/json",
        **auth,
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "kind"


def test_viewers_cannot_create(client, people):
    response = client.post(
        "/api/v1/requests",
        json.dumps(_body()),
        content_type="application/json",
        **_token(people["own_viewer"]),
    )
    assert response.status_code == 403


def test_export_then_import_gives_the_same_body(client, people):
    officer = people["own_officer"]
    draft = _draft(
        officer,
        persons=[{"role": "suspect", "name": "Ivan Petrenko"}],
        requesting_authority=str(officer.authority_id),
    )
    client.force_login(officer)
    exported = client.get(f"/requests/{draft.pk}/export/")
    assert exported["Content-Type"] == "application/json"
    upload = exported.content
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post("/requests/import/", {"file": SimpleUploadedFile("r.json", upload)})
    assert response.status_code == 302
    copy = Request.objects.exclude(pk=draft.pk).get()
    assert copy.data == draft.data


def test_import_of_a_malformed_file_writes_nothing(client, people):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(people["own_officer"])
    bad = json.dumps({**_body(), "kind": "teleport"}).encode()
    response = client.post("/requests/import/", {"file": SimpleUploadedFile("r.json", bad)})
    assert response.status_code == 400
    assert "kind" in response.content.decode()
    assert not Request.objects.exists()


def test_other_authorities_get_404_on_every_page(client, people):
    draft = _draft(people["own_officer"])
    client.force_login(people["other_officer"])
    for path in (
        f"/requests/{draft.pk}/parties/",
        f"/requests/{draft.pk}/review/",
        f"/requests/{draft.pk}/export/",
        f"/requests/{draft.pk}/compare/?a=1&b=1",
    ):
        assert client.get(path).status_code == 404, path
