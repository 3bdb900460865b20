"""The permission-matrix rows of needs assessments (tests/networks/matrix.py runs them).

An assessment of Ghana run within WACAP: read by the network (member, member_admin, other_member,
secretary, site; the outsider gets 404), changed by Ghana's writers, the secretariat and site
admins, never by Nigeria's officer (404).
"""

import datetime
import json
import tempfile
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from comity.assessments import questionnaires, services
from tests.assessments.helpers import install
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


def _questionnaire():
    """The installation's UNTOC questionnaire when it is there, else the tests' own (the setting
    then points at a temporary folder for the rest of the session)."""
    found = questionnaires.get("untoc") or next(iter(questionnaires.available()), None)
    if found is not None:
        return found
    folder = Path(tempfile.mkdtemp(prefix="questionnaires-"))
    install(folder)
    override_settings(COMITY_QUESTIONNAIRES_DIR=str(folder)).enable()
    return questionnaires.available()[0]


# A draft is its State's until submitted: another member does not see it.
#             anon  outsider member m_admin other  secretary site
DRAFT_READ = "login 404 200 200 404 200 200"
API_DRAFT_READ = "401 404 200 200 404 200 200"


def values(world) -> dict:
    questionnaire = _questionnaire()
    area = questionnaire.areas[0]
    assessment = services.start_assessment(
        state="GHA",
        questionnaire=questionnaire.code,
        network=world.network,
        actor=world.people["site"],
    )
    earlier = services.start_assessment(
        state="GHA",
        questionnaire=questionnaire.code,
        network=world.network,
        actor=world.people["site"],
        as_of=datetime.date(2025, 1, 15),
    )
    services.transition(earlier, to="submitted", actor=world.people["site"])
    return {
        "assessment": assessment,
        "submitted": earlier,
        "questionnaire": questionnaire.code,
        "area": area.code,
        "question": area.questions[0].code,
    }


def _pk(w):
    return w.values["assessment"].pk


def _page(suffix=""):
    return lambda w: f"/assessments/{_pk(w)}/{suffix}"


def _api(suffix=""):
    return lambda w: f"/api/v1/assessments/{_pk(w)}{suffix}"


def _exported(w) -> bytes:
    return json.dumps(
        {
            "questionnaire": w.values["questionnaire"],
            "answers": [{"question": w.values["question"], "score": 1, "evidence": []}],
        }
    ).encode()


PAGES = {
    "assessments:list": [get(lambda w: "/assessments/", SIGNED_IN)],
    "assessments:new": [
        get(lambda w: "/assessments/new/", SIGNED_IN),
        post(
            lambda w: "/assessments/new/",
            GHANA_WRITE.format(ok=302),
            data=lambda w: {
                "state": "GHA",
                "questionnaire": w.values["questionnaire"],
                "network": w.network.code,
            },
            note="start an assessment of Ghana",
        ),
    ],
    "assessments:assessment": [
        get(_page(), DRAFT_READ, note="a draft: Ghana's, the secretariat's and site admins'"),
        get(
            lambda w: f"/assessments/{w.values['submitted'].pk}/",
            NETWORK_READ,
            note="once submitted, every member reads it",
        ),
        post(
            _page(),
            GHANA_WRITE.format(ok=302),
            data=lambda w: {"area": w.values["area"], f"{w.values['question']}__score": "2"},
            note="save the answers of an area",
        ),
    ],
    "assessments:transition": [
        post(_page("status/"), GHANA_WRITE.format(ok=302), data=lambda w: {"to": "submitted"})
    ],
    "assessments:import": [
        post(
            _page("import/"),
            GHANA_WRITE.format(ok=302),
            data=lambda w: {"file": SimpleUploadedFile("a.json", _exported(w))},
        )
    ],
    "assessments:export": [get(_page("export.json"), DRAFT_READ)],
    "assessments:report": [get(_page("report.docx"), DRAFT_READ)],
    "assessments:map": [get(lambda w: f"/assessments/map/{w.network.code}/", NETWORK_READ)],
}

API = {
    "GET /api/v1/assessments/questionnaires": [
        api("get", lambda w: "/api/v1/assessments/questionnaires", API_SIGNED_IN)
    ],
    "POST /api/v1/assessments": [
        api(
            "post",
            lambda w: "/api/v1/assessments",
            API_GHANA_WRITE.format(ok=201),
            data=lambda w: {
                "state": "GHA",
                "questionnaire": w.values["questionnaire"],
                "network": w.network.code,
            },
        )
    ],
    "GET /api/v1/assessments/{assessment_id}": [
        api("get", _api(), API_DRAFT_READ),
        api("get", lambda w: f"/api/v1/assessments/{w.values['submitted'].pk}", API_NETWORK_READ),
    ],
    "PATCH /api/v1/assessments/{assessment_id}": [
        api(
            "patch",
            _api(),
            API_GHANA_WRITE.format(ok=200),
            data=lambda w: {"answers": [{"question": w.values["question"], "score": 1}]},
        )
    ],
    "GET /api/v1/assessments/{assessment_id}/report": [
        api("get", _api("/report?format=docx&lang=fr"), API_DRAFT_READ)
    ],
    "GET /api/v1/assessments/{assessment_id}/export": [api("get", _api("/export"), API_DRAFT_READ)],
    "POST /api/v1/assessments/{assessment_id}/import": [
        api(
            "post",
            _api("/import"),
            API_GHANA_WRITE.format(ok=200),
            data=lambda w: json.loads(_exported(w)),
        )
    ],
    "GET /api/v1/networks/{code}/assessment-map": [
        api("get", lambda w: f"/api/v1/networks/{w.network.code}/assessment-map", API_NETWORK_READ)
    ],
}
