"""Nothing typed is lost: two people saving the same step, a step that fails validation, a final
request, and the API's optimistic locking (If-Match / version, 409 with the current request)."""

import json
import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from comity.accounts.models import Role
from comity.drafting import services
from comity.drafting.models import Request, RequestVersion
from comity.drafting.schema import empty_body
from tests import factories


@pytest.fixture
def officer(db):
    authority = factories.AuthorityFactory(country=factories.country("UKR"), name="MoJ")
    factories.country("DEU")
    return factories.UserFactory(authority=authority, role=Role.OFFICER, first_name="Olena")


@pytest.fixture
def colleague(officer):
    return factories.UserFactory(authority=officer.authority, role=Role.OFFICER, first_name="Taras")


@pytest.fixture
def draft(officer):
    body = empty_body(kind="mla", requesting_state="UKR")
    body.update(requested_state="DEU")
    return services.create_request(owner=officer.authority, data=body, actor=officer)


def _step(draft, step):
    return reverse("drafting:step", args=[draft.pk, step])


def _as(user) -> Client:
    # A server error is an answer to assert on, not an exception in the test.
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


# --- Pages -----------------------------------------------------------------------------------------
def test_the_second_save_of_the_same_step_is_refused_with_the_other_change_shown(
    officer, colleague, draft
):
    first, second = _as(officer), _as(colleague)
    # Both open the facts step at version 1.
    assert 'name="version" value="1"' in first.get(_step(draft, "facts")).content.decode()
    saved = first.post(_step(draft, "facts"), {"facts": "Funds moved through Kyiv.", "version": 1})
    assert saved.status_code == 302
    refused = second.post(
        _step(draft, "facts"), {"facts": "The shell company sits in Berlin.", "version": 1}
    )
    page = refused.content.decode()
    assert refused.status_code == 409
    assert "Someone else saved this part meanwhile" in page
    assert "Funds moved through Kyiv." in page  # their change, shown
    assert "The shell company sits in Berlin." in page  # what the second person typed, kept
    assert 'name="version" value="2"' in page and 'name="overwrite"' in page
    draft.refresh_from_db()
    assert draft.data["facts"] == "Funds moved through Kyiv." and draft.version == 2


def test_after_seeing_the_conflict_the_second_person_may_save_their_version(
    officer, colleague, draft
):
    _as(officer).post(_step(draft, "facts"), {"facts": "Kyiv.", "version": 1})
    response = _as(colleague).post(
        _step(draft, "facts"), {"facts": "Berlin.", "version": 2, "overwrite": "1", "stay": "1"}
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.data["facts"] == "Berlin." and draft.version == 3


def test_saves_of_different_steps_at_once_both_stand(officer, colleague, draft):
    _as(officer).post(_step(draft, "facts"), {"facts": "Kyiv.", "version": 1})
    response = _as(colleague).post(
        _step(draft, "conditions"), {"purpose": "Evidence at trial.", "version": 1}
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.data["facts"] == "Kyiv." and draft.data["purpose"] == "Evidence at trial."


def test_a_step_that_fails_validation_shows_everything_typed_with_the_error_beside_the_field(
    officer, draft
):
    response = _as(officer).post(
        _step(draft, "conditions"),
        {
            "purpose": "To prove the laundering scheme.",
            "contact_name": "Olena Koval",
            "contact_email": "not-an-email",
            "version": 1,
        },
    )
    page = response.content.decode()
    assert "To prove the laundering scheme." in page and 'value="Olena Koval"' in page
    assert 'value="not-an-email"' in page
    assert 'id="id_contact_email-error"' in page or "errorlist" in page
    assert "data-unsaved" in page  # leaving the page asks first
    draft.refresh_from_db()
    assert draft.version == 1 and draft.data["purpose"] == ""


def test_a_final_request_is_shown_read_only_with_the_way_to_reopen_it(officer, draft):
    Request.objects.filter(pk=draft.pk).update(status="final", finalised_at="2026-11-01T10:00Z")
    client = _as(officer)
    page = client.get(_step(draft, "facts")).content.decode()
    assert "This request is final" in page
    assert '<fieldset class="plain" disabled>' in page
    assert "Save and continue" not in page and "data-guard" not in page
    assert 'name="to" value="draft"' in page
    response = client.post(_step(draft, "facts"), {"facts": "Changed.", "version": 1})
    assert response.status_code == 409
    assert "nothing was saved" in response.content.decode()
    draft.refresh_from_db()
    assert draft.data["facts"] == ""


def test_reopening_a_final_request_keeps_the_final_version_and_starts_a_new_one(officer, draft):
    Request.objects.filter(pk=draft.pk).update(status="final", finalised_at="2026-11-01T10:00Z")
    _as(officer).post(
        reverse("drafting:transition", args=[draft.pk]), {"to": "draft", "version": 1}
    )
    draft.refresh_from_db()
    assert draft.status == "draft" and draft.version == 2
    assert RequestVersion.objects.get(request=draft, number=2).note == "reopened as a draft"


def test_the_language_menu_changes_language_only_on_an_explicit_choice(officer, draft):
    page = _as(officer).get(_step(draft, "facts")).content.decode()
    assert "data-autosubmit" not in page
    assert '<button type="submit" name="language" value="fr"' in page


# --- API -------------------------------------------------------------------------------------------
def _api(user) -> Client:
    return _as(user)


def _patch(client, draft, body, **headers):
    return client.patch(
        f"/api/v1/requests/{draft.pk}",
        json.dumps(body),
        content_type="application/json",
        headers=headers,
    )


def test_every_answer_about_a_request_carries_its_version_as_etag(officer, draft):
    response = _api(officer).get(f"/api/v1/requests/{draft.pk}")
    assert response["ETag"] == '"1"'


def test_a_patch_with_a_stale_if_match_is_refused_with_409_and_the_current_request(
    officer, colleague, draft
):
    assert (
        _patch(_api(officer), draft, {"facts": "Kyiv."}, **{"If-Match": '"1"'}).status_code == 200
    )
    response = _patch(_api(colleague), draft, {"facts": "Berlin."}, **{"If-Match": '"1"'})
    assert response.status_code == 409
    body = response.json()
    assert body["current"]["version"] == 2 and body["current"]["data"]["facts"] == "Kyiv."
    assert body["errors"][0]["field"] == "version" and response["ETag"] == '"2"'
    draft.refresh_from_db()
    assert draft.data["facts"] == "Kyiv."


def test_a_version_field_works_like_if_match(officer, draft):
    _patch(_api(officer), draft, {"facts": "Kyiv."})
    response = _patch(_api(officer), draft, {"facts": "Berlin.", "version": 1})
    assert response.status_code == 409
    assert _patch(_api(officer), draft, {"facts": "Berlin.", "version": 2}).status_code == 200


def test_a_malformed_if_match_is_a_400_naming_the_header(officer, draft):
    response = _patch(_api(officer), draft, {"facts": "x"}, **{"If-Match": "yesterday"})
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "If-Match"


def test_a_final_request_answers_409_to_a_patch(officer, draft):
    Request.objects.filter(pk=draft.pk).update(status="final", finalised_at="2026-11-01T10:00Z")
    response = _patch(_api(officer), draft, {"facts": "x"})
    assert response.status_code == 409


@pytest.mark.django_db(transaction=True)
def test_concurrent_patches_never_give_a_server_error_and_lose_nothing():
    """Sixteen clients PATCH the same draft at once, each a part of its own: every answer is 200
    or 409, and every acknowledged change is in the request."""
    authority = factories.AuthorityFactory(country=factories.country("UKR"), name="MoJ")
    factories.country("DEU")
    user = factories.UserFactory(authority=authority, role=Role.OFFICER)
    body = empty_body(kind="mla", requesting_state="UKR")
    draft = services.create_request(owner=authority, data=body, actor=user)
    fields = ["facts", "purpose", "procedure", "dual_criminality"]
    results: list[tuple[str, str, int]] = []
    barrier = threading.Barrier(16, timeout=30)

    def worker(number: int):
        client = _as(user)
        field = fields[number % len(fields)]
        value = f"written by client {number}"
        barrier.wait()
        try:
            status = _patch(client, draft, {field: value}).status_code
        finally:
            connection.close()
        results.append((field, value, status))

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 16
    statuses = sorted({status for _f, _v, status in results})
    assert set(statuses) <= {200, 409}, statuses
    draft.refresh_from_db()
    acknowledged = [(f, v) for f, v, status in results if status == 200]
    versions = RequestVersion.objects.filter(request=draft)
    assert draft.version == versions.count()  # one version row per write, no gap, no clash
    for field, value in acknowledged:
        assert any(v.data[field] == value for v in versions), (field, value)
    for field in fields:  # the last acknowledged write of each part is what the request says
        last = [v for f, v in acknowledged if f == field]
        if last:
            assert draft.data[field] in last


# --- A draft deleted while someone writes to it ----------------------------------------------------
def test_a_write_to_a_draft_deleted_since_it_was_read_is_not_found_and_changes_nothing(
    officer, draft
):
    from comity.core.rows import Gone

    seen = Request.objects.get(pk=draft.pk)  # what a page or endpoint read a moment before
    services.delete_request(request=draft, actor=officer)
    with pytest.raises(Gone):
        services.update_request(request=seen, changes={"facts": "late"}, actor=officer)
    with pytest.raises(Gone):
        services.transition(request=seen, to="final", actor=officer)
    with pytest.raises(Gone):
        services.delete_request(request=seen, actor=officer)
    assert not Request.objects.filter(pk=draft.pk).exists()
    assert not RequestVersion.objects.filter(request_id=draft.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_patches_racing_a_delete_are_answered_200_404_or_409_never_500():
    """Clients PATCH a draft while another deletes it: each answer is one the API documents."""
    authority = factories.AuthorityFactory(country=factories.country("UKR"), name="MoJ")
    factories.country("DEU")
    user = factories.UserFactory(authority=authority, role=Role.OFFICER)
    statuses: list[int] = []
    for round_ in range(6):
        body = empty_body(kind="mla", requesting_state="UKR")
        draft = services.create_request(owner=authority, data=body, actor=user)
        barrier = threading.Barrier(8, timeout=30)

        def worker(number: int, draft=draft, barrier=barrier, round_=round_):
            client = _as(user)
            barrier.wait()
            try:
                if number == 0:
                    answer = client.delete(f"/api/v1/requests/{draft.pk}")
                else:
                    answer = _patch(client, draft, {"facts": f"round {round_} client {number}"})
                statuses.append(answer.status_code)
            finally:
                connection.close()

        threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert len(statuses) == 48
    assert set(statuses) <= {200, 204, 404, 409}, sorted(set(statuses))
