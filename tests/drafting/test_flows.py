"""Each kind of request has its own flow, declared once (drafting/flows.py): the wizard shows its
steps, the checks link into them and the document follows its order."""

import pytest
from django.urls import reverse

from comity.accounts.models import Role
from comity.drafting import flows, rendering, services
from comity.drafting.documents.model import build_document
from comity.drafting.forms import ConditionsForm
from comity.drafting.rules import context_for, run_checks
from comity.drafting.schema import RequestBody, empty_body
from comity.drafting.steps import field_place
from comity.treaties.vocabulary import RequestKind
from tests import factories

KINDS = [kind.value for kind in RequestKind]


def test_every_kind_has_a_flow_that_ends_with_the_review():
    assert set(flows.FLOWS) == set(KINDS)
    for kind in KINDS:
        slugs = [s.slug for s in flows.flow(kind)]
        assert len(slugs) == len(set(slugs)), kind
        assert slugs[0] == "parties" and slugs[-1] == "review", kind


def test_a_part_of_the_body_is_written_by_one_step_of_a_flow_only():
    """Otherwise two steps would overwrite each other's saves unseen."""
    for kind in KINDS:
        seen = {}
        for step in flows.flow(kind):
            for part in flows.step_parts(step):
                assert part not in seen, (kind, part, seen.get(part), step.slug)
                seen[part] = step.slug
            assert all(part in RequestBody.model_fields for part in flows.step_parts(step))


def test_details_steps_name_fields_of_the_form_once():
    known = set(ConditionsForm.base_fields)
    for kind in KINDS:
        for step in flows.flow(kind):
            assert set(step.fields) <= known, (kind, step.slug, set(step.fields) - known)
            assert len(step.fields) == len(set(step.fields))


def test_every_field_of_the_details_form_has_one_place_in_the_body():
    from comity.drafting.steps import apply_conditions, conditions_initial

    assert set(flows.DETAILS_PATHS) == set(ConditionsForm.base_fields)
    body = empty_body(kind="extradition", requesting_state="UKR")
    for path in flows.DETAILS_PATHS.values():
        top, _dot, key = path.partition(".")
        assert top in body and (not key or key in body[top]), path
    apply_conditions(body, {"warrant_time_in_custody": "2024", "urgent": True, "speciality": True})
    assert body["warrant"]["time_in_custody"] == "2024" and body["warrant"]["kind"] == ""
    assert body["urgency"]["urgent"] is True and body["undertakings"]["speciality"] is True
    initial = conditions_initial(body)
    assert initial["warrant_time_in_custody"] == "2024" and initial["speciality"] is True


def test_extradition_is_not_shaped_like_mutual_legal_assistance():
    slugs = [s.slug for s in flows.flow("extradition")]
    assert "measures" not in slugs
    assert slugs.index("persons") < slugs.index("warrant") < slugs.index("proceedings")
    warrant = flows.step("extradition", "warrant")
    assert "warrant_time_in_custody" in warrant.fields
    assert "warrant_remaining_months" in warrant.fields
    assert set(flows.ASSURANCES) <= set(flows.step("extradition", "assurances").fields)
    assert "transmission_notice" in flows.step("extradition", "transmission").fields


def test_preservation_is_short_and_starts_with_the_data():
    slugs = [s.slug for s in flows.flow("preservation")]
    assert "annexes" not in slugs and "persons" not in slugs
    assert flows.step("preservation", "measures").measure == "preservation_stored_data"
    assert "mla_request_to_follow" in flows.step("preservation", "conditions").fields


@pytest.fixture
def officer(db):
    authority = factories.AuthorityFactory(country=factories.country("UKR"), name="Prosecutor")
    factories.country("DEU")
    return factories.UserFactory(authority=authority, role=Role.OFFICER)


def _body(kind: str) -> dict:
    body = empty_body(kind=kind, requesting_state="UKR")
    body.update(
        requested_state="DEU",
        offences=[{"label": "Fraud", "death_penalty": True}],
        persons=[{"role": "person_sought", "name": "A. B."}],
        measures=[{"type": "preservation_stored_data", "id": "m1"}],
        urgency={"urgent": True, "deadline": None, "reason": ""},
        transmission={"channel": "direct", "reason": "", "notice": ""},
    )
    body["warrant"]["in_absentia"] = True
    return body


@pytest.mark.parametrize("kind", KINDS)
def test_every_check_links_to_a_field_its_flow_shows(officer, kind):
    body = _body(kind)
    for check in run_checks(body, context=context_for(body)):
        if not check.field or check.field.split(".")[0] == "requesting_authority":
            continue  # the requesting side is the drafting authority, set by the server
        slug, anchor = field_place(check.field, kind)
        step = flows.step(kind, slug)
        assert step is not None and step.block != "review", (check.id, check.field)
        if step.block == "details" and anchor:
            assert anchor.removeprefix("id_") in step.fields, (check.id, check.field, slug)


@pytest.mark.parametrize("kind", KINDS)
def test_every_step_of_every_flow_opens(client, officer, kind):
    body = _body(kind)
    request = services.create_request(owner=officer.authority, data=body, actor=officer)
    client.force_login(officer)
    for step in flows.flow(kind):
        response = client.get(reverse("drafting:step", args=[request.pk, step.slug]))
        assert response.status_code == 200, (kind, step.slug)
        html = response.content.decode()
        assert f"<h1>{step.title}</h1>" in html
        for field in step.fields:
            assert f'name="{field}"' in html, (kind, step.slug, field)


def test_a_new_preservation_request_opens_its_data_step_on_the_preservation_measure(
    client, officer
):
    body = empty_body(kind="preservation", requesting_state="UKR")
    request = services.create_request(owner=officer.authority, data=body, actor=officer)
    client.force_login(officer)
    url = reverse("drafting:step", args=[request.pk, "measures"])
    assert 'name="m0-custodian"' in client.get(url).content.decode()
    client.post(url, {"m0-data": "Subscriber data and logs of example@mail", "m0-custodian": "X"})
    request.refresh_from_db()
    assert request.data["measures"][0]["type"] == "preservation_stored_data"
    assert request.data["measures"][0]["data"].startswith("Subscriber data")


def test_preservation_is_addressed_to_the_requested_states_24_7_point(client, officer):
    central = factories.AuthorityFactory(
        country=factories.country("FRA"),
        name="UK Central Authority",
        kind="central_authority",
        competences=["mla"],
    )
    point = factories.AuthorityFactory(
        country=factories.country("FRA"),
        name="24/7 Cybercrime Point",
        kind="contact_point_24_7",
        competences=["preservation_24_7"],
    )
    body = empty_body(kind="preservation", requesting_state="UKR")
    body["requested_state"] = "FRA"
    request = services.create_request(owner=officer.authority, data=body, actor=officer)
    client.force_login(officer)
    html = client.get(reverse("drafting:step", args=[request.pk, "parties"])).content.decode()
    assert "24/7 Cybercrime Point" in html
    options = rendering.document_options(request, language="en")
    assert options["requested_authority"] == point
    mla = services.create_request(
        owner=officer.authority, data={**body, "kind": "mla"}, actor=officer
    )
    assert rendering.document_options(mla, language="en")["requested_authority"] == central


def test_the_extradition_document_follows_its_own_order_and_words(complete_body):
    body = complete_body("extradition")
    body["warrant"]["time_in_custody"] = "From 2024-03-01 to 2024-09-15"
    body["transmission"] = {"channel": "interpol", "notice": "Red Notice A-1234/5-2025"}
    document = build_document(body, "en")
    keys = [s.key for s in document.sections]
    assert keys.index("persons") < keys.index("warrant") < keys.index("offences")
    assert keys.index("offences") < keys.index("facts") < keys.index("assurances")
    headings = {s.key: s.heading for s in document.sections}
    assert headings["persons"] == "Person sought"
    rows = {r.label: r.value for s in document.sections for r in s.rows}
    assert rows["Time already spent in custody"] == "From 2024-03-01 to 2024-09-15"
    assert rows["INTERPOL notice or diffusion"] == "Red Notice A-1234/5-2025"


def test_the_mla_document_keeps_the_order_of_article_18_15(complete_body):
    keys = [s.key for s in build_document(complete_body("mla"), "en").sections]
    assert keys.index("proceedings") < keys.index("facts") < keys.index("assistance")
    assert keys.index("assistance") < keys.index("purpose")


def test_a_preservation_document_heads_the_data_as_data_to_preserve(complete_body):
    body = complete_body("mla")
    body["kind"] = "preservation"
    body["measures"] = [{"type": "preservation_stored_data", "id": "m1", "data": "Logs"}]
    body["undertakings"] = {"mla_request_to_follow": True}
    document = build_document(body, "en")
    headings = {s.key: s.heading for s in document.sections}
    assert headings["assistance"] == "Data to be preserved"
    keys = [s.key for s in document.sections]
    # The data, then the undertaking that a request for mutual legal assistance follows.
    assert keys.index("facts") < keys.index("assistance") < keys.index("undertakings")


def test_a_step_may_name_a_field_in_the_words_of_its_kind(client, officer):
    for kind in KINDS:
        for step in flows.flow(kind):
            assert {name for name, _label in step.labels} <= set(step.fields), (kind, step.slug)
    body = empty_body(kind="jit", requesting_state="UKR")
    request = services.create_request(owner=officer.authority, data=body, actor=officer)
    client.force_login(officer)
    html = client.get(reverse("drafting:step", args=[request.pk, "team"])).content.decode()
    assert "Purpose of the joint investigation team" in html
    assert "Purpose of the evidence or action" not in html


def test_repeated_blocks_are_numbered_in_words(client, officer):
    body = _body("extradition")
    request = services.create_request(owner=officer.authority, data=body, actor=officer)
    client.force_login(officer)
    for slug, legend in (
        ("persons", "Person 1"),
        ("proceedings", "Offence 1"),
        ("annexes", "Annex 1"),
    ):
        html = client.get(reverse("drafting:step", args=[request.pk, slug])).content.decode()
        assert f"<legend>{legend}</legend>" in html, slug
