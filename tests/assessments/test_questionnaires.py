"""Questionnaires are data files, checked when read, with every problem named by its place."""

import json
import os
from pathlib import Path

import pytest
from django.core import checks
from django.utils import translation

from comity.assessments import questionnaires
from comity.assessments.questionnaires import QuestionnaireError
from tests.assessments.helpers import CODE, install, questionnaire


def _problems(data) -> list[str]:
    with pytest.raises(QuestionnaireError) as caught:
        questionnaires.parse(data, path="q.json")
    return caught.value.problems


def test_the_test_questionnaire_is_read_with_its_areas_questions_and_scale():
    q = questionnaires.get(CODE)
    assert [a.code for a in q.areas] == ["mla", "ext"]
    assert list(q.questions) == ["mla.central_authority", "mla.grounds", "ext.dual_criminality"]
    assert (q.bottom, q.top) == (0, 3)
    assert q.questions["mla.grounds"].article == "UNTOC 18(21)"


def test_texts_follow_the_interface_language_and_fall_back_to_english():
    q = questionnaires.get(CODE)
    with translation.override("ar"):
        assert q.areas[0].title_in() == "المساعدة القانونية المتبادلة"
        assert q.areas[1].title_in() == "Extradition"  # no Arabic title: English
    with translation.override("fr"):
        assert q.title_in() == "Coopération selon la CTO (test)"


def test_two_questions_with_one_code_are_refused():
    data = questionnaire()
    data["areas"][1]["questions"][0]["code"] = "mla.grounds"
    problems = _problems(data)
    assert any("areas[1].questions[0].code" in p and "earlier question" in p for p in problems)


def test_a_scale_with_repeated_or_unordered_scores_is_refused():
    data = questionnaire()
    data["scale"][1]["score"] = 0
    assert "scale: two levels have the same score" in _problems(data)
    data = questionnaire()
    data["scale"].reverse()
    assert any("lowest score to the highest" in p for p in _problems(data))
    data = questionnaire()
    data["scale"][0]["score"] = "0"
    assert any(p.startswith("scale[0].score") for p in _problems(data))


def test_texts_need_english_and_known_languages_only():
    data = questionnaire()
    data["areas"][0]["questions"][0]["text"] = {"fr": "Une autorité centrale est désignée."}
    data["title"]["de"] = "Zusammenarbeit"
    problems = _problems(data)
    assert any(p.startswith("areas[0].questions[0].text.en") for p in problems)
    assert any(p.startswith("title.de: unknown language") for p in problems)


def test_an_unknown_kind_of_evidence_is_refused():
    data = questionnaire()
    data["areas"][0]["questions"][0]["evidence"] = ["legislation", "rumour"]
    assert any("'rumour' is not a kind of evidence" in p for p in _problems(data))


def test_a_broken_file_is_left_out_and_reported_by_manage_py_check(questionnaire_dir):
    (questionnaire_dir / "broken.json").write_text('{"code": "x",', encoding="utf-8")
    install(questionnaire_dir, questionnaire(), name="copy.json")  # same code again
    assert [q.code for q in questionnaires.available()] == [CODE]
    errors = checks.run_checks()
    messages = [e.msg for e in errors if e.id == "assessments.E001"]
    assert any("broken.json" in m and "not valid JSON" in m for m in messages)
    assert any("test.json" in m and "already the code" in m for m in messages)


def test_a_network_adds_its_own_questionnaire_as_another_file(questionnaire_dir):
    own = questionnaire(code="wacap-mla", title={"en": "WACAP checklist"})
    install(questionnaire_dir, own, name="wacap.json")
    assert [q.code for q in questionnaires.available()] == [CODE, "wacap-mla"]


def test_a_changed_file_is_read_again(questionnaire_dir):
    path = questionnaire_dir / "test.json"
    assert questionnaires.get(CODE).version == "2026-1"
    data = json.loads(path.read_text())
    data["version"] = "2027-1"
    path.write_text(json.dumps(data))
    stat = path.stat()
    os.utime(path, (stat.st_atime, stat.st_mtime + 5))
    assert questionnaires.get(CODE).version == "2027-1"


def test_the_questionnaires_the_installation_ships_pass_their_checks(settings):
    from django.conf import settings as live

    settings.COMITY_QUESTIONNAIRES_DIR = str(Path(live.BASE_DIR) / "data" / "assessments")
    questionnaires.forget()
    found, errors = questionnaires.scan()
    assert not errors, [str(e) for e in errors]
    assert "untoc" in found
