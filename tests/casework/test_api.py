"""The case register's API: opening cases both ways, the list and its filters, changes under
optimistic locking, the life cycle's moves and refusals, the overdue list, and who may do what."""

import datetime
import json

import pytest
import time_machine
from django.test import Client

from comity.accounts import services as account_services
from comity.accounts.models import Role
from comity.audit.models import AuditEntry
from comity.casework import services
from comity.casework.models import Case
from comity.drafting import services as drafting_services
from comity.drafting.models import Request
from comity.drafting.schema import empty_body
from tests import factories

RECEIVED = datetime.date(2026, 1, 12)
JANUARY = datetime.datetime(2026, 1, 15, 10, tzinfo=datetime.UTC)
JUNE = datetime.datetime(2026, 6, 1, 10, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _in_january():
    with time_machine.travel(JANUARY, tick=False):
        yield


@pytest.fixture
def moj(db):
    factories.country("DEU")
    factories.country("FRA")
    return factories.AuthorityFactory(country=factories.country("UKR"), name="Ministry of Justice")


@pytest.fixture
def officer(moj):
    return factories.UserFactory(authority=moj, role=Role.OFFICER)


@pytest.fixture
def viewer(moj):
    return factories.UserFactory(authority=moj, role=Role.VIEWER)


@pytest.fixture
def german(db):
    bfj = factories.AuthorityFactory(country=factories.country("DEU"), name="Bundesamt")
    return factories.UserFactory(authority=bfj, role=Role.OFFICER)


def _client(user) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def _post(client, url, body, **headers):
    return client.post(url, json.dumps(body), content_type="application/json", headers=headers)


def _patch(client, url, body, **headers):
    return client.patch(url, json.dumps(body), content_type="application/json", headers=headers)


def _fields(response) -> dict:
    return {e["field"]: e["message"] for e in response.json()["errors"]}


INCOMING = {
    "direction": "incoming",
    "received_on": RECEIVED.isoformat(),
    "kind": "mla",
    "counterpart_state": "DEU",
    "their_reference": "BfJ 2026/77",
    "entities": [{"kind": "person", "role": "suspect", "value": "Олександр Коваленко"}],
}


def _incoming(officer, **changes) -> Case:
    data = {k: v for k, v in {**INCOMING, **changes}.items() if k != "direction"}
    return services.register_incoming(owner=officer.authority, actor=officer, data=data)


def _final_request(officer) -> Request:
    body = empty_body(kind="mla", requesting_state="UKR")
    body.update(requested_state="FRA", reference="MOJ-2026/5")
    draft = drafting_services.create_request(owner=officer.authority, data=body, actor=officer)
    Request.objects.filter(pk=draft.pk).update(status="final", finalised_at=JANUARY)
    return draft


# --- Opening cases ---------------------------------------------------------------------------------
def test_an_incoming_case_is_registered_for_the_callers_authority(officer):
    response = _post(_client(officer), "/api/v1/cases", INCOMING)
    assert response.status_code == 201, response.content
    case = response.json()
    assert (case["direction"], case["status"], case["counterpart_state"]) == (
        "incoming",
        "received",
        "DEU",
    )
    assert case["received_on"] == "2026-01-12" and case["sent_on"] is None
    assert case["our_reference"] == "UKR-IN-2026/00001"
    assert case["deadline"] == "2026-04-12"  # the 90-day target for incoming MLA
    assert case["entities"][0]["value"] == "Олександр Коваленко"
    assert [e["kind"] for e in case["events"]] == ["opened"]
    assert case["allowed_transitions"] == ["registered", "closed"]
    assert response["ETag"] == '"1"'
    assert Case.objects.get(pk=case["id"]).owner == officer.authority


def test_the_outgoing_case_of_a_final_request(officer):
    request = _final_request(officer)
    client = _client(officer)
    response = _post(client, "/api/v1/cases", {"direction": "outgoing", "request": str(request.pk)})
    assert response.status_code == 201, response.content
    case = response.json()
    assert (case["status"], case["request"], case["counterpart_state"]) == (
        "draft",
        str(request.pk),
        "FRA",
    )
    assert case["our_reference"] == "MOJ-2026/5" and case["sent_on"] is None
    again = _post(client, "/api/v1/cases", {"direction": "outgoing", "request": str(request.pk)})
    assert again.status_code == 200 and again.json()["id"] == case["id"]


def test_an_outgoing_case_needs_a_final_request_of_ones_own(officer, german):
    request = _final_request(officer)
    Request.objects.filter(pk=request.pk).update(status="draft")
    for who in (officer, german):
        response = _post(
            _client(who), "/api/v1/cases", {"direction": "outgoing", "request": str(request.pk)}
        )
        assert response.status_code == 400
        assert _fields(response) == {"request": "No final request of your authority has this id."}
    assert not Case.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"counterpart_state": "ZZZ"}, "counterpart_state"),
        ({"counterpart_state": "UKR"}, "counterpart_state"),  # one's own State
        ({"received_on": "2026-02-01"}, "received_on"),  # tomorrow and after
        ({"received_on": "12/01/2026"}, "received_on"),
        ({"colour": "blue"}, "colour"),
        ({"kind": "espionage"}, "kind"),
        ({"assigned_to": 2**64}, "assigned_to"),
        ({"counterpart_authority": "not-an-id"}, "counterpart_authority"),
        ({"entities": [{"value": "Ivan\u202e Petrenko"}]}, "entities.0.value"),
        ({"direction": "sideways"}, "direction"),
        ({"received_on": None}, "received_on"),
    ],
)
def test_bad_input_on_registration_is_a_400_naming_the_field(officer, changes, field):
    response = _post(_client(officer), "/api/v1/cases", {**INCOMING, **changes})
    assert response.status_code == 400, response.content
    assert field in _fields(response)
    assert not Case.objects.exists()


def test_a_viewer_cannot_register_a_case(viewer):
    response = _post(_client(viewer), "/api/v1/cases", INCOMING)
    assert response.status_code == 403 and not Case.objects.exists()


# --- The list --------------------------------------------------------------------------------------
@pytest.fixture
def register(officer):
    """Three incoming cases, registered a minute apart."""
    details = [
        {},
        {
            "counterpart_state": "FRA",
            "kind": "extradition",
            "priority": "urgent",
            "entities": [{"value": "Marie Dubois"}],
        },
        {"entities": [{"value": "Jürgen Müller"}], "assigned_to": officer.pk},
    ]
    cases = []
    for minute, changes in enumerate(details):
        with time_machine.travel(JANUARY + datetime.timedelta(minutes=minute), tick=False):
            cases.append(_incoming(officer, **changes))
    return cases


def _listed(client, query="") -> list[str]:
    body = client.get(f"/api/v1/cases{query}").json()
    assert body["count"] == len(body["items"]) or "limit" in query
    return [item["our_reference"] for item in body["items"]]


def test_the_list_pages_and_filters(officer, register):
    client = _client(officer)
    first, second, third = (c.our_reference for c in register)
    assert _listed(client) == [third, second, first]  # most recently changed first
    page = client.get("/api/v1/cases?limit=1&offset=1").json()
    assert page["count"] == 3 and [i["our_reference"] for i in page["items"]] == [second]
    assert _listed(client, "?counterpart_state=FRA") == [second]
    assert _listed(client, "?kind=extradition&priority=urgent") == [second]
    assert _listed(client, f"?assigned_to={officer.pk}") == [third]
    assert _listed(client, "?direction=outgoing") == []
    assert _listed(client, "?status=received&open=true") == [third, second, first]
    item = client.get("/api/v1/cases?limit=1").json()["items"][0]
    assert "events" not in item and item["overdue"] is False and item["version"] == 1


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("Коваленко", 0),
        ("kovalenko", 0),
        ("oleksandr", 0),
        ("muller", 2),
        ("Müll", 2),
        ("dubois marie", 1),
        ("bfj 2026", None),
    ],
)
def test_search_finds_names_in_either_script_and_references(officer, register, q, expected):
    found = _listed(_client(officer), f"?q={q}")
    if expected is None:
        assert sorted(found) == sorted(c.our_reference for c in register)
    else:
        assert found == [register[expected].our_reference]


@pytest.mark.parametrize(
    "query",
    [
        "?limit=501",
        "?offset=-1",
        f"?offset={2**64}",
        "?status=lost",
        "?counterpart_state=ZZZ",
        f"?assigned_to={2**64}",
        "?q=fraud%00",
        "?open=perhaps",
    ],
)
def test_bad_list_parameters_are_a_400(officer, query):
    response = _client(officer).get(f"/api/v1/cases{query}")
    assert response.status_code == 400 and response.json()["errors"]


def test_another_authoritys_case_is_not_found(officer, german):
    case = _incoming(officer)
    client = _client(german)
    assert client.get(f"/api/v1/cases/{case.pk}").status_code == 404
    assert client.get("/api/v1/cases").json() == {"count": 0, "count_exact": True, "items": []}
    response = _patch(client, f"/api/v1/cases/{case.pk}", {"subject": "Taken over"})
    assert response.status_code == 404
    moved = _post(client, f"/api/v1/cases/{case.pk}/transitions", {"to": "registered"})
    assert moved.status_code == 404
    case.refresh_from_db()
    assert (case.subject, case.status, case.version) == ("", "received", 1)


def test_anonymous_callers_get_401(officer):
    case = _incoming(officer)
    client = Client()
    assert client.get("/api/v1/cases").status_code == 401
    assert client.get(f"/api/v1/cases/{case.pk}").status_code == 401
    assert client.get("/api/v1/cases/overdue").status_code == 401


def test_a_token_works_like_a_session(officer):
    case = _incoming(officer)
    _token, plain = account_services.create_token(user=officer, name="sync", actor=officer)
    client = Client()
    auth = {"Authorization": f"Bearer {plain}"}
    assert client.get(f"/api/v1/cases/{case.pk}", headers=auth).status_code == 200
    response = client.patch(
        f"/api/v1/cases/{case.pk}",
        json.dumps({"subject": "Fraud via Kyiv"}),
        content_type="application/json",
        headers=auth,
    )
    assert response.status_code == 200 and response.json()["subject"] == "Fraud via Kyiv"


# --- Changing a case -------------------------------------------------------------------------------
def test_a_change_with_the_current_etag_is_saved_and_audited(officer):
    case = _incoming(officer)
    client = _client(officer)
    url = f"/api/v1/cases/{case.pk}"
    etag = client.get(url)["ETag"]
    response = _patch(
        client, url, {"subject": "Fraud", "requested_deadline": "2026-03-01"}, **{"If-Match": etag}
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["subject"], body["deadline"], body["version"]) == ("Fraud", "2026-03-01", 2)
    assert response["ETag"] == '"2"'
    assert body["events"][0]["kind"] == "changed"
    assert AuditEntry.objects.filter(object_id=str(case.pk), action="update").exists()


def test_a_stale_change_is_a_409_with_the_current_case_and_changes_nothing(officer):
    case = _incoming(officer)
    services.update_case(case=case, actor=officer, data={"subject": "Theirs"})
    client = _client(officer)
    url = f"/api/v1/cases/{case.pk}"
    for how in (
        {"headers": {"If-Match": '"1"'}, "body": {}},
        {"headers": {}, "body": {"version": 1}},
    ):
        response = _patch(client, url, {"subject": "Mine", **how["body"]}, **how["headers"])
        assert response.status_code == 409, response.content
        body = response.json()
        assert "someone else" in body["detail"]
        assert body["current"]["subject"] == "Theirs" and body["current"]["version"] == 2
        assert response["ETag"] == '"2"'
    case.refresh_from_db()
    assert (case.subject, case.version) == ("Theirs", 2)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"status": "closed"}, "status"),
        ({"owner": "someone"}, "owner"),
        ({"version": "1"}, "version"),
        ({"priority": "whenever"}, "priority"),
        ({"counterpart_state": None}, "counterpart_state"),
        ({"target_date": "2025-12-01"}, "target_date"),  # before the day it was received
        (
            {"counterpart_authority": "4f1c7b7e-0000-4000-8000-000000000000"},
            "counterpart_authority",
        ),
    ],
)
def test_a_bad_change_is_a_400_and_changes_nothing(officer, body, field):
    case = _incoming(officer)
    response = _patch(_client(officer), f"/api/v1/cases/{case.pk}", body)
    assert response.status_code == 400, response.content
    assert field in _fields(response)
    case.refresh_from_db()
    assert case.version == 1 and case.status == "received"


def test_an_if_match_that_is_no_etag_is_a_400(officer):
    case = _incoming(officer)
    response = _patch(
        _client(officer), f"/api/v1/cases/{case.pk}", {"subject": "x"}, **{"If-Match": '"x"'}
    )
    assert response.status_code == 400


def test_a_viewer_reads_but_cannot_change(officer, viewer):
    case = _incoming(officer)
    client = _client(viewer)
    assert client.get(f"/api/v1/cases/{case.pk}").status_code == 200
    assert _patch(client, f"/api/v1/cases/{case.pk}", {"subject": "x"}).status_code == 404
    moved = _post(client, f"/api/v1/cases/{case.pk}/transitions", {"to": "registered"})
    assert moved.status_code == 404
    case.refresh_from_db()
    assert (case.version, case.subject) == (1, "")


# --- Moving a case ---------------------------------------------------------------------------------
def test_an_allowed_move_records_the_day_it_happened(officer):
    case = _incoming(officer)
    client = _client(officer)
    url = f"/api/v1/cases/{case.pk}/transitions"
    response = _post(client, url, {"to": "registered", "on": "2026-01-13", "note": "Logged."})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "registered" and body["acknowledged_on"] == "2026-01-13"
    assert body["entered"] == {"received": "2026-01-12", "registered": "2026-01-13"}
    event = body["events"][0]
    assert (event["from"], event["to"], event["on"], event["note"]) == (
        "received",
        "registered",
        "2026-01-13",
        "Logged.",
    )
    assert event["actor"] == officer.username
    assert response["ETag"] == '"2"'


def test_a_move_the_life_cycle_does_not_allow_is_a_409_with_the_allowed_ones(officer):
    case = _incoming(officer)
    response = _post(_client(officer), f"/api/v1/cases/{case.pk}/transitions", {"to": "returned"})
    assert response.status_code == 409
    body = response.json()
    assert body["allowed"] == ["registered", "closed"]
    assert body["errors"][0]["field"] == "to"
    case.refresh_from_db()
    assert case.status == "received" and case.version == 1


def test_refusing_without_a_consultation_names_untoc_18_26(officer):
    case = _incoming(officer)
    for to in ("registered", "under_review"):
        case = services.transition(case=case, to=to, actor=officer)
    response = _post(
        _client(officer),
        f"/api/v1/cases/{case.pk}/transitions",
        {"to": "refused", "ground": "untoc_18_21_b"},
    )
    assert response.status_code == 400
    assert "UNTOC 18(26)" in _fields(response)["to"]
    case.refresh_from_db()
    assert case.status == "under_review"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"to": "flying"}, "to"),
        ({"to": "registered", "on": "2026-02-01"}, "on"),
        ({"to": "registered", "on": "2026-01-01"}, "on"),  # before it was received
        ({"to": "registered", "colour": "blue"}, "colour"),
        ({"to": "registered", "version": 0}, "version"),
    ],
)
def test_a_bad_move_is_a_400(officer, body, field):
    case = _incoming(officer)
    response = _post(_client(officer), f"/api/v1/cases/{case.pk}/transitions", body)
    assert response.status_code == 400, response.content
    assert field in _fields(response)


def test_a_stale_move_is_a_409(officer):
    case = _incoming(officer)
    services.update_case(case=case, actor=officer, data={"subject": "Theirs"})
    response = _post(
        _client(officer), f"/api/v1/cases/{case.pk}/transitions", {"to": "closed", "version": 1}
    )
    assert response.status_code == 409 and response.json()["current"]["status"] == "received"


def test_sending_an_outgoing_case_needs_the_channel(officer):
    case = services.open_outgoing(request=_final_request(officer), actor=officer)
    client = _client(officer)
    url = f"/api/v1/cases/{case.pk}/transitions"
    assert "channel" in _fields(_post(client, url, {"to": "sent"}))
    response = _post(client, url, {"to": "sent", "channel": "direct", "tracking_number": "RR1"})
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["sent_on"], body["channel"], body["tracking_number"]) == (
        "2026-01-15",
        "direct",
        "RR1",
    )
    assert body["received_on"] is None


# --- The overdue list ------------------------------------------------------------------------------
def test_the_overdue_list_holds_open_cases_past_their_deadline(officer):
    late = _incoming(officer, requested_deadline="2026-03-01")
    later = _incoming(officer)  # the 90-day target: 12 April
    closed = _incoming(officer, requested_deadline="2026-02-01")
    services.transition(case=closed, to="closed", actor=officer)
    client = _client(officer)
    assert client.get("/api/v1/cases/overdue").json() == {
        "count": 0,
        "count_exact": True,
        "items": [],
    }
    with time_machine.travel(JUNE, tick=False):
        client = _client(officer)  # a session does not last months
        body = client.get("/api/v1/cases/overdue").json()
        assert body["count"] == 2
        assert [i["our_reference"] for i in body["items"]] == [
            late.our_reference,
            later.our_reference,
        ]
        assert all(i["overdue"] for i in body["items"])
        assert _listed(client, "?overdue=true") == [late.our_reference, later.our_reference]
        assert client.get(f"/api/v1/cases/{closed.pk}").json()["overdue"] is False


def test_the_counterpart_authority_is_named_by_its_directory_id(officer, german):
    case = _incoming(officer)
    url = f"/api/v1/cases/{case.pk}"
    response = _patch(_client(officer), url, {"counterpart_authority": str(german.authority_id)})
    assert response.status_code == 200, response.content
    assert response.json()["counterpart_authority"] == str(german.authority_id)


def test_the_list_costs_the_same_few_queries_for_any_number_of_cases(
    officer, django_assert_max_num_queries
):
    for _ in range(30):
        _incoming(officer, entities=[{"value": "Ivan Petrenko"}])
    client = _client(officer)
    client.get("/api/v1/cases")  # the session, once
    with django_assert_max_num_queries(6):
        body = client.get("/api/v1/cases?q=petrenko&open=true").json()
    assert body["count"] == 30 and len(body["items"]) == 30


def test_a_long_list_is_counted_up_to_the_limit(officer, register, monkeypatch):
    """Past COUNT_LIMIT the count stops: no page reads the whole register."""
    from comity.casework import selectors as case_selectors

    monkeypatch.setattr(case_selectors, "COUNT_LIMIT", 2)
    page = _client(officer).get("/api/v1/cases?limit=1").json()
    assert (page["count"], page["count_exact"], len(page["items"])) == (2, False, 1)
    monkeypatch.setattr(case_selectors, "COUNT_LIMIT", 4)
    page = _client(officer).get("/api/v1/cases?limit=1").json()
    assert (page["count"], page["count_exact"]) == (3, True)
