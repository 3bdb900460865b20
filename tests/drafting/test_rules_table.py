"""Every rule, one fact at a time: a complete body made wrong triggers it, and the fix clears it.

Each case starts from the complete body of its kind (conftest.py), checked against Germany's facts,
applies the triggering edits, expects the rule at the given field, then applies the fixing edits
and expects the rule gone. A rule without a case fails `test_every_rule_has_a_case`.
"""

import pytest

from comity.drafting.rules import REGISTRY, run_checks
from tests.drafting.conftest import BODIES
from tests.drafting.rule_cases import GROUNDS_CASES
from tests.drafting.rule_table import B, C, Case

VIDEO = {
    "type": "video_hearing",
    "witness": "Anna Schmidt",
    "technical": "Skype for Business; contact +380 44 000 0000",
    "judicial_authority": "Investigating judge, Pechersk District Court",
}
TRANSFER = {
    "type": "temporary_transfer_detained",
    "person": "Oleh Bondar, detained in JVA Moabit",
    "consent": "He consented in writing on 2026-03-01.",
    "custody": "Kept in custody in Kyiv SIZO; returned by 2026-06-30.",
}
ENFORCEMENT = {
    "type": "confiscation_order_enforcement",
    "order": "Pechersk District Court, 2026-02-10, case 757/1234/26",
    "property": "Account balance",
    "extent": "Up to EUR 2.4 million.",
}
OFFENCE = {
    "label": "Fraud",
    "statute": "art. 190 CC",
    "provision_text": "Taking property by deceit …",
    "max_penalty": "12 years",
    "limitation": "15 years; runs out 2039.",
}
EXPLAINED = B("dual_criminality", "The conduct is money laundering under § 261 StGB.")

CASES = [
    # --- base: UNTOC 18(15) -------------------------------------------------------------------
    Case(
        "mla.requesting_authority",
        "mla",
        (B("requesting_authority", ""),),
        (B("requesting_authority", "Office of the Prosecutor General"),),
        "requesting_authority",
    ),
    Case(
        "mla.proceedings_subject",
        "mla",
        (B("proceedings.description", " "),),
        (B("proceedings.description", "Investigation into money laundering."),),
        "proceedings.description",
    ),
    Case(
        "mla.conducting_authority",
        "mla",
        (B("proceedings.authority", ""),),
        (B("proceedings.authority", "Prosecutor in charge of the investigation"),),
        "proceedings.authority",
    ),
    Case(
        "mla.offences_described",
        "mla",
        (B("offences", []),),
        (B("offences", [{"label": "Money laundering"}]),),
        "offences",
    ),
    Case("mla.facts_summary", "mla", (B("facts", ""),), (B("facts", "Funds moved."),), "facts"),
    Case(
        "mla.facts_summary",
        "confiscation",
        (B("facts", ""),),
        (B("facts", "Funds moved."),),
        "facts",
    ),
    Case(
        "mla.measures_present",
        "mla",
        (B("measures", []),),
        (B("measures", [dict(VIDEO)]),),
        "measures",
    ),
    Case(
        "mla.measure_type",
        "mla",
        (B("measures.1.type", "teleportation"),),
        (B("measures.1.type", "testimony"),),
        "measures.1.type",
    ),
    Case(
        "mla.measure_kind",
        "mla",
        (B("measures.1", dict(ENFORCEMENT)),),
        (B("measures.1", dict(VIDEO)),),
        "measures.1.type",
    ),
    Case(
        "mla.measure_fields",
        "mla",
        (B("measures.1.questions", ""),),
        (B("measures.1.questions", "Who opened the account?"),),
        "measures.1.questions",
    ),
    Case(
        "mla.measure_fields",
        "mla",
        (B("measures.0.period_to", None),),
        (B("measures.0.period_to", "2025-06-30"),),
        "measures.0.period_to",
    ),
    Case(
        "mla.iban",
        "mla",
        (B("measures.0.accounts", "DE89370400440532013001"),),
        (B("measures.0.accounts", "DE89 3704 0044 0532 0130 00\n0532013000"),),
        "measures.0.accounts",
    ),
    Case(
        "mla.iban",
        "mla",
        (B("measures.0.accounts", ["DE89370400440532013000", "GB82WEST12345698765433"]),),
        (B("measures.0.accounts", ["DE89370400440532013000", "GB82WEST12345698765432"]),),
        "measures.0.accounts",
    ),
    Case(
        "mla.measure_period",
        "mla",
        (B("measures.0.period_to", "2023-12-31"),),
        (B("measures.0.period_to", "2025-06-30"),),
        "measures.0.period_to",
    ),
    Case(
        "mla.measure_period",
        "mla",
        (B("measures.0.period_from", "last spring"),),
        (B("measures.0.period_from", "2024-01-01"),),
        "measures.0.period_from",
    ),
    Case(
        "mla.persons_concerned",
        "mla",
        (B("persons.1.nationality", ""),),
        (B("persons.1.nationality", "DEU"),),
        "persons.1.nationality",
    ),
    Case(
        "mla.persons_concerned",
        "mla",
        (B("persons.1.address", ""),),
        (B("persons.1.location", "Berlin"),),
        "persons.1.location",
    ),
    Case(
        "mla.purpose", "mla", (B("purpose", ""),), (B("purpose", "Evidence at trial."),), "purpose"
    ),
    # --- language: UNTOC 18(14) and the profile ---------------------------------------------
    Case(
        "language.not_accepted", "mla", (B("language", "fr"),), (B("language", "de"),), "language"
    ),
    Case(
        "language.not_accepted",
        "extradition",
        (B("language", "uk"),),
        (B("language", "en"),),
        "language",
    ),
    Case(
        "language.unknown",
        "mla",
        (C(languages=()),),
        (C(languages=("de", "en")),),
        "language",
    ),
    # --- text from the informal channel, still marked for review ----------------------------
    Case(
        "informal.unreviewed",
        "mla",
        (
            B(
                "facts",
                "[[Taken from an informal exchange: review before sending]]\nFunds moved.\n"
                "[[End of the text to review]]",
            ),
        ),
        (B("facts", "Funds moved from the suspects' accounts to Frankfurt in March 2026."),),
        "facts",
    ),
    Case(
        "informal.unreviewed",
        "extradition",
        (B("facts", "He fled.\n[[Taken from an informal exchange: review before sending]]"),),
        (B("facts", "He fled to Germany after the indictment of 3 March 2026."),),
        "facts",
    ),
    # --- urgency: UNTOC 18(24) --------------------------------------------------------------
    Case(
        "urgency.reason",
        "mla",
        (B("urgency", {"urgent": True}),),
        (B("urgency.reason", "Trial starts on 1 March."),),
        "urgency.reason",
    ),
    Case(
        "urgency.reason",
        "confiscation",
        (B("urgency", {"deadline": "2099-01-01"}),),
        (B("urgency.reason", "The funds may be moved."),),
        "urgency.reason",
    ),
    Case(
        "urgency.deadline_past",
        "mla",
        (B("urgency", {"urgent": True, "deadline": "2020-01-01", "reason": "Trial."}),),
        (B("urgency.deadline", "2099-01-01"),),
        "urgency.deadline",
    ),
    # --- confidentiality and use: UNTOC 18(19)-(20) -----------------------------------------
    Case(
        "confidentiality.reason",
        "mla",
        (B("confidentiality", {"required": True}),),
        (B("confidentiality.reason", "The suspect must not be alerted."),),
        "confidentiality.reason",
    ),
    Case(
        "confidentiality.use_limits",
        "mla",
        (B("use_limits.stated", False),),
        (B("use_limits.stated", True),),
        "use_limits.text",
    ),
    # --- dual criminality -------------------------------------------------------------------
    Case(
        "dual_criminality.explained",
        "mla",
        (B("offences.0.provision_text", ""),),
        (EXPLAINED,),
        "dual_criminality",
    ),
    Case(
        "dual_criminality.explained",
        "mla",
        (C(dual_criminality="always"), B("measures", [dict(VIDEO)]), B("offences", [])),
        (B("offences", [dict(OFFENCE)]),),
        "dual_criminality",
    ),
    Case(
        "dual_criminality.unknown",
        "mla",
        (C(dual_criminality="unknown"), B("offences.0.provision_text", "")),
        (EXPLAINED,),
        "dual_criminality",
    ),
    Case(
        "dual_criminality.uncac_non_coercive",
        "mla",
        (C(dual_criminality="always", legal_bases=("UNTOC", "UNCAC")),),
        (C(dual_criminality="coercive"),),
        "dual_criminality",
    ),
    # --- requirements of the requested State, as data ---------------------------------------
    Case(
        "country.special_requirements",
        "preservation",
        (C(special_requirements="Send an advance copy to the 24/7 contact point."),),
        (C(special_requirements=""),),
        "",
    ),
    Case(
        "country.formalities",
        "extradition",
        (C(formalities=("seal",)),),
        (C(formalities=()),),
        "",
    ),
    Case(
        "country.video_hearing",
        "mla",
        (C(video_hearing="no"), B("measures.1", dict(VIDEO))),
        (C(video_hearing="unknown"),),
        "measures",
    ),
    Case(
        "country.temporary_transfer",
        "mla",
        (C(temporary_transfer="no"), B("measures.1", dict(TRANSFER))),
        (C(temporary_transfer="yes"),),
        "measures",
    ),
    # --- confiscation: UNTOC 13(3) ----------------------------------------------------------
    Case(
        "confiscation.property_description",
        "confiscation",
        (B("property.description", ""),),
        (B("property.description", "Account balance at Commerzbank."),),
        "property.description",
    ),
    Case(
        "confiscation.order_copy",
        "confiscation",
        (B("annexes", [{"title": "Bank statements"}]),),
        (
            B(
                "warrant",
                {"kind": "confiscation_order", "issued_by": "Court", "reference": "757/1234"},
            ),
        ),
        "annexes",
    ),
    Case(
        "confiscation.order_copy",
        "confiscation",
        (B("annexes", []),),
        (B("annexes", [{"title": "Ухвала Печерського районного суду"}]),),
        "annexes",
    ),
    Case(
        "confiscation.extent",
        "confiscation",
        (B("measures.1.extent", ""),),
        (B("measures.1.extent", "The whole order."),),
        "measures.1.extent",
    ),
    Case(
        "confiscation.actions",
        "confiscation",
        (B("measures.0.property", ""),),
        (B("measures.0.property", "Account balance."),),
        "measures.0.property",
    ),
    # --- preservation: CETS-185 29(2) -------------------------------------------------------
    Case(
        "preservation.requesting_authority",
        "preservation",
        (B("requesting_authority", ""),),
        (B("requesting_authority", "Cyber Police"),),
        "requesting_authority",
    ),
    Case(
        "preservation.offence_facts",
        "preservation",
        (B("facts", ""),),
        (B("facts", "Ransomware attack."),),
        "facts",
    ),
    Case(
        "preservation.offence_facts",
        "preservation",
        (B("offences", []),),
        (B("offences", [{"label": "Data interference"}]),),
        "offences",
    ),
    Case(
        "preservation.data_relation",
        "preservation",
        (B("measures.0.relation", ""),),
        (B("measures.0.relation", "The attack came from there."),),
        "measures.0.relation",
    ),
    Case(
        "preservation.data_relation",
        "preservation",
        (B("measures", []),),
        (
            B(
                "measures",
                [
                    {
                        "type": "preservation_stored_data",
                        "data": "Logs",
                        "relation": "Attack",
                        "custodian": "Host",
                        "necessity": "Deleted soon",
                    }
                ],
            ),
        ),
        "measures",
    ),
    Case(
        "preservation.custodian",
        "preservation",
        (B("measures.0.custodian", ""),),
        (B("measures.0.custodian", "Example Hosting GmbH"),),
        "measures.0.custodian",
    ),
    Case(
        "preservation.necessity",
        "preservation",
        (B("measures.0.necessity", ""),),
        (B("measures.0.necessity", "Logs are deleted after seven days."),),
        "measures.0.necessity",
    ),
    Case(
        "preservation.mla_to_follow",
        "preservation",
        (B("undertakings.mla_request_to_follow", False),),
        (B("undertakings.mla_request_to_follow", True),),
        "undertakings.mla_request_to_follow",
    ),
    # --- extradition and provisional arrest -------------------------------------------------
    Case(
        "extradition.person_identity",
        "extradition",
        (B("persons.0.date_of_birth", None),),
        (B("persons.0.date_of_birth", "1980-04-02"),),
        "persons.0.date_of_birth",
    ),
    Case(
        "extradition.person_identity",
        "provisional_arrest",
        (B("persons.0.description", ""),),
        (B("persons.0.description", "1.82 m, brown hair."),),
        "persons.0.description",
    ),
    Case(
        "extradition.person_identity",
        "extradition",
        (B("persons.0.role", "witness"),),
        (B("persons.0.role", "sentenced"),),
        "persons",
    ),
    Case(
        "extradition.person_identity",
        "extradition",
        (B("persons.0.role", "witness"),),
        (B("persons.0.role", "person_sought"),),
        "persons",
    ),
    Case(
        "extradition.facts",
        "extradition",
        (B("facts", ""),),
        (B("facts", "In Kyiv, in 2024, …"),),
        "facts",
    ),
    Case(
        "extradition.offences_listed",
        "provisional_arrest",
        (B("offences", []),),
        (B("offences", [dict(OFFENCE)]),),
        "offences",
    ),
    Case(
        "extradition.offence_provisions",
        "extradition",
        (B("offences.0.provision_text", ""),),
        (B("offences.0.provision_text", "Whoever launders …"),),
        "offences.0.provision_text",
    ),
    Case(
        "extradition.max_penalty",
        "extradition",
        (B("offences.0.max_penalty", ""), B("offences.0.max_penalty_years", None)),
        (B("offences.0.max_penalty_years", 12),),
        "offences.0.max_penalty",
    ),
    Case(
        "extradition.warrant",
        "extradition",
        (B("warrant.reference", ""),),
        (B("warrant.reference", "757/1000/26"),),
        "warrant.reference",
    ),
    Case(
        "extradition.warrant",
        "provisional_arrest",
        (B("warrant.kind", "confiscation_order"),),
        (B("warrant.kind", "arrest_warrant"),),
        "warrant.kind",
    ),
    Case(
        "extradition.warrant",
        "extradition",
        (B("warrant.kind", "judgment"),),
        (B("warrant.sentence", "8 years; 6 years remain."),),
        "warrant.sentence",
    ),
    Case(
        "extradition.limitation",
        "extradition",
        (B("offences.0.limitation", ""),),
        (B("offences.0.limitation", "15 years; runs out 2039."),),
        "offences.0.limitation",
    ),
    Case(
        "extradition.speciality",
        "extradition",
        (B("undertakings.speciality", False),),
        (B("undertakings.speciality", True),),
        "undertakings.speciality",
    ),
    Case(
        "provisional_arrest.urgency",
        "provisional_arrest",
        (B("urgency.reason", ""),),
        (B("urgency.reason", "He is about to flee."),),
        "urgency.reason",
    ),
    Case(
        "provisional_arrest.full_request_to_follow",
        "provisional_arrest",
        (B("undertakings.full_request_to_follow", False),),
        (B("undertakings.full_request_to_follow", True),),
        "undertakings.full_request_to_follow",
    ),
    Case(
        "provisional_arrest.location",
        "provisional_arrest",
        (B("persons.0.location", ""),),
        (B("persons.0.address", "Sonnenallee 1, Berlin"),),
        "persons.0.location",
    ),
    Case(
        "transfer_sentenced.person",
        "transfer_sentenced",
        (B("persons.0.role", "accused"),),
        (B("persons.0.role", "sentenced"),),
        "persons",
    ),
    Case(
        "transfer_sentenced.judgment",
        "transfer_sentenced",
        (B("warrant.kind", "arrest_warrant"),),
        (B("warrant.kind", "judgment"),),
        "warrant",
    ),
    # The two findings below name their own field: the message must stay the message.
    Case(
        "transfer_sentenced.person",
        "transfer_sentenced",
        (B("persons.0.date_of_birth", ""),),
        (B("persons.0.date_of_birth", "1980-04-02"),),
        "persons.0",
    ),
    Case(
        "transfer_sentenced.judgment",
        "transfer_sentenced",
        (B("warrant.sentence", ""),),
        (B("warrant.sentence", "4 years; 2 years 7 months remain"),),
        "warrant.sentence",
    ),
    Case(
        "transfer_sentenced.consent",
        "transfer_sentenced",
        (B("annexes", []),),
        (B("annexes", [{"title": "Consent", "kind": "consent"}]),),
        "annexes",
    ),
    Case(
        "transfer_sentenced.consent",
        "transfer_sentenced",
        (B("annexes.0.kind", ""),),
        (B("annexes.0.kind", "consent"),),
        "annexes",
    ),
    Case(
        "take_over.proceedings",
        "transfer_proceedings",
        (B("proceedings.description", ""),),
        (B("proceedings.description", "Fraud investigation"),),
        "proceedings.description",
    ),
    Case(
        "take_over.facts",
        "transfer_proceedings",
        (B("facts", ""),),
        (B("facts", "The scheme was run from Berlin."),),
        "facts",
    ),
    Case(
        "take_over.offences",
        "transfer_proceedings",
        (B("offences", []),),
        (B("offences", [{"label": "Fraud", "statute": "art. 190 CC"}]),),
        "offences",
    ),
    Case(
        "jit.investigation",
        "jit",
        (B("proceedings.authority", ""),),
        (B("proceedings.authority", "Prosecutor General"),),
        "proceedings.description",
    ),
    Case("jit.purpose", "jit", (B("purpose", ""),), (B("purpose", "A joint team."),), "purpose"),
    Case(
        "jit.facts", "jit", (B("facts", ""),), (B("facts", "A network in both States."),), "facts"
    ),
    *GROUNDS_CASES,
]


def _apply(edits, body, ctx):
    for edit in edits:
        ctx = edit(body, ctx)
    return ctx


def _ids(cases):
    seen: dict[str, int] = {}
    out = []
    for case in cases:
        seen[case.rule] = seen.get(case.rule, 0) + 1
        out.append(f"{case.rule}-{case.kind}-{seen[case.rule]}")
    return out


@pytest.mark.parametrize("case", CASES, ids=_ids(CASES))
def test_the_rule_fires_on_the_wrong_body_and_not_on_the_fixed_one(case, complete_body, germany):
    body = complete_body(case.kind)
    ctx = _apply(case.trigger, body, germany(body))
    fired = [c for c in run_checks(body, context=ctx) if c.id == case.rule]
    assert [c.field for c in fired] == [case.field]
    declared = REGISTRY[case.rule]
    assert fired[0].severity == declared.severity
    assert fired[0].message.strip()
    # A message is a sentence for the drafter, never a field path such as "persons.0".
    assert " " in fired[0].message.strip() and fired[0].message != fired[0].field

    ctx = _apply(case.fix, body, ctx)
    assert case.rule not in {c.id for c in run_checks(body, context=ctx)}


@pytest.mark.parametrize("kind", sorted(BODIES))
def test_a_complete_body_of_each_kind_draws_no_check(kind, complete_body, germany):
    body = complete_body(kind)
    assert run_checks(body, context=germany(body)) == []


def test_every_rule_has_a_case():
    assert set(REGISTRY) == {case.rule for case in CASES}


def test_every_case_is_of_a_kind_its_rule_applies_to():
    assert all(case.kind in REGISTRY[case.rule].kinds for case in CASES)
