"""The case register's pages: the list and its search, a case and its life cycle, editing,
registering an incoming request (typed or imported), registering a final request as sent, and
who may see which."""

import copy
import datetime
import io
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from comity.accounts.models import Role
from comity.casework import services
from comity.casework.models import Case, CaseEvent
from comity.drafting import services as drafting
from comity.drafting.models import Request
from tests import factories
from tests.drafting.conftest import MLA

TODAY = timezone.localdate


@pytest.fixture
def officer(db):
    factories.country("DEU")
    factories.country("FRA")
    authority = factories.AuthorityFactory(country=factories.country("UKR"), name="Prosecutor")
    return factories.UserFactory(authority=authority, role=Role.OFFICER)


@pytest.fixture
def stranger(officer):
    """An officer of another authority of the same State."""
    return factories.UserFactory(
        authority=factories.AuthorityFactory(country=officer.authority.country)
    )


def incoming(officer, *, names=(), state="DEU", **data) -> Case:
    return services.register_incoming(
        owner=officer.authority,
        actor=officer,
        data={
            "kind": "mla",
            "counterpart_state": state,
            "received_on": TODAY().isoformat(),
            "entities": [{"kind": "person", "value": name} for name in names],
            **data,
        },
    )


def _html(response) -> str:
    return response.content.decode()


def test_anonymous_visitors_are_sent_to_sign_in(client, officer):
    case = incoming(officer)
    for url in (reverse("casework:list"), case.get_absolute_url(), reverse("casework:new")):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login" in response.url


def test_every_page_renders_for_an_officer(client, officer):
    case = incoming(officer, names=["Ivan Petrenko"], their_reference="DE-4711")
    client.force_login(officer)
    for name, args in (
        ("casework:list", []),
        ("casework:overdue", []),
        ("casework:new", []),
        ("casework:import", []),
        ("casework:detail", [case.pk]),
        ("casework:edit", [case.pk]),
    ):
        response = client.get(reverse(name, args=args))
        assert response.status_code == 200, name
    page = _html(client.get(case.get_absolute_url()))
    assert "DE-4711" in page and "Ivan Petrenko" in page
    assert "the internal target for this kind of request" in page  # which deadline governs


def _found(client, **query) -> str:
    return _html(client.get(reverse("casework:list"), query))


def test_search_finds_names_in_either_script_and_without_accents(client, officer):
    incoming(officer, names=["Олег Коваленко"], our_reference="C-CYRILLIC")
    incoming(officer, names=["Ivan Petrenko"], our_reference="C-LATIN")
    incoming(officer, names=["Hans Müller"], our_reference="C-UMLAUT")
    client.force_login(officer)
    assert "C-CYRILLIC" in _found(client, q="kovalenko")
    assert "C-LATIN" not in _found(client, q="kovalenko")
    assert "C-LATIN" in _found(client, q="Петренко")
    assert "C-UMLAUT" in _found(client, q="muller")
    assert "C-UMLAUT" in _found(client, q="C-UMLAUT")


def test_filters_narrow_the_list_and_the_overdue_list_shows_late_cases(client, officer):
    late = incoming(
        officer,
        state="FRA",
        our_reference="C-LATE",
        received_on=(TODAY() - datetime.timedelta(days=30)).isoformat(),
        requested_deadline=(TODAY() - datetime.timedelta(days=1)).isoformat(),
    )
    incoming(officer, our_reference="C-ONTIME", kind="extradition")
    client.force_login(officer)
    page = _found(client, counterpart_state="FRA")
    assert "C-LATE" in page and "C-ONTIME" not in page and "Overdue" in page
    assert "C-LATE" not in _found(client, kind="extradition")
    only_late = _found(client, overdue="on")
    assert "C-LATE" in only_late and "C-ONTIME" not in only_late
    overdue = _html(client.get(reverse("casework:overdue")))
    assert late.our_reference in overdue and "C-ONTIME" not in overdue


def test_a_move_not_allowed_is_refused_with_the_allowed_states(client, officer):
    case = incoming(officer)
    client.force_login(officer)
    response = client.post(
        reverse("casework:transition", args=[case.pk]),
        {"to": "returned", "on": TODAY().isoformat(), "version": case.version},
    )
    assert response.status_code == 400
    assert "Allowed next: Registered, Closed" in _html(response)
    case.refresh_from_db()
    assert case.status == "received"


def test_a_move_is_recorded_on_its_day_and_shown_on_the_timeline(client, officer):
    case = incoming(officer, received_on=(TODAY() - datetime.timedelta(days=3)).isoformat())
    client.force_login(officer)
    day = TODAY() - datetime.timedelta(days=1)
    response = client.post(
        reverse("casework:transition", args=[case.pk]),
        {"to": "registered", "on": day.isoformat(), "note": "Logged.", "version": case.version},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == "registered" and case.entered["registered"] == day.isoformat()
    page = _html(client.get(case.get_absolute_url()))
    assert "Received → Registered" in page and "Logged." in page


def test_refusing_without_a_consultation_keeps_the_input_and_says_what_to_do(client, officer):
    case = incoming(officer)
    for to in ("registered", "under_review"):
        case = services.transition(case=case, to=to, actor=officer)
    client.force_login(officer)
    response = client.post(
        reverse("casework:transition", args=[case.pk]),
        {
            "to": "refused",
            "on": TODAY().isoformat(),
            "ground": "untoc_18_21_b",
            "note": "My typed reason",
            "version": case.version,
        },
    )
    assert response.status_code == 400
    page = _html(response)
    assert "UNTOC 18(26)" in page and "My typed reason" in page
    client.post(
        reverse("casework:consult", args=[case.pk]),
        {"on": TODAY().isoformat(), "note": "Asked DEU whether conditions would do."},
    )
    case.refresh_from_db()
    response = client.post(
        reverse("casework:transition", args=[case.pk]),
        {
            "to": "refused",
            "on": TODAY().isoformat(),
            "ground": "untoc_18_21_b",
            "version": case.version,
        },
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == "refused" and case.refusal_ground == "untoc_18_21_b"


def test_a_note_is_added_and_an_empty_one_refused(client, officer):
    case = incoming(officer)
    client.force_login(officer)
    assert client.post(reverse("casework:note", args=[case.pk]), {"note": ""}).status_code == 400
    client.post(reverse("casework:note", args=[case.pk]), {"note": "Called the prosecutor."})
    assert CaseEvent.objects.filter(case=case, kind="note", note="Called the prosecutor.").exists()


def _edit_data(case, **changes) -> dict:
    data = {
        "kind": case.kind,
        "counterpart_state": case.counterpart_state_id,
        "our_reference": case.our_reference,
        "priority": case.priority,
        "version": case.version,
        "entities-TOTAL_FORMS": "1",
        "entities-INITIAL_FORMS": "0",
        "entities-0-kind": "person",
        "entities-0-value": "Anna Schmidt",
    }
    return {**data, **changes}


def test_edit_saves_details_and_persons(client, officer):
    case = incoming(officer)
    executing = factories.AuthorityFactory(country=officer.authority.country, name="Kyiv police")
    client.force_login(officer)
    response = client.post(
        reverse("casework:edit", args=[case.pk]),
        _edit_data(
            case,
            their_reference="DE-1",
            executing_authority=str(executing.pk),
            assigned_to=str(officer.pk),
            legal_bases="UNTOC, ETS-030",
            offences="Fraud\nMoney laundering",
        ),
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.their_reference == "DE-1" and case.executing_authority == executing
    assert case.legal_bases == ["UNTOC", "ETS-030"] and case.offences == [
        "Fraud",
        "Money laundering",
    ]
    assert [e.value for e in case.entities.all()] == ["Anna Schmidt"]
    assert case.assigned_to == officer


def test_a_stale_edit_keeps_what_was_typed_and_says_why(client, officer):
    case = incoming(officer)
    seen = case.version
    services.update_case(case=case, actor=officer, data={"subject": "Changed meanwhile"})
    client.force_login(officer)
    response = client.post(
        reverse("casework:edit", args=[case.pk]),
        _edit_data(case, version=seen, their_reference="MY-TYPED-REF"),
    )
    assert response.status_code == 409
    page = _html(response)
    assert "changed by someone else" in page and "MY-TYPED-REF" in page
    case.refresh_from_db()
    assert case.their_reference == "" and case.subject == "Changed meanwhile"
    assert f'name="version" value="{case.version}"' in page


def _exported_body(db) -> dict:
    """A complete request, drafted by a Ukrainian authority and exported as JSON."""
    author = factories.UserFactory(
        authority=factories.AuthorityFactory(country=factories.country("UKR"))
    )
    body = {**copy.deepcopy(MLA), "requesting_authority": str(author.authority_id)}
    body["urgency"] = {
        "urgent": True,
        "deadline": (TODAY() + datetime.timedelta(days=20)).isoformat(),
    }
    made = drafting.create_request(owner=author.authority, data=body, actor=author)
    return drafting.export_request(request=made, actor=author)


@pytest.fixture
def german(db):
    factories.country("UKR")
    return factories.UserFactory(
        authority=factories.AuthorityFactory(country=factories.country("DEU"), name="BfJ")
    )


def _upload(client, content: bytes):
    upload = io.BytesIO(content)
    upload.name = "request.json"
    return client.post(reverse("casework:import"), {"file": upload})


def test_an_imported_request_prefills_the_registration_and_is_kept(client, german):
    body = _exported_body(None)
    client.force_login(german)
    response = _upload(client, json.dumps(body).encode())
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["counterpart_state"] == "UKR"
    assert form.initial["their_reference"] == "UKR-2026-001"
    assert form.initial["subject"] == "42026000000000123"
    assert form.initial["requested_deadline"] == body["urgency"]["deadline"]
    assert "Laundering of proceeds of crime" in form.initial["offences"]
    assert "Ivan Petrenko" in _html(response)
    entities = response.context["entities"]
    data = {
        **{k: v for k, v in form.initial.items() if v is not None},
        "received_on": TODAY().isoformat(),
        "entities-TOTAL_FORMS": str(len(entities.initial)),
        "entities-INITIAL_FORMS": "0",
    }
    for i, row in enumerate(entities.initial):
        data.update({f"entities-{i}-{k}": v or "" for k, v in row.items()})
    response = client.post(reverse("casework:new"), data)
    assert response.status_code == 302, response.context["form"].errors
    case = Case.objects.get(owner=german.authority)
    assert case.received_body == body and case.direction == "incoming"
    assert case.their_reference == "UKR-2026-001" and case.priority == "urgent"
    assert {e.value for e in case.entities.all()} == {"Ivan Petrenko", "Anna Schmidt"}


def test_an_import_that_is_not_a_comity_request_is_refused_clearly(client, german):
    client.force_login(german)
    response = _upload(client, b"not json at all")
    assert response.status_code == 400 and "This file is not JSON" in _html(response)
    response = _upload(client, json.dumps({"format": "comity.request", "kind": "nope"}).encode())
    assert response.status_code == 400 and "kind" in _html(response)
    assert not Case.objects.exists()


def test_a_tampered_imported_body_is_not_registered(client, german):
    client.force_login(german)
    response = client.post(
        reverse("casework:new"),
        {
            "kind": "mla",
            "counterpart_state": "UKR",
            "priority": "normal",
            "received_on": TODAY().isoformat(),
            "body": "forged",
            "entities-TOTAL_FORMS": "0",
            "entities-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 400 and "import the file again" in _html(response)


@pytest.fixture
def final_request(officer):
    body = {**copy.deepcopy(MLA), "requesting_authority": str(officer.authority_id)}
    body["urgency"] = {"deadline": (TODAY() + datetime.timedelta(days=30)).isoformat()}
    made = drafting.create_request(owner=officer.authority, data=body, actor=officer)
    Request.objects.filter(pk=made.pk).update(status="final", finalised_at=timezone.now())
    made.refresh_from_db()
    return made


def test_a_final_request_is_registered_as_sent(client, officer, final_request):
    client.force_login(officer)
    review = reverse("drafting:step", args=[final_request.pk, "review"])
    send = reverse("casework:send", args=[final_request.pk])
    assert send in _html(client.get(review))
    form = client.get(send).context["form"]
    assert form.initial["requested_deadline"] == final_request.data["urgency"]["deadline"]
    day = TODAY() - datetime.timedelta(days=1)
    response = client.post(
        send,
        {
            "our_reference": form.initial["our_reference"],
            "channel": "diplomatic",
            "on": day.isoformat(),
            "tracking_number": "RR123",
            "requested_deadline": final_request.data["urgency"]["deadline"],
            "assigned_to": str(officer.pk),
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    case = Case.objects.get(request=final_request)
    assert response.url == case.get_absolute_url()
    assert (case.status, case.channel, case.transmitted_on) == ("sent", "diplomatic", day)
    assert case.tracking_number == "RR123" and case.assigned_to == officer
    assert client.get(send).url == case.get_absolute_url()
    assert f"Case {case.our_reference} (Sent)" in _html(client.get(review))
    listed = _html(client.get(reverse("drafting:list")))
    assert case.get_absolute_url() in listed
    register = _html(client.get(reverse("casework:list")))
    assert review in register


def test_sending_needs_the_channel_and_keeps_the_input(client, officer, final_request):
    client.force_login(officer)
    response = client.post(
        reverse("casework:send", args=[final_request.pk]),
        {"channel": "", "on": TODAY().isoformat(), "tracking_number": "KEEP-ME"},
    )
    assert response.status_code == 400 and "KEEP-ME" in _html(response)
    assert not Case.objects.exists()


def test_another_authority_gets_404_on_every_case_page(client, officer, stranger, final_request):
    case = incoming(officer)
    client.force_login(stranger)
    for name in ("detail", "edit"):
        assert client.get(reverse(f"casework:{name}", args=[case.pk])).status_code == 404
    for name in ("transition", "consult", "note", "edit"):
        response = client.post(reverse(f"casework:{name}", args=[case.pk]), {"note": "x"})
        assert response.status_code == 404, name
    assert client.get(reverse("casework:send", args=[final_request.pk])).status_code == 404
    assert case.our_reference not in _html(client.get(reverse("casework:list")))


def test_a_viewer_sees_a_case_but_cannot_change_or_register(client, officer):
    case = incoming(officer)
    viewer = factories.UserFactory(authority=officer.authority, role=Role.VIEWER)
    client.force_login(viewer)
    page = client.get(case.get_absolute_url())
    assert page.status_code == 200 and reverse("casework:edit", args=[case.pk]) not in _html(page)
    assert client.get(reverse("casework:edit", args=[case.pk])).status_code == 404
    assert client.get(reverse("casework:new")).status_code == 404
    assert client.post(reverse("casework:note", args=[case.pk]), {"note": "x"}).status_code == 404


def test_the_home_page_lists_the_officers_cases_overdue_first(client, officer):
    incoming(
        officer,
        our_reference="C-LATE",
        assigned_to=officer.pk,
        received_on=(TODAY() - datetime.timedelta(days=30)).isoformat(),
        requested_deadline=(TODAY() - datetime.timedelta(days=2)).isoformat(),
    )
    incoming(officer, our_reference="C-RECENT")
    client.force_login(officer)
    page = _html(client.get("/"))
    assert "Your cases" in page and "Overdue" in page
    assert page.index("C-LATE") < page.index("C-RECENT")


def test_a_long_register_is_counted_up_to_the_limit(client, officer, monkeypatch):
    from comity.casework import selectors as case_selectors

    for _ in range(3):
        incoming(officer)
    client.force_login(officer)
    monkeypatch.setattr(case_selectors, "COUNT_LIMIT", 2)
    assert "More than 2 cases" in _html(client.get(reverse("casework:list")))
    monkeypatch.setattr(case_selectors, "COUNT_LIMIT", 5)
    assert "3 cases" in _html(client.get(reverse("casework:list")))
