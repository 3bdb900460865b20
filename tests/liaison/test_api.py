"""The informal channel through the API: Ghana's FIU asks Nigeria's about two accounts under
H2; Nigeria answers; passing the answer to Nigeria's police is a 409 until Ghana consents; the
accounts are found in any spelling; the sender sees who read its message."""

import pytest

from tests.liaison.test_channel import ACCOUNT

pytestmark = pytest.mark.django_db


def _post(client, url, data):
    return client.post(url, data, content_type="application/json")


def test_the_h2_journey(client, fius):
    client.force_login(fius["gha"])
    sent = _post(
        client,
        "/api/v1/messages",
        {
            "to_authority": str(fius["nigeria_fiu"].pk),
            "kind": "request",
            "subject": "Two accounts",
            "body": "Holders and movements, please.",
            "handling": "H2",
            "source_evaluation": "B",
            "information_evaluation": "2",
            "entities": [{"type": "account", "value": ACCOUNT}],
        },
    )
    assert sent.status_code == 201, sent.content
    request_id = sent.json()["id"]
    client.force_login(fius["nga"])
    inbox = client.get("/api/v1/messages?box=inbox&q=gb29nwbk60161331926819").json()
    assert [m["id"] for m in inbox["items"]] == [request_id]
    assert inbox["items"][0]["handling_label"].startswith("H2")
    opened = client.get(f"/api/v1/messages/{request_id}").json()
    assert opened["entities"] == [{"type": "account", "value": ACCOUNT}]
    answer = _post(
        client,
        "/api/v1/messages",
        {
            "to_authority": str(fius["ghana_fiu"].pk),
            "kind": "answer",
            "subject": "Re: Two accounts",
            "body": "A shell company in Lagos.",
            "handling": "H1",
            "source_evaluation": "A",
            "information_evaluation": "1",
            "in_reply_to": request_id,
        },
    ).json()
    police = {"to_authority": str(fius["nigeria_police"].pk)}
    refused = _post(client, f"/api/v1/messages/{answer['id']}/forward", police)
    assert refused.status_code == 409 and "consent" in refused.json()["detail"]
    # Nigeria cannot consent for Ghana.
    assert (
        _post(client, f"/api/v1/messages/{answer['id']}/consent", {"granted": True}).status_code
        == 422
    )
    client.force_login(fius["gha"])
    consent = _post(client, f"/api/v1/messages/{answer['id']}/consent", {"granted": True})
    assert consent.status_code == 201 and consent.json()["granted"] is True
    client.force_login(fius["nga"])
    forwarded = _post(client, f"/api/v1/messages/{answer['id']}/forward", police)
    assert forwarded.status_code == 201
    assert (
        forwarded.json()["handling"] == "H1" and forwarded.json()["forwarded_from"] == answer["id"]
    )
    client.force_login(fius["gha"])
    reads = client.get(f"/api/v1/messages/{request_id}/reads").json()
    assert [r["user"] for r in reads] == [fius["nga"].username]
    client.force_login(fius["police"])
    assert client.get(f"/api/v1/messages/{request_id}").status_code == 404


def test_bad_input_names_the_field(client, fius):
    client.force_login(fius["gha"])
    answer = _post(
        client,
        "/api/v1/messages",
        {
            "to_authority": str(fius["ghana_fiu"].pk),
            "kind": "request",
            "subject": "To myself",
            "handling": "H3",
            "source_evaluation": "B",
            "information_evaluation": "2",
        },
    )
    assert answer.status_code == 422
    assert {e["field"] for e in answer.json()["errors"]} == {"to_authority", "handling_note"}
