"""The rules engine as the request writer uses it: what a drafter sees for typical requests."""

import pytest

from comity.drafting.rules import REGISTRY, Check, CheckContext, rule, run_checks
from comity.drafting.rules.engine import resolve_citation


def errors(checks):
    return [c for c in checks if c.severity == "error"]


def test_a_complete_request_from_ukraine_to_germany_for_bank_records_and_a_witness_has_no_error(
    complete_body,
):
    body = complete_body("mla")
    assert body["measures"][0]["accounts"] == "DE89370400440532013000"
    assert body["offences"][0]["category"] == "money_laundering"
    assert errors(run_checks(body)) == []


def test_without_facts_the_request_is_refused_under_untoc_18_15_c(complete_body):
    body = complete_body("mla")
    del body["facts"]
    found = [c for c in run_checks(body) if c.id == "mla.facts_summary"]
    assert [(c.severity, c.citation, c.field) for c in found] == [
        ("error", "UNTOC 18(15)(c)", "facts")
    ]
    assert "facts" in found[0].message


def test_a_request_only_for_service_of_documents_needs_no_facts(complete_body):
    body = complete_body("mla")
    body["measures"] = [
        {
            "type": "service_of_documents",
            "addressee": "Ivan Petrenko",
            "address": "Karl-Marx-Straße 1, Berlin",
            "documents": "Summons",
        }
    ]
    body["facts"] = ""
    assert "mla.facts_summary" not in {c.id for c in run_checks(body)}
    body["measures"].append({"type": "testimony", "witness": "A", "status": "w", "questions": "?"})
    assert "mla.facts_summary" in {c.id for c in run_checks(body)}


def test_a_request_without_measures_still_needs_facts(complete_body):
    body = complete_body("mla")
    body.update(measures=[], facts="")
    assert {"mla.facts_summary", "mla.measures_present"} <= {c.id for c in run_checks(body)}


def test_an_invalid_iban_is_reported_on_the_accounts_of_its_measure(complete_body):
    body = complete_body("mla")
    body["measures"].reverse()  # the bank records are now the second measure
    body["measures"][1]["accounts"] = "GB82WEST12345698765432\nDE89370400440532013001"
    found = [c for c in run_checks(body) if c.id == "mla.iban"]
    assert [(c.severity, c.field) for c in found] == [("error", "measures.1.accounts")]
    assert "DE89370400440532013001" in found[0].message


def test_account_numbers_that_are_not_ibans_are_taken_as_written(complete_body):
    body = complete_body("mla")
    body["measures"][0]["accounts"] = "0532013000\n021000021 / 123456789"
    assert "mla.iban" not in {c.id for c in run_checks(body)}


def test_an_uncac_request_cites_article_46_and_a_request_under_both_cites_both(complete_body):
    body = complete_body("mla")
    body.update(facts="", legal_bases=["UNCAC"])
    (check,) = [c for c in run_checks(body) if c.id == "mla.facts_summary"]
    assert check.citation == "UNCAC 46(15)(c)"
    body["legal_bases"] = ["UNTOC", "UNCAC"]
    (check,) = [c for c in run_checks(body) if c.id == "mla.facts_summary"]
    assert check.citation == "UNTOC 18(15)(c); UNCAC 46(15)(c)"


def test_a_confiscation_request_cites_article_13_for_its_facts(complete_body):
    body = complete_body("confiscation")
    body["facts"] = ""
    (check,) = [c for c in run_checks(body) if c.id == "mla.facts_summary"]
    assert check.citation == "UNTOC 13(3)"


def test_extradition_rules_cite_the_european_convention_when_it_is_the_basis(complete_body):
    body = complete_body("extradition")
    body["warrant"]["reference"] = ""
    (check,) = [c for c in run_checks(body) if c.id == "extradition.warrant"]
    assert check.citation == "UN Model Treaty on Extradition art. 5(2)(c)–(d)"
    body["legal_bases"] = ["ETS-024"]
    (check,) = [c for c in run_checks(body) if c.id == "extradition.warrant"]
    assert check.citation == "ETS-024 12(2)(a)"


@pytest.mark.parametrize(
    ("spec", "bases", "cited"),
    [
        ("UNTOC 18(14) | UNCAC 46(14)", [], "UNTOC 18(14)"),
        ("UNTOC 18(14) | UNCAC 46(14)", ["UNCAC"], "UNCAC 46(14)"),
        ("UNTOC 18(14) | UNCAC 46(14)", ["UNTOC", "UNCAC"], "UNTOC 18(14); UNCAC 46(14)"),
        ("UNTOC 18(14) | UNCAC 46(14)", ["DEU-UKR-MLAT"], "UNTOC 18(14)"),
        ("CETS-185 29(2)(f)", ["UNTOC"], "CETS-185 29(2)(f)"),
        ("", ["UNTOC"], ""),
    ],
)
def test_citations_follow_the_chosen_legal_bases(spec, bases, cited):
    assert resolve_citation(spec, bases) == cited


def test_a_confiscation_order_without_extent_is_reported_once_under_article_13(complete_body):
    body = complete_body("confiscation")
    body["measures"][1]["extent"] = ""
    found = [c for c in run_checks(body) if c.field == "measures.1.extent"]
    assert [(c.id, c.citation) for c in found] == [("confiscation.extent", "UNTOC 13(3)(b)")]


def test_in_an_mla_request_a_missing_field_is_reported_under_article_18(complete_body):
    body = complete_body("mla")
    body["measures"][0]["bank"] = ""
    found = [c for c in run_checks(body) if c.field == "measures.0.bank"]
    assert [(c.id, c.citation) for c in found] == [("mla.measure_fields", "UNTOC 18(15)(d)")]


def test_errors_come_first_then_warnings_then_advice_in_document_order(complete_body):
    body = complete_body("mla")
    body.update(purpose="", facts="", persons=[], use_limits={"stated": False})
    checks = run_checks(body)
    severities = [c.severity for c in checks]
    assert severities == sorted(severities, key=["error", "warning", "advice"].index)
    assert [c.field for c in errors(checks)] == ["facts", "purpose"]


def test_a_malformed_value_is_an_error_at_its_field_and_the_rest_is_still_checked(
    complete_body,
):
    body = complete_body("mla")
    body["urgency"] = {"urgent": True, "deadline": "next week", "reason": ""}
    body["facts"] = ""
    body["persons"][0] = "Ivan"
    checks = run_checks(body)
    malformed = {c.field for c in checks if c.id == "request.malformed"}
    assert malformed == {"urgency.deadline", "persons.0"}
    ids = {c.id for c in checks}
    assert {"mla.facts_summary", "urgency.reason"} <= ids
    # nothing else is said about a value that is malformed
    assert not [c for c in checks if c.field.startswith("persons.0.")]


@pytest.mark.parametrize("body", [None, [], "mla", 42, {"kind": "transfer_money"}])
def test_a_body_that_cannot_be_read_gives_only_format_errors(body):
    checks = run_checks(body)
    assert checks
    assert {(c.id, c.severity) for c in checks} == {("request.malformed", "error")}


def test_rules_apply_only_to_their_kinds(complete_body):
    body = complete_body("extradition")
    body.update(facts="", purpose="")
    ids = {c.id for c in run_checks(body)}
    assert "extradition.facts" in ids
    assert not {i for i in ids if i.startswith(("mla.", "preservation.", "confiscation."))}


def test_an_empty_jit_proposal_asks_for_the_investigation_its_purpose_and_facts():
    body = {"kind": "jit", "requesting_state": "UKR", "requested_state": "DEU"}
    assert {c.id for c in run_checks(body)} == {
        "language.unknown",
        "jit.investigation",
        "jit.purpose",
        "jit.facts",
    }


def test_a_check_is_the_api_shape():
    check = Check("mla.facts_summary", "error", "UNTOC 18(15)(c)", "facts", "Summarise.")
    assert check.as_dict() == {
        "id": "mla.facts_summary",
        "severity": "error",
        "citation": "UNTOC 18(15)(c)",
        "field": "facts",
        "message": "Summarise.",
    }


def test_without_a_profile_the_language_is_advice_naming_the_state(complete_body):
    body = complete_body("mla")
    context = CheckContext.without_profile(requested_state="DEU", state_name="Germany")
    (check,) = [c for c in run_checks(body, context=context) if c.field == "language"]
    assert (check.id, check.severity, check.citation) == (
        "language.unknown",
        "advice",
        "UNTOC 18(14)",
    )
    assert "Germany" in check.message


def test_every_rule_states_its_legal_requirement_and_cites_a_provision_or_the_profile():
    for declared in REGISTRY.values():
        assert declared.doc.endswith("."), declared.id
        assert declared.citation or declared.cites_profile, declared.id
        assert declared.kinds, declared.id


def test_a_rule_id_cannot_be_declared_twice():
    with pytest.raises(ValueError, match="declared twice"):

        @rule(id="mla.facts_summary", severity="error", citation="UNTOC 18(15)(c)", kinds={"mla"})
        def again(body, ctx):
            """A duplicate."""


def test_a_rule_needs_a_docstring():
    with pytest.raises(ValueError, match="docstring"):

        @rule(id="test.undocumented", severity="advice", citation="UNTOC 18", kinds={"mla"})
        def undocumented(body, ctx):
            return None

    assert "test.undocumented" not in REGISTRY
