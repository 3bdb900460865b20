"""The API of assessments: status codes and field names for bad input."""

import datetime

import pytest

from comity.assessments import services
from tests.assessments.helpers import CODE

URL = "/api/v1/assessments"


@pytest.fixture
def assessment(people):
    return services.start_assessment(
        state="GHA", questionnaire=CODE, network=people.network, actor=people["member"]
    )


def _as(client, user):
    client.force_login(user)
    return client


def test_questionnaires_are_listed_in_the_callers_language(client, people):
    answer = _as(client, people["member"]).get(f"{URL}/questionnaires", HTTP_ACCEPT_LANGUAGE="fr")
    assert answer.status_code == 200
    item = answer.json()["items"][0]
    assert item["code"] == CODE and [lv["score"] for lv in item["scale"]] == [0, 1, 2, 3]
    assert item["areas"][0]["questions"][0]["article"] == "UNTOC 18(13)"


def test_start_answer_submit_and_read(client, people):
    api = _as(client, people["member"])
    created = api.post(
        URL,
        {"state": "GHA", "questionnaire": CODE, "network": "wacap"},
        content_type="application/json",
    )
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    patched = api.patch(
        f"{URL}/{pk}",
        {
            "answers": [
                {"question": "mla.central_authority", "score": 3},
                {"question": "mla.grounds", "score": 1, "comment": "Section 12"},
            ],
            "status": "submitted",
        },
        content_type="application/json",
    )
    assert patched.status_code == 200, patched.json()
    body = patched.json()
    assert body["status"] == "submitted" and body["submitted_at"]
    assert body["gaps"] == ["mla.grounds"]
    assert body["unknown"] == ["ext.dual_criminality"]
    assert body["area_scores"] == {"mla": 2.0, "ext": None}
    assert api.get(f"{URL}/{pk}").json()["answers"][1]["gap"] == "open"


def test_a_body_of_the_wrong_shape_is_a_400_naming_the_field(client, people, assessment):
    api = _as(client, people["member"])
    answer = api.patch(
        f"{URL}/{assessment.pk}",
        {"answers": [{"question": "mla.grounds", "score": "high"}], "colour": "red"},
        content_type="application/json",
    )
    assert answer.status_code == 400
    fields = {e["field"] for e in answer.json()["errors"]}
    assert {"answers.0.score", "colour"} <= fields
    answer = api.post(URL, {"state": "gh", "questionnaire": CODE}, content_type="application/json")
    assert answer.status_code == 400 and answer.json()["errors"][0]["field"] == "state"


def test_answers_that_do_not_fit_the_questionnaire_are_a_422_with_question_and_field(
    client, people, assessment
):
    api = _as(client, people["member"])
    answer = api.patch(
        f"{URL}/{assessment.pk}",
        {
            "answers": [
                {"question": "mla.grounds", "score": 4},
                {"question": "mla.nothing", "score": 1},
                {"question": "ext.dual_criminality", "evidence": [{"kind": "treaty", "ref": "X"}]},
            ]
        },
        content_type="application/json",
    )
    assert answer.status_code == 422
    errors = {e["field"]: e["message"] for e in answer.json()["errors"]}
    assert errors["answers[0].score"].startswith("mla.grounds")
    assert "mla.nothing" in errors["answers[1].question"]
    assert "answers[2].evidence[0].ref" in errors
    assert not assessment.answers.exists()


def test_an_unknown_questionnaire_or_network_is_a_422(client, people):
    api = _as(client, people["member"])
    answer = api.post(
        URL, {"state": "GHA", "questionnaire": "nope"}, content_type="application/json"
    )
    assert answer.status_code == 422 and answer.json()["errors"][0]["field"] == "questionnaire"
    answer = api.post(
        URL,
        {"state": "GHA", "questionnaire": CODE, "network": "nope"},
        content_type="application/json",
    )
    assert answer.status_code == 422 and answer.json()["errors"][0]["field"] == "network"


def test_a_move_the_life_cycle_does_not_allow_is_a_409(client, people, assessment):
    api = _as(client, people["member"])
    answer = api.patch(
        f"{URL}/{assessment.pk}", {"status": "validated"}, content_type="application/json"
    )
    assert answer.status_code == 409 and answer.json()["errors"][0]["field"] == "status"


def test_another_member_gets_404_when_editing_but_reads(client, people, assessment):
    api = _as(client, people["other_member"])
    # A draft is Ghana's own until submitted.
    assert api.get(f"{URL}/{assessment.pk}").status_code == 404
    services.transition(assessment, to="submitted", actor=people["member"])
    assert api.get(f"{URL}/{assessment.pk}").status_code == 200
    services.transition(assessment, to="draft", actor=people["member"])
    answer = api.patch(
        f"{URL}/{assessment.pk}",
        {"answers": [{"question": "mla.grounds", "score": 1}]},
        content_type="application/json",
    )
    assert answer.status_code == 404


def test_the_report_comes_as_pdf_or_docx_in_a_language(client, people, assessment):
    api = _as(client, people["secretary"])
    answer = api.get(f"{URL}/{assessment.pk}/report?format=docx&lang=uk")
    assert answer.status_code == 200
    assert answer["Content-Type"].startswith("application/vnd.openxmlformats")
    today = datetime.date.today().isoformat()
    assert f'filename="gap-report-GHA-{today}.docx"' in answer["Content-Disposition"]
    assert api.get(f"{URL}/{assessment.pk}/report?format=odt").status_code == 400
    assert api.get(f"{URL}/{assessment.pk}/report?lang=de").status_code == 400


def test_export_and_import_round_trip(client, people, assessment):
    api = _as(client, people["member"])
    services.save_answers(
        assessment=assessment,
        answers=[{"question": "mla.grounds", "score": 2, "comment": "Act 679"}],
        actor=people["member"],
    )
    exported = api.get(f"{URL}/{assessment.pk}/export").json()
    other = services.start_assessment(state="GHA", questionnaire=CODE, actor=people["member"])
    answer = api.post(f"{URL}/{other.pk}/import", exported, content_type="application/json")
    assert answer.status_code == 200
    assert answer.json()["answers"][0]["comment"] == "Act 679"
    exported["answers"][0]["question"] = "mla.other"
    answer = api.post(f"{URL}/{other.pk}/import", exported, content_type="application/json")
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["field"] == "answers[0].question"


def test_the_heat_map_of_a_network(client, people, assessment):
    services.save_answers(
        assessment=assessment,
        answers=[{"question": "mla.grounds", "score": 1}, {"question": "mla.central_authority"}],
        actor=people["member"],
    )
    api = _as(client, people["other_member"])
    hidden = api.get("/api/v1/networks/wacap/assessment-map").json()
    assert hidden["scores"] == {"GHA": {}, "NGA": {}}, "a draft is not shown to other members"
    services.transition(assessment, to="submitted", actor=people["member"])
    body = api.get("/api/v1/networks/wacap/assessment-map").json()
    assert body["states"] == ["GHA", "NGA"] and body["areas"] == ["mla", "ext"]
    assert body["scores"] == {"GHA": {"mla": 1.0, "ext": None}, "NGA": {}}
    assert body["as_of"]["GHA"] == assessment.as_of.isoformat() and body["as_of"]["NGA"] is None
    outsider = _as(client, people["outsider"])
    assert outsider.get("/api/v1/networks/wacap/assessment-map").status_code == 404
    secretary = _as(client, people["secretary"])
    answer = secretary.get("/api/v1/networks/wacap/assessment-map?questionnaire=nope")
    assert answer.status_code == 400 and answer.json()["errors"][0]["field"] == "questionnaire"
