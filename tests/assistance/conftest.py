"""A small world for the project tests: Ghana and Nigeria in WACAP, Germany outside it, a
secretariat, a two-question questionnaire (scale 0 to 3) and Ghana's assessment of 2024 with two
gaps and one question met."""

import datetime
import json

import pytest

from comity.assessments import questionnaires
from comity.assessments.models import Answer, Assessment
from tests.networks.world import build_wacap

QUESTIONNAIRE = {
    "code": "tq",
    "version": "1",
    "title": {"en": "Test questionnaire"},
    "source": "https://example.org/tq",
    "scale": [
        {"score": 0, "label": {"en": "None"}},
        {"score": 1, "label": {"en": "Some"}},
        {"score": 2, "label": {"en": "Most"}},
        {"score": 3, "label": {"en": "Full"}},
    ],
    "areas": [
        {
            "code": "mla",
            "title": {"en": "Mutual legal assistance"},
            "questions": [
                {
                    "code": "mla.central_authority",
                    "article": "UNTOC 18(13)",
                    "text": {"en": "Is there a central authority?"},
                },
                {
                    "code": "mla.languages",
                    "article": "UNTOC 18(14)",
                    "text": {"en": "Are the accepted languages notified?"},
                },
                {
                    "code": "mla.dual_criminality",
                    "article": "UNTOC 18(9)",
                    "text": {"en": "Is dual criminality dispensed with?"},
                },
            ],
        }
    ],
}


@pytest.fixture(autouse=True)
def _questionnaire(settings, tmp_path):
    (tmp_path / "tq.json").write_text(json.dumps(QUESTIONNAIRE), encoding="utf-8")
    settings.COMITY_QUESTIONNAIRES_DIR = str(tmp_path)
    questionnaires.forget()
    yield
    questionnaires.forget()


class World:
    pass


def assessment(state, network, as_of, scores: dict) -> Assessment:
    made = Assessment.objects.create(
        state_id=state,
        questionnaire="tq",
        questionnaire_version="1",
        network=network,
        as_of=as_of,
        status="submitted",
    )
    for question, score in scores.items():
        Answer.objects.create(assessment=made, question=question, score=score)
    return made


@pytest.fixture
def world(db):
    w = World()
    wacap = build_wacap()
    for name in ("member", "viewer", "other_member", "outsider", "secretary", "site"):
        setattr(w, name, wacap.people[name])
    w.network = wacap.network
    w.assessment = assessment(
        "GHA",
        w.network,
        datetime.date(2024, 3, 1),
        {"mla.central_authority": 3, "mla.languages": 1, "mla.dual_criminality": None},
    )
    w.answers = {a.question: a for a in w.assessment.answers.all()}
    w.gaps = [w.answers["mla.languages"].pk, w.answers["mla.dual_criminality"].pk]
    return w
