"""The checks of the grounds for refusal, the thresholds and the channels, where the rule table
(one wrong fact, one fix) does not show the legal reasoning: which provision governs, which check
gives way to a more specific one, and when a check must stay silent."""

import datetime

import pytest

from comity.drafting.rules import context_for, run_checks
from comity.treaties.models import RequirementProfile
from tests import factories


def by_id(checks, rule_id):
    return [c for c in checks if c.id == rule_id]


def _judgment(**figures):
    return {
        "kind": "judgment",
        "issued_by": "Pechersk District Court of Kyiv",
        "date": "2025-11-03",
        "reference": "757/2000/25",
        "sentence": "5 years' imprisonment",
        **figures,
    }


# --- Extradition ------------------------------------------------------------------------------
def test_under_the_fourth_protocol_the_limitation_is_asked_for_once_under_the_requesting_law(
    complete_body, germany
):
    body = complete_body("extradition")
    body["legal_bases"] = ["ETS-024", "CETS-212"]
    body["offences"][0]["limitation"] = ""
    checks = run_checks(body, context=germany(body))
    assert by_id(checks, "extradition.limitation") == []
    (check,) = by_id(checks, "extradition.lapse_of_time")
    assert (check.citation, check.field) == ("CETS-212 1", "offences.0.limitation")


def test_without_the_fourth_protocol_the_limitation_rests_on_article_10(complete_body, germany):
    body = complete_body("extradition")
    body["legal_bases"] = ["ETS-024"]
    body["offences"][0]["limitation"] = ""
    checks = run_checks(body, context=germany(body))
    assert by_id(checks, "extradition.lapse_of_time") == []
    (check,) = by_id(checks, "extradition.limitation")
    assert check.citation == "ETS-024 10"


def test_the_nationals_warning_cites_untoc_16_10_to_12_when_untoc_is_the_basis(
    complete_body, germany
):
    body = complete_body("extradition")
    body["persons"][0]["nationality"] = "DEU"
    (check,) = by_id(run_checks(body, context=germany(body)), "extradition.nationals")
    assert check.citation == "UNTOC 16(10)–(12)"
    assert "Germany" in check.message
    body["legal_bases"] = ["ETS-024"]
    (check,) = by_id(run_checks(body, context=germany(body)), "extradition.nationals")
    assert check.citation == "ETS-024 6"


def test_a_person_of_a_third_state_draws_no_nationals_warning(complete_body, germany):
    body = complete_body("extradition")
    body["persons"][0]["nationality"] = "POL"
    assert by_id(run_checks(body, context=germany(body)), "extradition.nationals") == []


def test_extradition_to_enforce_a_sentence_is_measured_by_the_sentence_not_the_penalty(
    complete_body, germany
):
    body = complete_body("extradition")
    body["offences"][0]["max_penalty_years"] = 0.5
    body["warrant"] = _judgment(remaining_months=10)
    checks = run_checks(body, context=germany(body))
    assert by_id(checks, "extradition.penalty_threshold") == []
    assert by_id(checks, "extradition.sentence_threshold") == []


def test_the_european_convention_counts_the_sentence_imposed_not_what_remains(
    complete_body, germany
):
    body = complete_body("extradition")
    body["legal_bases"] = ["ETS-024"]
    body["warrant"] = _judgment(sentence_months=3, remaining_months=8)
    fields = [
        c.field
        for c in by_id(run_checks(body, context=germany(body)), "extradition.sentence_threshold")
    ]
    assert fields == ["warrant.sentence_months"]
    body["legal_bases"] = ["UNTOC"]  # ETS-024 2(1) does not apply: four months imposed is no test
    assert by_id(run_checks(body, context=germany(body)), "extradition.sentence_threshold") == []


def test_a_judgment_in_absentia_needs_the_retrial_assurance_of_the_second_protocol(
    complete_body, germany
):
    body = complete_body("extradition")
    body["legal_bases"] = ["ETS-024", "ETS-098"]
    body["warrant"] = _judgment(remaining_months=60, in_absentia=True)
    (check,) = by_id(run_checks(body, context=germany(body)), "extradition.in_absentia")
    assert (check.severity, check.citation) == ("error", "ETS-098 3")


def test_a_word_that_merely_contains_tax_is_no_fiscal_offence(complete_body, germany):
    body = complete_body("extradition")
    body["offences"][0]["label"] = "Fraud using a syntax of forged invoices"
    assert by_id(run_checks(body, context=germany(body)), "extradition.fiscal") == []
    body["offences"][0]["label"] = "Tax evasion"
    (check,) = by_id(run_checks(body, context=germany(body)), "extradition.fiscal")
    assert "Tax evasion" in check.message


def test_fiscal_offences_cite_the_second_protocol_only_where_it_is_a_basis(complete_body, germany):
    body = complete_body("extradition")
    body["offences"][0]["label"] = "Customs fraud"
    body["legal_bases"] = ["ETS-024"]
    (check,) = by_id(run_checks(body, context=germany(body)), "extradition.fiscal")
    assert check.citation == "ETS-024 5"
    body["legal_bases"] = ["ETS-024", "ETS-098"]
    (check,) = by_id(run_checks(body, context=germany(body)), "extradition.fiscal")
    assert check.citation == "ETS-024 5; ETS-098 2"


# --- Transfer of sentenced persons ------------------------------------------------------------
def test_the_administering_state_asking_for_transfer_sends_no_article_6_2_documents(
    complete_body, germany
):
    body = complete_body("transfer_sentenced")  # a Ukrainian sentenced in Germany; Ukraine asks
    assert by_id(run_checks(body, context=germany(body)), "transfer_sentenced.documents") == []


def test_the_sentencing_state_asking_for_transfer_names_each_missing_document(
    complete_body, germany
):
    body = complete_body("transfer_sentenced")
    body["persons"][0]["nationality"] = "DEU"  # a German sentenced in Ukraine; Ukraine asks
    body["annexes"].append({"title": "Judgment of 6 May 2025", "kind": "judgment"})
    (check,) = by_id(run_checks(body, context=germany(body)), "transfer_sentenced.documents")
    assert "copy of the judgment" not in check.message
    assert "the law on which the judgment is based" in check.message
    assert "pre-trial detention" in check.message


def test_an_indeterminate_sentence_meets_the_six_months_condition(complete_body, germany):
    body = complete_body("transfer_sentenced")
    body["warrant"]["remaining_months"] = None
    body["warrant"]["indeterminate"] = True
    assert by_id(run_checks(body, context=germany(body)), "transfer_sentenced.time_remaining") == []


# --- Confiscation -----------------------------------------------------------------------------
def test_under_untoc_alone_an_order_needs_no_statement_of_finality_or_notice(
    complete_body, germany
):
    body = complete_body("confiscation")
    checks = run_checks(body, context=germany(body))
    assert by_id(checks, "confiscation.order_final") == []
    assert by_id(checks, "confiscation.third_parties_due_process") == []
    body["legal_bases"] = ["UNTOC", "UNCAC"]
    found = run_checks(body, context=germany(body))
    assert [c.field for c in by_id(found, "confiscation.third_parties_due_process")] == [
        "measures.1.third_parties",
        "measures.1.due_process",
    ]
    assert [(c.field, c.citation) for c in by_id(found, "confiscation.order_final")] == [
        ("measures.1.final", "UNCAC 55(3)(b)")
    ]


# --- Mutual legal assistance ------------------------------------------------------------------
def test_a_missing_consent_to_temporary_transfer_cites_18_10_a_not_18_15_d(complete_body, germany):
    body = complete_body("mla")
    body["measures"][1] = {
        "type": "temporary_transfer_detained",
        "person": "Oleh Bondar",
        "custody": "Returned by 2026-06-30.",
    }
    checks = [c for c in run_checks(body, context=germany(body)) if c.field == "measures.1.consent"]
    assert [(c.id, c.citation) for c in checks] == [("mla.transfer_consent", "UNTOC 18(10)(a)")]


def test_the_refusal_advice_stays_silent_without_coercive_measures(complete_body, germany):
    body = complete_body("mla")
    body["offences"][0].update(max_penalty="", max_penalty_years=None)
    body["measures"] = [body["measures"][1]]  # testimony only
    assert by_id(run_checks(body, context=germany(body)), "mla.refusal_grounds") == []


def test_reciprocity_is_not_asked_for_when_a_treaty_is_chosen_beside_it(complete_body, germany):
    body = complete_body("mla")
    body["legal_bases"] = ["UNTOC", "RECIPROCITY"]
    assert by_id(run_checks(body, context=germany(body)), "mla.reciprocity") == []


def test_without_a_recorded_central_authority_the_addressee_is_not_questioned(
    complete_body, germany
):
    body = complete_body("mla")
    body["requested_authority"] = "Generalstaatsanwaltschaft Berlin"
    assert by_id(run_checks(body, context=germany(body)), "mla.central_authority") == []


@pytest.mark.django_db
def test_the_central_authority_named_in_the_profile_is_the_one_requests_go_to(complete_body):
    germany = factories.country("DEU")
    bfj = factories.AuthorityFactory(
        country=germany,
        kind="ministry",
        name="Bundesamt für Justiz",
        names={"en": "Federal Office of Justice", "de": "Bundesamt für Justiz"},
    )
    RequirementProfile.objects.create(
        country=germany,
        kind="mla",
        central_authority=bfj,
        source="Test profile",
        as_of=datetime.date(2025, 3, 1),
    )
    body = complete_body("mla")
    body["requested_authority"] = str(bfj.pk)
    assert by_id(run_checks(body, context=context_for(body)), "mla.central_authority") == []
    body["requested_authority"] = "federal office of justice"
    assert by_id(run_checks(body, context=context_for(body)), "mla.central_authority") == []
    body["requested_authority"] = "Generalstaatsanwaltschaft Berlin"
    (check,) = by_id(run_checks(body, context=context_for(body)), "mla.central_authority")
    assert "Bundesamt für Justiz" in check.message or "Federal Office" in check.message
    assert check.citation.startswith("UNTOC 18(13); Requirements of Germany (Test profile")


@pytest.mark.django_db
def test_a_central_authority_in_the_directory_counts_without_a_profile(complete_body):
    germany = factories.country("DEU")
    factories.AuthorityFactory(country=germany, name="Bundesamt für Justiz")
    body = complete_body("mla")
    body["requested_authority"] = "Bundesamt für Justiz"
    assert by_id(run_checks(body, context=context_for(body)), "mla.central_authority") == []
    body["requested_authority"] = "Polizeipräsidium Berlin"
    assert by_id(run_checks(body, context=context_for(body)), "mla.central_authority")
