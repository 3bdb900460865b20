"""Checks that come from the requested State's requirement profile, read from the database.

A maintainer records a requirement in the profile; the request writer applies it with no code.
"""

import datetime

import pytest

from comity.drafting.rules import context_for, run_checks
from comity.treaties.models import RequirementProfile
from tests import factories

SOURCE = "Bundesamt für Justiz, Länderinformation Deutschland"


def germany_profile(kind="mla", **facts):
    return RequirementProfile.objects.create(
        country=factories.country("DEU"),
        kind=kind,
        source=SOURCE,
        as_of=datetime.date(2025, 3, 1),
        **facts,
    )


def by_id(checks, rule_id):
    return [c for c in checks if c.id == rule_id]


@pytest.mark.django_db
def test_a_request_in_a_language_germany_does_not_accept_is_an_error_citing_its_profile(
    complete_body,
):
    germany_profile(languages=["de"])
    body = complete_body("mla")
    body["language"] = "en"
    (check,) = by_id(run_checks(body, context=context_for(body)), "language.not_accepted")
    assert (check.severity, check.field) == ("error", "language")
    assert SOURCE in check.citation and "2025-03-01" in check.citation
    assert check.citation.startswith("UNTOC 18(14); Requirements of Germany")
    assert "Germany" in check.message and "de" in check.message


@pytest.mark.django_db
def test_a_request_in_german_passes_the_language_check(complete_body):
    germany_profile(languages=["de"])
    body = complete_body("mla")
    body["language"] = "de"
    checks = run_checks(body, context=context_for(body))
    assert not [c for c in checks if c.field == "language"]


@pytest.mark.django_db
def test_a_regional_language_tag_matches_its_language(complete_body):
    germany_profile(languages=["DE"])
    body = complete_body("mla")
    body["language"] = "de-AT"
    assert not by_id(run_checks(body, context=context_for(body)), "language.not_accepted")


@pytest.mark.django_db
def test_without_a_profile_the_language_is_advice(complete_body):
    factories.country("DEU")
    body = complete_body("mla")
    context = context_for(body)
    assert not context.has_profile and context.state_name == "Germany"
    (check,) = [c for c in run_checks(body, context=context) if c.field == "language"]
    assert (check.id, check.severity, check.citation) == (
        "language.unknown",
        "advice",
        "UNTOC 18(14)",
    )


@pytest.mark.django_db
def test_a_profile_without_languages_surfaces_its_note(complete_body):
    germany_profile(languages_note="German; English by prior arrangement.")
    body = complete_body("mla")
    (check,) = by_id(run_checks(body, context=context_for(body)), "language.unknown")
    assert "English by prior arrangement" in check.message
    assert SOURCE in check.citation


@pytest.mark.django_db
def test_the_profile_for_another_kind_is_not_used(complete_body):
    germany_profile(kind="extradition", languages=["de"])
    body = complete_body("mla")
    assert not context_for(body).has_profile
    assert not by_id(run_checks(body, context=context_for(body)), "language.not_accepted")


@pytest.mark.django_db
def test_dual_criminality_for_coercive_measures_needs_an_explanation(complete_body):
    germany_profile(languages=["en"], dual_criminality="coercive")
    body = complete_body("mla")
    body["offences"][0]["provision_text"] = ""
    (check,) = by_id(run_checks(body, context=context_for(body)), "dual_criminality.explained")
    assert check.severity == "error" and SOURCE in check.citation
    assert check.citation.startswith("UNTOC 18(9)")

    body["measures"] = [body["measures"][1]]  # only the witness: nothing coercive
    assert not by_id(run_checks(body, context=context_for(body)), "dual_criminality.explained")


@pytest.mark.django_db
def test_where_germany_never_requires_dual_criminality_nothing_is_said(complete_body):
    germany_profile(languages=["en"], dual_criminality="never")
    body = complete_body("mla")
    body["offences"][0]["provision_text"] = ""
    checks = run_checks(body, context=context_for(body))
    assert not [c for c in checks if c.field == "dual_criminality"]


@pytest.mark.django_db
def test_uncac_obliges_non_coercive_help_where_dual_criminality_is_always_required(
    complete_body,
):
    germany_profile(languages=["en"], dual_criminality="always")
    body = complete_body("mla")
    body["legal_bases"] = ["UNCAC"]
    (check,) = by_id(
        run_checks(body, context=context_for(body)), "dual_criminality.uncac_non_coercive"
    )
    assert check.severity == "advice" and check.citation.startswith("UNCAC 46(9)(b); ")


@pytest.mark.django_db
def test_special_requirements_and_formalities_come_from_the_profile(complete_body):
    germany_profile(
        kind="extradition",
        languages=["en"],
        special_requirements="Attach a German translation of the arrest warrant.",
        formalities=["signature", "seal"],
    )
    body = complete_body("extradition")
    checks = run_checks(body, context=context_for(body))
    (special,) = by_id(checks, "country.special_requirements")
    assert "German translation of the arrest warrant" in special.message
    assert special.citation == f"Requirements of Germany ({SOURCE}, as of 2025-03-01)"
    formalities = by_id(checks, "country.formalities")
    assert len(formalities) == 2
    assert {c.severity for c in formalities} == {"advice"}
    assert "Signed request required" in formalities[0].message


@pytest.mark.django_db
def test_a_complete_request_to_germany_with_its_profile_has_no_error(complete_body):
    germany_profile(languages=["de", "en"], dual_criminality="coercive")
    body = complete_body("mla")
    assert [c for c in run_checks(body, context=context_for(body)) if c.severity == "error"] == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    "body",
    [
        None,
        [],
        {},
        {"requested_state": 5, "kind": "mla"},
        {"requested_state": "DEU", "kind": None},
        {"requested_state": "ZZZ", "kind": "mla", "legal_bases": "UNTOC"},
        {"requested_state": "deu", "kind": "mla", "legal_bases": [1, "UNTOC"]},
    ],
)
def test_context_for_is_safe_on_any_body(body):
    context = context_for(body)
    assert not context.has_profile
    assert all(isinstance(b, str) for b in context.legal_bases)
    assert isinstance(run_checks(body, context=context), list)
