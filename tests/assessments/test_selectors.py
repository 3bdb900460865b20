"""Gaps, scores per area, the heat map of a network and the comparison with the previous
assessment. A question not assessed is unknown: never a gap scored 0, never in a mean."""

import datetime

from comity.assessments import selectors, services
from comity.assessments.vocabulary import AssessmentStatus
from comity.directory.models import NetworkMember
from tests import factories
from tests.assessments.helpers import CODE


def _assessed(people, scores: dict, *, state="GHA", who="member", as_of=None, status=None):
    assessment = services.start_assessment(
        state=state,
        questionnaire=CODE,
        network=people.network,
        actor=people[who],
        as_of=as_of,
    )
    services.save_answers(
        assessment=assessment,
        answers=[{"question": q, "score": s} for q, s in scores.items()],
        actor=people[who],
    )
    if status in (AssessmentStatus.SUBMITTED, AssessmentStatus.VALIDATED):
        services.transition(assessment, to=AssessmentStatus.SUBMITTED, actor=people[who])
    if status == AssessmentStatus.VALIDATED:
        services.transition(assessment, to=status, actor=people["secretary"])
    return assessment


def test_gaps_are_below_the_top_and_not_assessed_questions_are_unknown_not_zero(people):
    assessment = _assessed(
        people, {"mla.central_authority": 3, "mla.grounds": 0, "ext.dual_criminality": None}
    )
    found = selectors.gaps(assessment)
    assert [g.question.code for g in found.open] == ["mla.grounds"]
    assert found.open[0].score == 0 and found.open[0].level.label["en"] == "Not in place"
    assert [g.question.code for g in found.unknown] == ["ext.dual_criminality"]
    statuses = {a.question: selectors.gap_status(a) for a in assessment.answers.all()}
    assert statuses == {
        "mla.central_authority": "closed",
        "mla.grounds": "open",
        "ext.dual_criminality": "unknown",
    }
    assert selectors.gap_status(None) == "unknown"


def test_a_question_never_answered_is_unknown_too(people):
    assessment = _assessed(people, {"mla.grounds": 2})
    found = selectors.gaps(assessment)
    assert [g.question.code for g in found.unknown] == [
        "mla.central_authority",
        "ext.dual_criminality",
    ]
    assert found.unknown[0].answer is None


def test_the_area_score_is_the_mean_of_the_answered_questions_only(people):
    assessment = _assessed(people, {"mla.central_authority": 3, "mla.grounds": None})
    scores = {s.area.code: s for s in selectors.area_scores(assessment)}
    assert scores["mla"].score == 3  # not (3 + 0) / 2
    assert (scores["mla"].answered, scores["mla"].questions) == (1, 2)
    assert scores["ext"].score is None


def test_the_heat_map_shows_each_member_states_latest_assessment_and_none_as_none(people):
    old = datetime.date(2025, 1, 10)
    _assessed(people, {"mla.central_authority": 0}, as_of=old, status=AssessmentStatus.VALIDATED)
    _assessed(
        people,
        {"mla.central_authority": 3, "mla.grounds": 2, "ext.dual_criminality": 1},
        as_of=datetime.date(2026, 3, 1),
        status=AssessmentStatus.SUBMITTED,
    )
    _assessed(people, {"mla.central_authority": 0}, as_of=datetime.date(2026, 6, 1))  # a draft
    found = selectors.heat_map(people["other_member"], people.network)
    rows = {row.state: row for row in found.rows}
    assert found.states == ["GHA", "NGA"]
    assert rows["GHA"].assessment.as_of == datetime.date(2026, 3, 1)  # submitted beats draft
    assert rows["GHA"].scores == {"mla": 2.5, "ext": 1}
    assert rows["NGA"].assessment is None and rows["NGA"].scores == {}


def test_the_heat_map_holds_only_current_members(people):
    NetworkMember.objects.filter(country_id="NGA").update(end=datetime.date(2025, 1, 1))
    assert selectors.heat_map(people["site"], people.network).states == ["GHA"]


def test_a_draft_is_shown_when_a_state_has_nothing_else(people):
    _assessed(people, {"mla.grounds": 1}, state="NGA", who="other_member")
    row = selectors.heat_map(people["secretary"], people.network).rows[1]
    assert row.state == "NGA" and row.assessment.status == "draft"
    assert row.scores == {"mla": 1, "ext": None}


def test_score_bands_follow_the_scale():
    from comity.assessments import questionnaires

    q = questionnaires.get(CODE)
    assert [selectors.band(s, q) for s in (0, 0.9, 1, 2.5, 3, None)] == [
        "heat-0",
        "heat-0",
        "heat-1",
        "heat-2",
        "heat-3",
        "heat-none",
    ]


def test_the_comparison_says_which_gaps_closed_stayed_open_or_are_new(people):
    before = _assessed(
        people,
        {"mla.central_authority": 1, "mla.grounds": 1, "ext.dual_criminality": 3},
        as_of=datetime.date(2025, 1, 1),
    )
    after = _assessed(
        people,
        {"mla.central_authority": 3, "mla.grounds": 2, "ext.dual_criminality": 2},
        as_of=datetime.date(2026, 1, 1),
    )
    assert selectors.previous(after) == before
    assert selectors.previous(before) is None
    changes = {c.question.code: c.change for c in selectors.compare(after, before)}
    assert changes == {
        "mla.central_authority": selectors.Change.CLOSED,
        "mla.grounds": selectors.Change.STILL_OPEN,
        "ext.dual_criminality": selectors.Change.NEW,
    }


def test_the_previous_assessment_is_one_the_user_may_see(people):
    factories.country("NGA")
    earlier = _assessed(people, {"mla.grounds": 1}, as_of=datetime.date(2025, 1, 1))
    earlier.network = None
    earlier.save()
    later = _assessed(people, {"mla.grounds": 3})
    assert selectors.previous(later, people["member"]) == earlier
    assert selectors.previous(later, people["other_member"]) is None
