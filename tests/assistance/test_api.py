"""/api/v1/projects: status codes, field paths of bad input, the life cycle's 409."""

import json

import pytest

from comity.assistance.models import Project


def _client(client, user):
    client.force_login(user)
    return client


def _post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def _body(world, **extra):
    return {
        "state": "GHA",
        "network": "wacap",
        "title": "Languages notified",
        "summary": "Help notify the accepted languages.",
        "currency": "GHS",
        "start": "2025-01-01",
        "end": "2025-12-31",
        "gaps": world.gaps,
        "objectives": [{"text": "Notify the languages", "gaps": [world.gaps[0]]}],
        "partners": [{"name": "European Union", "role": "donor"}],
        "budget": [
            {"label": "Workshop", "amount": "1000.00", "donor": "European Union"},
            {"label": "Travel", "amount": 250.5},
        ],
        "indicators": [{"name": "Languages notified", "baseline": 0, "target": 4, "current": 1}],
        "activities": [{"kind": "legislative_drafting", "title": "Draft the notification"}],
        **extra,
    }


def test_a_member_starts_a_project_and_reads_it_back(world, client):
    response = _post(_client(client, world.member), "/api/v1/projects", _body(world))
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["status"] == "proposed"
    assert data["totals"]["overall"] == "1250.50"
    assert data["totals"]["by_donor"] == [{"donor": "European Union", "amount": "1000.00"}]
    assert data["indicators"][0]["progress"] == "25.0"
    assert {g["question"] for g in data["gaps"]} == {"mla.languages", "mla.dual_criminality"}
    assert all(g["status"] == "unknown" for g in data["gaps"])
    assert client.get(f"/api/v1/projects/{data['id']}").json()["title"] == "Languages notified"
    listed = client.get("/api/v1/projects?state=GHA&status=proposed").json()
    assert listed["count"] == 1


def test_bad_input_is_422_with_the_place_of_each_problem(world, client):
    body = _body(world, budget=[{"label": "A", "amount": 1}, {"label": "B", "amount": -1}])
    body["activities"] = [
        {"kind": "training", "title": "W", "start": "2025-05-02", "end": "2025-05-01"}
    ]
    response = _post(_client(client, world.member), "/api/v1/projects", body)
    assert response.status_code == 422
    fields = {e["field"] for e in response.json()["errors"]}
    assert "budget[1].amount" in fields
    response = _post(client, "/api/v1/projects", _body(world, currency="ABC"))
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "currency"
    response = _post(client, "/api/v1/projects", _body(world, activities=body["activities"]))
    assert [e["field"] for e in response.json()["errors"]] == ["activities[0].end"]
    response = client.post("/api/v1/projects", "{not json", content_type="application/json")
    assert response.status_code == 422
    assert not Project.objects.exists()


def test_another_member_may_read_but_not_change_and_an_outsider_sees_nothing(world, client):
    project_id = _post(_client(client, world.member), "/api/v1/projects", _body(world)).json()["id"]
    url = f"/api/v1/projects/{project_id}"
    other = _client(client, world.other_member)
    assert other.get(url).status_code == 200
    patched = other.patch(url, json.dumps({"title": "X"}), content_type="application/json")
    assert patched.status_code == 404
    assert _post(other, f"{url}/transition", {"to": "approved"}).status_code == 404
    assert _post(other, "/api/v1/projects", _body(world)).status_code == 404
    outsider = _client(client, world.outsider)
    assert outsider.get(url).status_code == 404
    assert outsider.get("/api/v1/projects").json()["count"] == 0
    secretary = _client(client, world.secretary)
    patched = secretary.patch(
        url,
        json.dumps({"title": "Renamed", "budget": [{"label": "All", "amount": "5"}]}),
        content_type="application/json",
    )
    assert patched.status_code == 200
    assert patched.json()["totals"]["overall"] == "5.00"
    assert patched.json()["partners"][0]["name"] == "European Union"  # not given: kept


def test_a_transition_the_life_cycle_does_not_allow_is_409(world, client):
    _client(client, world.member)
    project_id = _post(client, "/api/v1/projects", _body(world)).json()["id"]
    url = f"/api/v1/projects/{project_id}/transition"
    response = _post(client, url, {"to": "completed"})
    assert response.status_code == 409
    assert response.json()["allowed"] == ["approved", "cancelled"]
    assert _post(client, url, {"to": "nonsense"}).status_code == 422
    # Ghana proposes; the network's secretariat approves.
    assert _post(client, url, {"to": "approved"}).status_code == 409
    _client(client, world.secretary)
    response = _post(client, url, {"to": "approved"})
    assert response.status_code == 200
    assert set(response.json()["entered"]) == {"proposed", "approved"}


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"period_end": "2025-03-31", "text": "Quarter one."}, 201),
        ({"period_end": "31/03/2025", "text": "Quarter one."}, 422),
        ({"period_end": "2025-03-31"}, 422),
    ],
)
def test_progress_reports(world, client, body, status):
    project_id = _post(_client(client, world.member), "/api/v1/projects", _body(world)).json()["id"]
    response = _post(client, f"/api/v1/projects/{project_id}/reports", body)
    assert response.status_code == status


def test_anonymous_callers_get_401(world, client):
    assert client.get("/api/v1/projects").status_code == 401
