"""The guided flow: each step saves, checks show live, a request with errors cannot be made
final, and versions can be compared."""

import pytest
from django.urls import reverse

from comity.accounts.models import Role
from comity.drafting import services
from comity.drafting.models import Request
from comity.drafting.schema import empty_body
from tests import factories


@pytest.fixture
def officer(db):
    authority = factories.AuthorityFactory(
        country=factories.country("UKR"), name="Prosecutor General"
    )
    factories.country("DEU")
    return factories.UserFactory(authority=authority, role=Role.OFFICER)


@pytest.fixture
def draft(officer):
    body = empty_body(kind="mla", requesting_state="UKR")
    body.update(requested_state="DEU", requesting_authority=str(officer.authority_id))
    return services.create_request(owner=officer.authority, data=body, actor=officer)


def _step(draft, step):
    return reverse("drafting:step", args=[draft.pk, step])


def test_new_request_starts_a_draft_for_the_users_authority(client, officer):
    client.force_login(officer)
    response = client.post(reverse("drafting:new"), {"kind": "mla", "requested_state": "DEU"})
    created = Request.objects.get()
    assert response.url == _step(created, "parties")
    assert created.owner == officer.authority and created.data["requesting_state"] == "UKR"


def test_a_step_saves_and_moves_on(client, officer, draft):
    client.force_login(officer)
    response = client.post(
        _step(draft, "facts"), {"facts": "Money moved through Berlin.", "dual_criminality": ""}
    )
    assert response.url == _step(draft, "persons")
    draft.refresh_from_db()
    assert draft.data["facts"] == "Money moved through Berlin." and draft.version == 2


def test_offences_and_persons_are_saved_from_their_blocks(client, officer, draft):
    client.force_login(officer)
    client.post(
        _step(draft, "persons"),
        {
            "persons-TOTAL_FORMS": "2",
            "persons-INITIAL_FORMS": "0",
            "persons-0-role": "suspect",
            "persons-0-name": "Ivan Petrenko",
            "persons-0-date_of_birth": "1980-02-03",
            "persons-0-nationality": "UKR",
            "persons-1-name": "",
        },
    )
    draft.refresh_from_db()
    assert draft.data["persons"] == [
        {**draft.data["persons"][0], "name": "Ivan Petrenko", "date_of_birth": "1980-02-03"}
    ]
    assert len(draft.data["persons"]) == 1


def test_a_nationality_word_or_a_birth_in_the_future_is_refused_with_the_field_named(
    client, officer, draft
):
    """ "Ukrainian" is not a State (it used to be cut to "Ukr"); a birth in 2090 is a typo."""
    client.force_login(officer)
    response = client.post(
        _step(draft, "persons"),
        {
            "persons-TOTAL_FORMS": "1",
            "persons-INITIAL_FORMS": "0",
            "persons-0-name": "Ivan Petrenko",
            "persons-0-date_of_birth": "2090-02-03",
            "persons-0-nationality": "Ukrainian",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Choose the State of nationality from the list" in html
    assert "A date of birth cannot be in the future" in html
    assert 'value="Ivan Petrenko"' in html  # what was typed is still there
    assert 'maxlength="3"' not in html
    draft.refresh_from_db()
    assert draft.version == 1  # nothing half-saved


def test_measures_are_added_filled_and_removed(client, officer, draft):
    client.force_login(officer)
    client.post(_step(draft, "measures"), {"add_measure": "bank_records"})
    client.post(
        _step(draft, "measures"),
        {"m0-bank": "Beispielbank AG", "m0-accounts": "DE89370400440532013000"},
    )
    draft.refresh_from_db()
    assert draft.data["measures"][0]["type"] == "bank_records"
    assert draft.data["measures"][0]["bank"] == "Beispielbank AG"
    client.post(_step(draft, "measures"), {"remove_measure": "0"})
    draft.refresh_from_db()
    assert draft.data["measures"] == []


def test_live_checks_report_on_unsaved_input(client, officer, draft):
    client.force_login(officer)
    empty = client.post(reverse("drafting:live_checks", args=[draft.pk, "facts"]), {"facts": ""})
    assert "UNTOC 18(15)(c)" in empty.content.decode()
    typed = client.post(
        reverse("drafting:live_checks", args=[draft.pk, "facts"]),
        {"facts": "Money moved through Berlin."},
    )
    assert "UNTOC 18(15)(c)" not in typed.content.decode()
    draft.refresh_from_db()
    assert draft.version == 1  # checking never saves


def test_a_request_with_errors_stays_a_draft(client, officer, draft):
    client.force_login(officer)
    client.post(reverse("drafting:transition", args=[draft.pk]), {"to": "final"})
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_versions_can_be_compared(client, officer, draft):
    client.force_login(officer)
    client.post(_step(draft, "facts"), {"facts": "First account of events."})
    client.post(_step(draft, "facts"), {"facts": "Corrected account of events."})
    html = client.get(reverse("drafting:compare", args=[draft.pk]) + "?a=2&b=3").content.decode()
    assert "First account of events." in html and "Corrected account of events." in html


def test_viewers_read_but_cannot_save(client, officer, draft):
    viewer = factories.UserFactory(authority=officer.authority, role=Role.VIEWER)
    client.force_login(viewer)
    assert client.get(_step(draft, "facts")).status_code == 200
    assert client.post(_step(draft, "facts"), {"facts": "x"}).status_code == 404


def test_api_checks_and_final(client, officer, draft):
    client.force_login(officer)
    checks = client.get(f"/api/v1/requests/{draft.pk}/checks").json()
    assert checks["ready"] is False
    facts = next(c for c in checks["checks"] if c["field"] == "facts")
    assert facts["citation"] == "UNTOC 18(15)(c)" and facts["severity"] == "error"
    refused = client.post(
        f"/api/v1/requests/{draft.pk}/transitions", {"to": "final"}, content_type="application/json"
    )
    assert refused.status_code == 409
    body_only = client.post("/api/v1/requests/check", draft.data, content_type="application/json")
    assert body_only.json()["ready"] is False


def test_the_conditions_step_shows_only_what_concerns_the_kind(client, officer, draft):
    client.force_login(officer)
    mla = client.get(_step(draft, "conditions")).content.decode()
    assert 'name="purpose"' in mla and 'name="warrant_kind"' not in mla
    assert 'name="property_description"' not in mla
    draft.data["warrant"]["reference"] = "kept"
    draft.save()
    client.post(_step(draft, "conditions"), {"purpose": "Evidence for the trial"})
    draft.refresh_from_db()
    assert draft.data["purpose"] == "Evidence for the trial"
    assert draft.data["warrant"]["reference"] == "kept"  # not shown, so not overwritten


def test_extradition_has_its_own_steps_with_no_empty_assistance_step(client, officer):
    body = empty_body(kind="extradition", requesting_state="UKR")
    body["requested_state"] = "DEU"
    extradition = services.create_request(owner=officer.authority, data=body, actor=officer)
    client.force_login(officer)
    html = client.get(_step(extradition, "warrant")).content.decode()
    assert 'name="warrant_kind"' in html and 'name="warrant_time_in_custody"' in html
    assert 'name="property_description"' not in html and 'name="speciality"' not in html
    assert "Person sought" in html and "Assurances and undertakings" in html
    assert "Assistance requested" not in html
    assert client.get(_step(extradition, "measures")).status_code == 404
    assurances = client.get(_step(extradition, "assurances")).content.decode()
    assert 'name="assurances_death_penalty"' in assurances and 'name="speciality"' in assurances
    channel = client.get(_step(extradition, "transmission")).content.decode()
    assert 'value="interpol"' in channel and 'name="transmission_notice"' in channel


def test_extradition_warrant_assurances_and_channel_are_saved_from_their_steps(client, officer):
    body = empty_body(kind="extradition", requesting_state="UKR")
    body["requested_state"] = "DEU"
    extradition = services.create_request(owner=officer.authority, data=body, actor=officer)
    client.force_login(officer)
    response = client.post(
        _step(extradition, "warrant"),
        {
            "warrant_kind": "judgment",
            "warrant_remaining_months": "31",
            "warrant_in_absentia": "on",
            "warrant_time_in_custody": "2024-03-01 to 2024-09-15, pre-trial detention",
        },
    )
    assert response.status_code == 302 and response["Location"].endswith("/proceedings/")
    client.post(
        _step(extradition, "assurances"),
        {
            "assurances_retrial": "Art. 412 CPC grants a retrial on request.",
            "prosecution_if_refused": "on",
        },
    )
    client.post(
        _step(extradition, "transmission"),
        {"transmission_channel": "interpol", "transmission_notice": "A-1234/5-2025"},
    )
    extradition.refresh_from_db()
    data = extradition.data
    assert data["warrant"]["remaining_months"] == 31 and data["warrant"]["in_absentia"] is True
    assert data["warrant"]["time_in_custody"].startswith("2024-03-01")
    assert data["assurances"]["retrial"] == "Art. 412 CPC grants a retrial on request."
    assert data["undertakings"]["prosecution_if_refused"] is True
    assert data["transmission"] == {
        "channel": "interpol",
        "reason": "",
        "notice": "A-1234/5-2025",
    }


def test_an_unticked_box_in_an_empty_offence_block_adds_no_offence(client, officer, draft):
    client.force_login(officer)
    client.post(
        _step(draft, "proceedings"),
        {
            "offences-TOTAL_FORMS": "2",
            "offences-INITIAL_FORMS": "0",
            "offences-0-label": "Murder",
            "offences-0-death_penalty": "on",
            "offences-1-label": "",
        },
    )
    draft.refresh_from_db()
    assert [(o["label"], o["death_penalty"]) for o in draft.data["offences"]] == [("Murder", True)]


def test_a_request_saved_before_the_assurances_existed_opens_and_saves(client, officer, draft):
    older = {k: v for k, v in draft.data.items() if k not in ("assurances", "transmission")}
    older["warrant"] = {k: older["warrant"][k] for k in ("kind", "issued_by", "date", "reference")}
    Request.objects.filter(pk=draft.pk).update(data=older)
    client.force_login(officer)
    assert client.get(_step(draft, "conditions")).status_code == 200
    client.post(_step(draft, "conditions"), {"purpose": "Evidence for the trial"})
    draft.refresh_from_db()
    assert draft.data["purpose"] == "Evidence for the trial"
    assert draft.data["assurances"]["death_penalty"] == ""


def test_a_measure_is_headed_by_its_name_in_words_not_its_code(client, officer, draft):
    client.force_login(officer)
    client.post(_step(draft, "measures"), {"add_measure": "bank_records"})
    html = client.get(_step(draft, "measures")).content.decode()
    legend = html[html.index("<legend>") : html.index("</legend>")]
    assert "bank_records" not in legend and "1. " in legend


def test_a_signed_in_officer_lands_on_their_authoritys_requests_with_their_checks(
    client, officer, draft
):
    client.force_login(officer)
    html = client.get("/").content.decode()
    assert reverse("drafting:new") in html  # "Draft a request"
    assert reverse("treaties:legal_basis") in html
    assert _step(draft, "parties") in html
    assert "errors" in html  # an empty draft has errors to correct


def test_requests_are_found_by_person_reference_and_state(client, officer, draft):
    other = empty_body(kind="extradition", requesting_state="UKR")
    other.update(
        requested_state="DEU",
        requesting_authority=str(officer.authority_id),
        reference="PGO-2026/117",
        persons=[{"name": "Олег Бондар", "role": "person_sought"}],
    )
    found = services.create_request(owner=officer.authority, data=other, actor=officer)
    client.force_login(officer)
    for q in ("бондар", "pgo-2026/117", "DEU"):
        html = client.get(reverse("drafting:list"), {"q": q}).content.decode()
        assert _step(found, "parties") in html, q
    html = client.get(reverse("drafting:list"), {"q": "бондар"}).content.decode()
    assert _step(draft, "parties") not in html


def test_another_authoritys_requests_are_never_found(client, officer, draft):
    stranger = factories.UserFactory(
        authority=factories.AuthorityFactory(country=factories.country("DEU")), role=Role.OFFICER
    )
    client.force_login(stranger)
    html = client.get(reverse("drafting:list"), {"q": "DEU"}).content.decode()
    assert _step(draft, "parties") not in html
    assert _step(draft, "parties") not in client.get("/").content.decode()


def test_each_check_links_to_the_step_and_field_where_it_is_fixed(client, officer, draft):
    from comity.drafting.steps import field_place

    assert field_place("persons.0.nationality") == ("persons", "id_persons-0-nationality")
    assert field_place("urgency.deadline") == ("conditions", "id_deadline")
    assert field_place("warrant.kind", "extradition") == ("warrant", "id_warrant_kind")
    assert field_place("undertakings.speciality", "extradition") == ("assurances", "id_speciality")
    assert field_place("transmission.channel", "extradition") == (
        "transmission",
        "id_transmission_channel",
    )
    assert field_place("measures.0.data", "preservation") == ("measures", "id_m0-data")
    assert field_place("measures.1.bank") == ("measures", "id_m1-bank")
    assert field_place("facts") == ("facts", "id_facts")
    client.force_login(officer)
    html = client.get(_step(draft, "facts")).content.decode()
    assert f'href="{_step(draft, "facts")}#id_facts"' in html
    # The anchors exist on the step pages they point to.
    assert 'id="id_facts"' in html


def test_the_review_step_previews_the_document_with_what_was_entered(client, officer, draft):
    client.force_login(officer)
    client.post(
        _step(draft, "facts"), {"facts": "Money moved through Berlin.", "dual_criminality": ""}
    )
    html = client.get(_step(draft, "review")).content.decode()
    preview = html[html.index('class="document-preview"') :]
    assert "Money moved through Berlin." in preview
    assert "Request for mutual legal assistance in criminal matters" in preview
    assert "Prosecutor General" in preview  # the letterhead
