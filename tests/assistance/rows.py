"""Permission-matrix rows of technical-assistance projects (tests/networks/matrix.py).

A project of Ghana run within WACAP: read by the people of WACAP's member States and its
secretariat (404 for Germany's officer); changed by Ghana's writers, the secretariat and site
admins, never by Nigeria's officer (404), though Nigeria may read it.
"""

import datetime

from comity.assessments.models import Answer, Assessment
from comity.assistance import services
from tests.networks.matrix import (
    API_GHANA_WRITE,
    API_NETWORK_READ,
    API_SIGNED_IN,
    GHANA_WRITE,
    NETWORK_READ,
    SIGNED_IN,
    api,
    get,
    post,
)


def values(world) -> dict:
    member = world.people["member"]
    assessment = Assessment.objects.create(
        state_id="GHA",
        questionnaire="untoc",
        questionnaire_version="1",
        network=world.network,
        as_of=datetime.date(2024, 3, 1),
        status="submitted",
    )
    gap = Answer.objects.create(assessment=assessment, question="matrix.gap", score=0)
    project = services.create_project(
        state="GHA",
        title="Matrix project",
        network=world.network,
        gaps=[gap.pk],
        data={
            "currency": "USD",
            "partners": [{"name": "Matrix donor", "role": "donor"}],
            "budget": [{"label": "Workshop", "amount": "100", "donor": "Matrix donor"}],
            "indicators": [{"name": "Requests answered", "baseline": "0", "target": "10"}],
            "objectives": [{"text": "Answer requests", "gaps": [gap.pk]}],
            "activities": [{"kind": "training", "title": "Workshop"}],
        },
        actor=member,
    )
    report = services.add_part(
        project=project,
        kind="reports",
        data={"period_end": "2025-01-31", "text": "First quarter."},
        actor=member,
    )
    return {
        "project": project.pk,
        "project_assessment": assessment.pk,
        "project_gap": gap.pk,
        "project_partner": project.partners.get().pk,
        "project_report": report.pk,
    }


def _page(suffix=""):
    return lambda w: f"/projects/{w.values['project']}/{suffix}"


def _api(suffix=""):
    return lambda w: f"/api/v1/projects/{w.values['project']}{suffix}"


def _ok(template: str, ok) -> str:
    return template.format(ok=ok)


def _new_project(world) -> dict:
    # No gap ticked: which gaps the page offers depends on the questionnaire file installed.
    return {"title": "From the gaps", "currency": "EUR", "network": "wacap"}


def _api_project(world) -> dict:
    return {
        "state": "GHA",
        "network": "wacap",
        "title": "By API",
        "currency": "EUR",
        "gaps": [world.values["project_gap"]],
        "budget": [{"label": "Travel", "amount": "10.50"}],
    }


PAGES = {
    "assistance:list": [get(lambda w: "/projects/?state=GHA", SIGNED_IN)],
    "assistance:export": [get(lambda w: "/projects/export.csv", SIGNED_IN)],
    "assistance:new": [
        get(
            lambda w: f"/projects/new/?assessment={w.values['project_assessment']}",
            _ok(GHANA_WRITE, 200),
            note="from the gap report of Ghana's assessment",
        ),
        post(
            lambda w: f"/projects/new/?assessment={w.values['project_assessment']}",
            _ok(GHANA_WRITE, 302),
            data=_new_project,
        ),
    ],
    "assistance:project": [get(_page(), NETWORK_READ)],
    "assistance:export_json": [get(_page("export.json"), NETWORK_READ)],
    "assistance:edit": [
        get(_page("edit/"), _ok(GHANA_WRITE, 200)),
        post(
            _page("edit/"),
            _ok(GHANA_WRITE, 302),
            data=lambda w: {
                "title": "Renamed",
                "currency": "USD",
                "network": "wacap",
                "gaps": [str(w.values["project_gap"])],
            },
        ),
    ],
    "assistance:transition": [
        post(_page("transition/"), _ok(GHANA_WRITE, 302), data=lambda w: {"to": "approved"})
    ],
    "assistance:part_new": [
        get(_page("partners/new/"), _ok(GHANA_WRITE, 200)),
        post(
            _page("partners/new/"),
            _ok(GHANA_WRITE, 302),
            data=lambda w: {"name": "Second donor", "role": "donor"},
        ),
    ],
    "assistance:part_edit": [
        get(
            lambda w: (
                f"/projects/{w.values['project']}/partners/{w.values['project_partner']}/edit/"
            ),
            _ok(GHANA_WRITE, 200),
        ),
    ],
    "assistance:part_delete": [
        post(
            lambda w: (
                f"/projects/{w.values['project']}/reports/{w.values['project_report']}/delete/"
            ),
            _ok(GHANA_WRITE, 302),
        ),
    ],
}

API = {
    "GET /api/v1/projects": [api("get", lambda w: "/api/v1/projects?state=GHA", API_SIGNED_IN)],
    "POST /api/v1/projects": [
        api("post", lambda w: "/api/v1/projects", _ok(API_GHANA_WRITE, 201), data=_api_project)
    ],
    "GET /api/v1/projects/{project_id}": [api("get", _api(), API_NETWORK_READ)],
    "PATCH /api/v1/projects/{project_id}": [
        api("patch", _api(), _ok(API_GHANA_WRITE, 200), data=lambda w: {"title": "Patched"})
    ],
    "POST /api/v1/projects/{project_id}/reports": [
        api(
            "post",
            _api("/reports"),
            _ok(API_GHANA_WRITE, 201),
            data=lambda w: {"period_end": "2025-03-31", "text": "Second quarter."},
        )
    ],
    "POST /api/v1/projects/{project_id}/transition": [
        api(
            "post",
            _api("/transition"),
            _ok(API_GHANA_WRITE, 200),
            data=lambda w: {"to": "cancelled"},
        ),
        api(
            "post",
            _api("/transition"),
            "401 404 409 409 404 200 200",
            data=lambda w: {"to": "approved"},
            note="Ghana proposes; the secretariat (or a site admin) approves",
        ),
    ],
}
