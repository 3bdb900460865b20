"""The life cycles of cases: allowed moves only, the day of each state, the dates reports use."""

import datetime

import pytest
import time_machine

from comity.audit.models import AuditEntry
from comity.casework import lifecycle, services
from comity.casework.models import CaseEvent
from comity.casework.vocabulary import Direction, Status
from comity.drafting.models import Request
from comity.geo.services import load_countries
from tests import factories

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 3, 2)


@pytest.fixture
def people():
    load_countries()
    moj = factories.AuthorityFactory(country=factories.country("UKR"))
    return moj, factories.UserFactory(authority=moj)


def incoming(owner, actor, **extra):
    data = {"kind": "mla", "counterpart_state": "DEU", "received_on": DAY.isoformat(), **extra}
    return services.register_incoming(owner=owner, actor=actor, data=data)


def test_every_state_of_a_direction_is_reachable_and_only_finished_states_end_it():
    for direction in Direction:
        moves = lifecycle.MOVES[direction]
        assert set(moves) == set(lifecycle.STATES[direction])
        reached = {lifecycle.FIRST_STATE[direction]}
        frontier = list(reached)
        while frontier:
            for target in moves[frontier.pop()]:
                assert target in lifecycle.STATES[direction]
                if target not in reached:
                    reached.add(target)
                    frontier.append(target)
        assert reached == set(lifecycle.STATES[direction])
        assert moves[Status.CLOSED] == ()


@time_machine.travel(datetime.datetime(2026, 3, 20, 9, 0), tick=False)
def test_incoming_case_is_numbered_dated_and_moves_only_along_allowed_pairs(people):
    moj, officer = people
    case = incoming(moj, officer)
    assert case.status == Status.RECEIVED and case.opened_on == DAY
    assert case.our_reference == "UKR-IN-2026/00001"
    assert case.target_date == DAY + datetime.timedelta(days=90)
    assert incoming(moj, officer).our_reference == "UKR-IN-2026/00002"
    with pytest.raises(services.TransitionNotAllowed) as refused:
        services.transition(case=case, to=Status.RETURNED, actor=officer)
    assert refused.value.allowed == ["registered", "closed"]
    case = services.transition(case=case, to="registered", actor=officer, on=DAY)
    assert case.acknowledged_on == DAY and case.days_to_acknowledgment == 0
    with pytest.raises(services.CaseInputError) as early:
        services.transition(
            case=case, to="under_review", actor=officer, on=DAY - datetime.timedelta(days=1)
        )
    assert early.value.errors[0]["field"] == "on"
    case = services.transition(case=case, to="under_review", actor=officer)
    case = services.transition(case=case, to="forwarded", actor=officer)
    case = services.transition(case=case, to="returned", actor=officer)
    assert case.days_to_execution == 18 and not case.is_open and case.deadline is None
    assert case.entered == {
        "received": "2026-03-02",
        "registered": "2026-03-02",
        "under_review": "2026-03-20",
        "forwarded": "2026-03-20",
        "returned": "2026-03-20",
    }
    moves = CaseEvent.objects.filter(case=case, kind="transition").count()
    assert moves == 4
    assert AuditEntry.objects.filter(object_id=str(case.pk)).count() == 5


def test_refusing_an_incoming_request_needs_a_consultation_and_a_ground(people):
    moj, officer = people
    case = incoming(moj, officer)
    for target in ("registered", "under_review"):
        case = services.transition(case=case, to=target, actor=officer)
    with pytest.raises(services.CaseInputError) as missing:
        services.transition(case=case, to="refused", actor=officer, ground="untoc_18_21_b")
    assert "18(26)" in missing.value.errors[0]["message"]
    services.record_consultation(
        case=case, actor=officer, on=datetime.date.today(), note="Called the BfJ"
    )
    with pytest.raises(services.CaseInputError) as provision:
        services.transition(case=case, to="refused", actor=officer, ground="treaty")
    assert provision.value.errors[0]["field"] == "provision"
    case = services.transition(
        case=case, to="refused", actor=officer, ground="treaty", provision="art. 2(a) ETS-030"
    )
    assert (case.refusal_ground, case.refusal_provision) == ("treaty", "art. 2(a) ETS-030")


def test_a_writer_behind_the_current_version_is_told_and_nothing_is_written(people):
    moj, officer = people
    case = incoming(moj, officer)
    seen = case.version
    services.update_case(case=case, actor=officer, data={"priority": "high"}, expected_version=seen)
    with pytest.raises(services.StaleCase) as stale:
        services.update_case(
            case=case, actor=officer, data={"priority": "low"}, expected_version=seen
        )
    assert stale.value.current.priority == "high"
    with pytest.raises(services.StaleCase):
        services.transition(case=case, to="registered", actor=officer, expected_version=seen)


def test_bad_details_are_refused_per_field_and_nothing_is_saved(people):
    moj, officer = people
    other = factories.UserFactory(authority=factories.AuthorityFactory())
    with pytest.raises(services.CaseInputError) as bad:
        incoming(
            moj, officer, counterpart_state="UKR", assigned_to=other.pk, received_on="2999-01-01"
        )
    assert {e["field"] for e in bad.value.errors} == {"received_on"}
    with pytest.raises(services.CaseInputError) as bad:
        incoming(moj, officer, counterpart_state="UKR", assigned_to=other.pk, kind="bogus")
    assert {e["field"] for e in bad.value.errors} == {"kind"}
    with pytest.raises(services.CaseInputError) as bad:
        incoming(moj, officer, counterpart_state="UKR", assigned_to=other.pk)
    assert {e["field"] for e in bad.value.errors} == {"counterpart_state", "assigned_to"}
    case = incoming(moj, officer, our_reference="A-1")
    with pytest.raises(services.CaseInputError) as twice:
        incoming(moj, officer, our_reference="A-1")
    assert twice.value.errors[0]["field"] == "our_reference"
    assert moj.cases.count() == 1 and case.pk


def test_the_same_person_in_two_cases_is_suggested_as_a_link_across_scripts(people):
    moj, officer = people
    first = incoming(moj, officer, entities=[{"value": "Олена Коваленко"}])
    second = incoming(
        moj, officer, entities=[{"value": "Olena KOVALENKO", "date_of_birth": "1980-01-02"}]
    )
    third = incoming(moj, officer, entities=[{"kind": "company", "value": "Other Ltd"}])
    assert list(second.links.values_list("other_id", "state")) == [(first.pk, "suggested")]
    assert not third.links.exists()


def test_a_request_sent_to_another_state_cannot_be_reopened(people):
    moj, officer = people
    request = Request.objects.create(
        owner=moj,
        kind="mla",
        requesting_state=factories.country("UKR"),
        requested_state=factories.country("DEU"),
        status="final",
        finalised_at=datetime.datetime(2026, 3, 1, tzinfo=datetime.UTC),
        data={"kind": "mla", "requested_state": "DEU", "persons": [{"name": "Ivan Petrenko"}]},
        created_by=officer,
    )
    case = services.open_outgoing(request=request, actor=officer)
    assert case.status == "draft" and case.counterpart_state_id == "DEU"
    assert services.open_outgoing(request=request, actor=officer) == case
    services.transition(case=case, to="sent", actor=officer, transmission={"channel": "email"})
    from comity.drafting import services as drafting

    with pytest.raises(drafting.TransitionNotAllowed):
        drafting.transition(request=request, to="draft", actor=officer)
