"""Conditions on the use of evidence (UNTOC 18(19), 18(20), 18(26)), consents, and the answer to
"may I use this material in these proceedings?"."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from comity.audit.models import AuditEntry
from comity.casework import conditions
from comity.casework.models import CaseEvent
from comity.casework.services import CaseInputError
from comity.casework.vocabulary import ConditionKind, EventKind
from tests.casework.helpers import days_ago, incoming_case, officer

pytestmark = pytest.mark.django_db


@pytest.fixture
def actor():
    return officer()


@pytest.fixture
def case(actor):
    return incoming_case(actor)


def _condition(case, actor, kind=ConditionKind.SPECIALITY, material="bank records"):
    return conditions.add_condition(
        case=case,
        actor=actor,
        kind=kind,
        material=material,
        text="Use only in the proceedings named in the request.",
        provision="UNTOC 18(19)",
        imposed_on=days_ago(5),
    )


def _consent(case, actor, condition=None, proceedings="Case 12/2026", material="bank records"):
    return conditions.request_consent(
        case=case,
        actor=actor,
        proceedings=proceedings,
        material=material,
        requested_on=days_ago(3),
        condition=condition,
    )


def test_material_no_condition_covers_may_be_used(case, actor):
    _condition(case, actor, material="witness statements")
    answer = conditions.may_use(case, "Case 12/2026", "bank records")
    assert answer.may_use
    assert answer.conditions == []


def test_speciality_without_consent_bars_use_in_other_proceedings(case, actor):
    _condition(case, actor)
    answer = conditions.may_use(case, "Case 12/2026", "Bank Records of account UA21")
    assert not answer.may_use
    [item] = answer.conditions
    assert item.bars_use and item.consent is None
    assert "ask" in item.message.lower()


def test_consent_asked_without_reply_still_bars_use(case, actor):
    condition = _condition(case, actor)
    _consent(case, actor, condition)
    answer = conditions.may_use(case, "case 12/2026")
    assert not answer.may_use
    assert "no reply yet" in answer.conditions[0].message


def test_consent_granted_for_those_proceedings_allows_use(case, actor):
    condition = _condition(case, actor)
    consent = _consent(case, actor, condition)
    conditions.record_consent_reply(
        consent=consent, actor=actor, reply="granted", replied_on=days_ago(1)
    )
    assert conditions.may_use(case, "  CASE 12/2026 ", "bank records").may_use
    # Consent for one set of proceedings does not cover others.
    assert not conditions.may_use(case, "Case 99/2026", "bank records").may_use


def test_consent_refused_bars_use(case, actor):
    condition = _condition(case, actor)
    consent = _consent(case, actor, condition)
    conditions.record_consent_reply(
        consent=consent, actor=actor, reply="refused", replied_on=days_ago(1)
    )
    answer = conditions.may_use(case, "Case 12/2026")
    assert not answer.may_use
    assert "refused" in answer.conditions[0].message


def test_confidentiality_does_not_bar_use_but_is_shown(case, actor):
    _condition(case, actor, kind=ConditionKind.CONFIDENTIALITY)
    answer = conditions.may_use(case, "Case 12/2026")
    assert answer.may_use
    [item] = answer.conditions
    assert not item.bars_use
    assert "confidential" in item.message.lower()


def test_lifted_condition_no_longer_bars_use(case, actor):
    condition = _condition(case, actor)
    conditions.lift_condition(condition=condition, actor=actor, lifted_on=days_ago(1))
    assert conditions.may_use(case, "Case 12/2026").may_use


def test_every_write_is_audited_and_leaves_an_event(case, actor):
    condition = _condition(case, actor)
    consent = _consent(case, actor, condition)
    conditions.record_consent_reply(
        consent=consent, actor=actor, reply="granted", replied_on=days_ago(1)
    )
    kinds = set(CaseEvent.objects.filter(case=case).values_list("kind", flat=True))
    assert {EventKind.CONDITION, EventKind.CONSENT_REQUESTED, EventKind.CONSENT_REPLY} <= kinds
    assert AuditEntry.objects.for_object(case).count() >= 4


def _fields(exc) -> set[str]:
    return {e["field"] for e in exc.value.errors}


def test_a_condition_needs_its_material_and_a_day_not_in_the_future(case, actor):
    with pytest.raises(CaseInputError) as exc:
        conditions.add_condition(
            case=case,
            actor=actor,
            kind="unknown",
            material="  ",
            text="",
            imposed_on=timezone.localdate() + datetime.timedelta(days=1),
        )
    assert _fields(exc) == {"kind", "material", "text", "imposed_on"}


def test_a_reply_cannot_be_before_the_request(case, actor):
    consent = _consent(case, actor)
    with pytest.raises(CaseInputError) as exc:
        conditions.record_consent_reply(
            consent=consent, actor=actor, reply="maybe", replied_on=days_ago(10)
        )
    assert _fields(exc) == {"reply", "replied_on"}


def test_a_consent_request_needs_proceedings_and_material(case, actor):
    with pytest.raises(CaseInputError) as exc:
        conditions.request_consent(
            case=case, actor=actor, proceedings="", material="", requested_on=None
        )
    assert _fields(exc) == {"proceedings", "material", "requested_on"}


def test_a_condition_cannot_be_lifted_before_it_was_set(case, actor):
    condition = _condition(case, actor)
    with pytest.raises(CaseInputError) as exc:
        conditions.lift_condition(condition=condition, actor=actor, lifted_on=days_ago(30))
    assert _fields(exc) == {"lifted_on"}


def test_page_answers_the_question_and_keeps_what_was_typed(client, case, actor):
    _condition(case, actor)
    client.force_login(actor)
    url = reverse("casework:conditions", args=[case.pk])
    page = client.get(url, {"proceedings": "Case 12/2026", "material": ""})
    assert page.status_code == 200
    assert "Do not use it yet" in page.content.decode()
    refused = client.post(
        url,
        {
            "action": "condition",
            "condition-kind": "speciality",
            "condition-material": "",
            "condition-text": "Only for the named proceedings, please keep this",
            "condition-imposed_on": days_ago(1).isoformat(),
        },
    )
    assert refused.status_code == 400
    assert "Only for the named proceedings, please keep this" in refused.content.decode()


def test_page_is_a_404_for_another_authority(client, case):
    stranger = officer()
    client.force_login(stranger)
    assert client.get(reverse("casework:conditions", args=[case.pk])).status_code == 404
