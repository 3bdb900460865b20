"""Starting, answering and moving assessments: who may, what is refused, what is recorded."""

import pytest

from comity.assessments import services
from comity.assessments.models import Answer
from comity.assessments.vocabulary import AssessmentStatus
from comity.audit.models import AuditEntry
from comity.library import services as library_services
from tests import factories
from tests.assessments.helpers import CODE


def _start(people, who="member", state="GHA", network=True):
    return services.start_assessment(
        state=state,
        questionnaire=CODE,
        network=people.network if network else None,
        actor=people[who],
    )


def test_the_states_writers_the_secretariat_and_site_admins_start_an_assessment(people):
    for who in ("member", "member_admin", "secretary", "site"):
        assessment = _start(people, who)
        assert assessment.status == AssessmentStatus.DRAFT
        assert assessment.questionnaire_version == "2026-1"
    entry = AuditEntry.objects.filter(object_type="assessments.assessment").last()
    assert entry.action == "create" and entry.after["questionnaire"] == CODE


@pytest.mark.parametrize("who", ["other_member", "outsider", "viewer"])
def test_nobody_else_starts_an_assessment_of_ghana(people, who):
    with pytest.raises(services.NotAllowed):
        _start(people, who)


def test_the_secretariat_starts_only_within_its_network(people):
    with pytest.raises(services.NotAllowed):
        _start(people, "secretary", network=False)


def test_a_network_the_state_is_not_a_member_of_is_refused(people):
    with pytest.raises(services.AssessmentInputError) as caught:
        _start(people, "outsider", state="DEU")
    assert caught.value.errors[0]["field"] == "network"


def test_an_unknown_questionnaire_is_refused(people):
    with pytest.raises(services.AssessmentInputError) as caught:
        services.start_assessment(state="GHA", questionnaire="nope", actor=people["member"])
    assert caught.value.errors[0]["field"] == "questionnaire"
    assert CODE in caught.value.errors[0]["message"]


def test_a_member_cannot_edit_another_members_assessment_the_secretariat_can(people):
    assessment = _start(people)
    answer = [{"question": "mla.grounds", "score": 2, "evidence": [], "comment": ""}]
    with pytest.raises(services.NotAllowed):
        services.save_answers(assessment=assessment, answers=answer, actor=people["other_member"])
    assert not Answer.objects.exists()
    services.save_answers(assessment=assessment, answers=answer, actor=people["secretary"])
    assert Answer.objects.get().score == 2


def test_answers_are_checked_all_together_and_none_is_written_when_one_is_wrong(people):
    assessment = _start(people)
    answers = [
        {"question": "mla.grounds", "score": 2},
        {"question": "mla.unknown", "score": 1},
        {"question": "ext.dual_criminality", "score": 7},
        {"question": "mla.central_authority", "evidence": [{"kind": "gossip", "ref": "x"}]},
    ]
    with pytest.raises(services.AssessmentInputError) as caught:
        services.save_answers(assessment=assessment, answers=answers, actor=people["member"])
    fields = {e["field"]: e["message"] for e in caught.value.errors}
    assert "answers[1].question" in fields and "mla.unknown" in fields["answers[1].question"]
    assert "answers[2].score" in fields and fields["answers[2].score"].startswith(
        "ext.dual_criminality"
    )
    assert "answers[3].evidence[0].kind" in fields
    assert not Answer.objects.exists()


def test_evidence_must_name_what_exists_and_what_the_actor_may_read(people):
    assessment = _start(people)
    gha = people.authorities["GHA"]
    factories.InstrumentFactory(code="UNTOC", title="United Nations Convention against TOC")
    law = library_services.create(
        actor=people["member"],
        data={
            "key": "gha-mla-act",
            "type": "legislation",
            "title": "Mutual Legal Assistance Act",
            "country": "GHA",
            "language": "en",
        },
    )
    hidden = library_services.create(
        actor=people["other_member"],
        data={
            "key": "nga-internal",
            "type": "legislation",
            "title": "Internal note",
            "country": "NGA",
            "language": "en",
            "access": "authority",
        },
    )
    good = [
        {
            "question": "mla.central_authority",
            "score": 3,
            "evidence": [
                {"kind": "legislation", "ref": law.key},
                {"kind": "authority", "ref": str(gha.pk)},
                {"kind": "treaty", "ref": "UNTOC"},
                {"kind": "statistics", "ref": "https://example.org/stats", "label": "Stats"},
            ],
        }
    ]
    services.save_answers(assessment=assessment, answers=good, actor=people["member"])
    evidence = Answer.objects.get().evidence
    assert [e["label"] for e in evidence] == [
        "Mutual Legal Assistance Act",
        "Ghana CA",
        "United Nations Convention against TOC",
        "Stats",
    ]
    bad = [
        {
            "question": "mla.grounds",
            "score": 1,
            "evidence": [
                {"kind": "legislation", "ref": hidden.key},
                {"kind": "authority", "ref": "not-an-id"},
                {"kind": "treaty", "ref": "NOPE"},
                {"kind": "document", "ref": "ftp://example.org/x"},
            ],
        }
    ]
    with pytest.raises(services.AssessmentInputError) as caught:
        services.save_answers(assessment=assessment, answers=bad, actor=people["member"])
    assert [e["field"] for e in caught.value.errors] == [
        f"answers[0].evidence[{i}].ref" for i in range(4)
    ]


def test_the_life_cycle_stamps_each_status_and_only_the_secretariat_validates(people):
    assessment = _start(people)
    services.transition(assessment, to=AssessmentStatus.SUBMITTED, actor=people["member"])
    assessment.refresh_from_db()
    assert assessment.submitted_at is not None
    with pytest.raises(services.WrongStatus):
        services.save_answers(
            assessment=assessment, answers=[{"question": "mla.grounds"}], actor=people["member"]
        )
    with pytest.raises(services.WrongStatus):
        services.transition(assessment, to=AssessmentStatus.VALIDATED, actor=people["member"])
    services.transition(assessment, to=AssessmentStatus.DRAFT, actor=people["member"])
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.DRAFT and assessment.submitted_at is None
    services.transition(assessment, to=AssessmentStatus.SUBMITTED, actor=people["member"])
    services.transition(assessment, to=AssessmentStatus.VALIDATED, actor=people["secretary"])
    assessment.refresh_from_db()
    assert assessment.validated_at is not None
    with pytest.raises(services.WrongStatus):
        services.transition(assessment, to=AssessmentStatus.DRAFT, actor=people["site"])
    moves = AuditEntry.objects.filter(
        object_type="assessments.assessment", object_id=str(assessment.pk), action="update"
    ).order_by("id")
    assert [m.after["status"] for m in moves] == ["submitted", "draft", "submitted", "validated"]


def test_import_takes_the_answers_of_an_export_all_or_nothing(people):
    from comity.assessments import selectors

    first = _start(people)
    services.save_answers(
        assessment=first,
        answers=[{"question": "mla.grounds", "score": 2, "comment": "Law of 2010"}],
        actor=people["member"],
    )
    second = _start(people)
    services.import_answers(
        assessment=second, data=selectors.exported(first), actor=people["member"]
    )
    assert second.answers.get().comment == "Law of 2010"
    broken = selectors.exported(first)
    broken["answers"].append({"question": "mla.central_authority", "score": 9})
    third = _start(people)
    with pytest.raises(services.AssessmentInputError) as caught:
        services.import_answers(assessment=third, data=broken, actor=people["member"])
    assert caught.value.errors[0]["field"] == "answers[1].score"
    assert not third.answers.exists()
