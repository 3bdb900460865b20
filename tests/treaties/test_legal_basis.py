"""Pinned answers of the legal-basis engine, each named for the legal reasoning it checks.

The facts come from the shipped data (UN Treaty Collection tables of 2014, Council of Europe
charts, declarations); where those are silent the answer must be "unknown", never "no".
"""

import datetime

import pytest

from comity.treaties.legal_basis import legal_basis
from comity.treaties.models import Instrument
from comity.treaties.rules import instrument_rules
from comity.treaties.services import add_bilateral_treaty

pytestmark = pytest.mark.usefixtures("reference")


def bases(**question) -> dict:
    return {b.instrument: b for b in legal_basis(**question).bases}


def reasons_text(basis) -> str:
    return (
        " ".join(r.text for r in basis.reasons) + " " + " ".join(c.text for c in basis.conditions)
    )


def test_ukraine_to_germany_mla_for_money_laundering_rests_on_untoc_if_transnational_and_organized():
    found = bases(requesting="UKR", requested="DEU", kind="mla", offence="money_laundering")
    untoc = found["UNTOC"]
    assert untoc.applies == "conditional"
    assert untoc.provisions == ["UNTOC 18"]
    assert "2004-06-20" in reasons_text(untoc) and "2006-07-14" in reasons_text(untoc)
    assert "organized criminal group" in reasons_text(untoc)
    assert all(r.source and r.as_of for r in untoc.reasons)


def test_untoc_18_7_notes_that_a_possible_mla_treaty_between_them_would_govern():
    untoc = bases(requesting="UKR", requested="DEU", kind="mla", offence="money_laundering")[
        "UNTOC"
    ]
    condition = next(c for c in untoc.conditions if c.provision == "UNTOC 18(7)")
    assert "ETS-030" in condition.text  # not recorded for either State: named as possible


def test_germany_uncac_status_after_the_2014_table_is_unknown_not_no():
    uncac = bases(requesting="UKR", requested="DEU", kind="mla", offence="corruption")["UNCAC"]
    assert uncac.applies == "unknown"
    assert "2014-07-10" in reasons_text(uncac)


def test_germany_uncac_before_the_table_date_is_no_because_it_had_only_signed():
    found = bases(
        requesting="UKR",
        requested="DEU",
        kind="mla",
        offence="corruption",
        on=datetime.date(2012, 1, 1),
    )
    assert found["UNCAC"].applies == "no"


def test_budapest_convention_covers_money_laundering_only_for_electronic_evidence():
    cets = bases(requesting="UKR", requested="DEU", kind="mla", offence="money_laundering")[
        "CETS-185"
    ]
    assert cets.applies == "unknown"  # Ukraine is not in the partial Council of Europe list
    assert "electronic form" in reasons_text(cets)


def test_drug_convention_covers_laundering_only_of_drug_proceeds():
    un1988 = bases(requesting="UKR", requested="DEU", kind="mla", offence="money_laundering")[
        "UN-1988"
    ]
    assert un1988.applies == "conditional"
    assert "drug-trafficking" in reasons_text(un1988)


def test_nigeria_to_ghana_mla_before_ghana_acceded_to_untoc_cannot_rest_on_untoc():
    found = bases(
        requesting="NGA",
        requested="GHA",
        kind="mla",
        offence="participation_ocg",
        on=datetime.date(2012, 1, 1),
    )
    assert found["UNTOC"].applies == "no"
    assert "2012-09-20" in reasons_text(found["UNTOC"])


def test_nigeria_to_ghana_mla_after_ghana_acceded_to_untoc_can():
    found = bases(
        requesting="NGA",
        requested="GHA",
        kind="mla",
        offence="participation_ocg",
        on=datetime.date(2013, 1, 1),
    )
    assert found["UNTOC"].applies == "conditional"


def test_ecowas_convention_is_possible_between_ecowas_states_but_participation_unknown():
    found = bases(requesting="NGA", requested="GHA", kind="mla")
    assert found["ECOWAS-MLA-1992"].applies == "unknown"


def test_a_convention_open_only_to_an_organisations_members_is_not_listed_for_outsiders():
    """Neither Ukraine nor Germany can be a Party to the ECOWAS or ASEAN treaties: they cannot
    apply to the pair, so the answer does not list them, not even as "no"."""
    found = bases(requesting="UKR", requested="DEU", kind="mla")
    assert "ECOWAS-MLA-1992" not in found and "ASEAN-MLAT-2004" not in found
    one_member = bases(requesting="NGA", requested="DEU", kind="mla")
    assert "ECOWAS-MLA-1992" not in one_member


def test_japan_to_france_drug_case_cites_the_eu_japan_agreement_then_the_1988_convention():
    """The regional agreement binding both comes first; among the universal conventions, the one
    whose scope covers the offence (drugs: UN-1988), in force for both, comes before UNTOC."""
    found = bases(requesting="JPN", requested="FRA", kind="mla", offence="drug_trafficking")
    assert found["UN-1988"].applies == "yes"
    answer = legal_basis(requesting="JPN", requested="FRA", kind="mla", offence="drug_trafficking")
    order = [b.instrument for b in answer.to_cite]
    assert order[:2] == ["EU-JPN-MLA-2009", "UN-1988"]


def test_the_1988_convention_only_lets_a_party_consider_it_the_basis_for_extradition():
    # Art. 6(3): a Party that makes extradition conditional on a treaty "may consider" the
    # Convention as the legal basis. It may also decline: conditional, never a plain "yes".
    drugs = bases(requesting="JPN", requested="FRA", kind="extradition", offence="drug_trafficking")
    convention = drugs["UN-1988"]
    assert convention.applies == "conditional"
    condition = next(c for c in convention.conditions if c.provision == "UN-1988 6")
    assert "6(3)" in condition.text and "consider" in condition.text


def test_budapest_lets_a_party_consider_it_for_extradition_but_does_not_oblige_it():
    # Art. 24(3): the same "may consider" as the 1988 Convention.
    budapest = bases(requesting="DEU", requested="FRA", kind="extradition", offence="cybercrime")[
        "CETS-185"
    ]
    assert budapest.applies == "conditional"
    assert any("24(3)" in c.text for c in budapest.conditions)


def test_budapest_has_no_provisional_arrest_article_so_it_is_not_cited_for_one():
    answer = legal_basis(
        requesting="DEU", requested="FRA", kind="provisional_arrest", offence="cybercrime"
    )
    assert "CETS-185" not in {b.instrument for b in answer.bases}
    assert not any(p.startswith("CETS-185") for b in answer.bases for p in b.provisions)


def test_japan_before_the_1988_convention_bound_it_the_convention_does_not_apply():
    found = bases(
        requesting="JPN",
        requested="FRA",
        kind="mla",
        offence="drug_trafficking",
        on=datetime.date(1992, 6, 30),
    )
    assert found["UN-1988"].applies == "no"
    assert "1992-09-10" in reasons_text(found["UN-1988"])  # 90th day after 12 June 1992


def test_congo_had_only_signed_untoc_in_2014_so_later_status_is_unknown():
    untoc = bases(requesting="COG", requested="FRA", kind="mla", offence="participation_ocg")[
        "UNTOC"
    ]
    assert untoc.applies == "unknown"
    assert "2014-01-27" in reasons_text(untoc)


def test_us_to_uk_extradition_under_untoc_needs_the_16_5_answer_and_dual_criminality():
    untoc = bases(
        requesting="USA", requested="GBR", kind="extradition", offence="participation_ocg"
    )["UNTOC"]
    assert untoc.applies == "conditional"
    provisions = {c.provision for c in untoc.conditions}
    assert {"UNTOC 16(5)", "UNTOC 16(1)"} <= provisions


def test_lesotho_makes_extradition_conditional_on_a_treaty_without_declining_untoc_so_ask():
    # Its 16(5) notification says only that extradition needs a treaty; it does not say that
    # the Convention will not serve as one. That is a question to ask, not a refusal.
    untoc = bases(
        requesting="ZAF", requested="LSO", kind="extradition", offence="participation_ocg"
    )["UNTOC"]
    assert untoc.applies == "conditional"
    text = reasons_text(untoc)
    assert "without saying whether it takes the Convention" in text
    assert "Ask whether it accepts the Convention as the legal basis." in text
    assert "16(3)" not in text


def test_viet_nam_does_not_take_untoc_as_a_basis_for_extradition():
    untoc = bases(
        requesting="FRA", requested="VNM", kind="extradition", offence="participation_ocg"
    )["UNTOC"]
    assert untoc.applies == "no"
    assert "does not take the Convention as the legal basis" in reasons_text(untoc)


def test_uncac_extradition_without_a_44_6_notification_is_conditional_not_yes():
    # Art. 44(5)-(6) work as UNTOC 16(4)-(5): a State that makes extradition conditional on a
    # treaty says whether it takes the Convention as the basis. None recorded: ask, not "yes".
    uncac = bases(requesting="FRA", requested="GBR", kind="extradition", offence="corruption")[
        "UNCAC"
    ]
    assert uncac.applies == "conditional"
    condition = next(c for c in uncac.conditions if c.provision == "UNCAC 44(6)")
    assert "ask whether it accepts the Convention" in condition.text


def test_a_refusal_of_a_convention_as_basis_cites_that_convention_s_deemed_inclusion_article():
    # Offences are deemed included in existing extradition treaties by each convention's own
    # article: UNTOC 16(3), UNCAC 44(4). The reason names the one of the instrument at hand.
    untoc = bases(
        requesting="FRA", requested="VNM", kind="extradition", offence="participation_ocg"
    )["UNTOC"]
    assert "(UNTOC 16(3))" in reasons_text(untoc)
    uncac = bases(requesting="FRA", requested="SLV", kind="extradition", offence="corruption")[
        "UNCAC"
    ]
    assert uncac.applies == "no"  # El Salvador's art. 44(6) notification
    assert "(UNCAC 44(4))" in reasons_text(uncac) and "(UNTOC 16(3))" not in reasons_text(uncac)
    declarations = {
        code: next(c for c in rules.conditions if c.when == "extradition_declaration")
        for code, rules in instrument_rules().items()
        if code in ("UNTOC", "UNCAC")
    }
    assert declarations["UNCAC"].deemed_included == "UNCAC 44(4)"
    assert declarations["UNTOC"].deemed_included == "UNTOC 16(3)"


def test_ukraine_declared_it_takes_untoc_as_a_basis_for_extradition():
    untoc = bases(
        requesting="LSO", requested="UKR", kind="extradition", offence="participation_ocg"
    )["UNTOC"]
    assert untoc.applies == "conditional"
    assert "that it takes the Convention as the legal basis" in reasons_text(untoc)


def test_untoc_article_17_is_not_a_basis_for_transfer_of_sentenced_persons():
    assert (
        bases(requesting="UKR", requested="DEU", kind="transfer_sentenced")["UNTOC"].applies == "no"
    )


def test_preservation_only_under_the_budapest_convention():
    found = bases(requesting="DEU", requested="FRA", kind="preservation", offence="cybercrime")
    assert found["CETS-185"].applies == "yes"
    assert "UNTOC" not in found


def test_trafficking_in_persons_comes_within_untoc_through_the_protocol():
    untoc = bases(requesting="UKR", requested="DEU", kind="mla", offence="trafficking_in_persons")[
        "UNTOC"
    ]
    assert "UNTOC-TIP" in reasons_text(untoc)


def test_us_to_uk_extradition_cites_the_2003_bilateral_treaty_first():
    answer = legal_basis(requesting="USA", requested="GBR", kind="extradition")
    first = answer.bases[0]
    assert (first.instrument, first.applies) == ("BIL-GBR-USA-EXT-2003", "yes")
    assert "2007-04-26" in reasons_text(first)
    # The EU–US agreement stopped applying to the United Kingdom when it left the Union.
    eu = next(b for b in answer.bases if b.instrument == "EU-USA-EXT-2003")
    assert eu.applies == "no" and "2021-01-01" in reasons_text(eu)


def test_a_bilateral_treaty_in_force_is_cited_first():
    add_bilateral_treaty(
        code="KEN-NGA-EXT-2003",
        title="Extradition Treaty (example)",
        kinds=["extradition"],
        parties={
            "KEN": {
                "consent_date": datetime.date(2007, 4, 26),
                "entry_into_force": datetime.date(2007, 4, 26),
            },
            "NGA": {
                "consent_date": datetime.date(2007, 4, 26),
                "entry_into_force": datetime.date(2007, 4, 26),
            },
        },
        source="test fixture",
        actor=None,
    )
    answer = legal_basis(requesting="KEN", requested="NGA", kind="extradition")
    assert answer.bases[0].instrument == "KEN-NGA-EXT-2003"
    assert answer.bases[0].applies == "yes"
    assert Instrument.objects.get(code="KEN-NGA-EXT-2003").type == "bilateral"


def test_reciprocity_and_domestic_law_always_close_the_list():
    answer = legal_basis(requesting="UKR", requested="DEU", kind="jit")
    assert answer.bases[-1].instrument == "RECIPROCITY"
    assert answer.bases[-1].applies == "conditional"


def test_ordering_puts_applicable_bases_before_unknown_and_inapplicable_ones():
    order = {"yes": 0, "conditional": 1, "unknown": 2, "no": 3}
    answer = legal_basis(
        requesting="NGA", requested="GHA", kind="mla", on=datetime.date(2012, 1, 1)
    )
    treaties = [b for b in answer.bases if b.instrument != "RECIPROCITY"]
    assert [order[b.applies] for b in treaties] == sorted(order[b.applies] for b in treaties)


def _condition_texts(found, code) -> str:
    return " ".join(c.text for c in found[code].conditions)


def test_the_1959_convention_does_not_cover_arrests_or_the_enforcement_of_verdicts():
    # ETS 30 art. 1(2): nor offences under military law that are not ordinary crimes.
    found = bases(requesting="FRA", requested="DEU", kind="mla", offence="fraud")
    text = _condition_texts(found, "ETS-030")
    assert "arrests" in text and "enforcement of verdicts" in text and "1(2)" in text
    assert "not offences under ordinary criminal law" in text


def test_extradition_to_enforce_a_sentence_needs_at_least_four_months_under_the_1957_convention():
    # ETS 24 art. 2(1): one year for prosecution; four months for a sentence already imposed.
    found = bases(requesting="FRA", requested="DEU", kind="extradition", offence="fraud")
    text = _condition_texts(found, "ETS-024")
    assert "at least one year" in text and "at least four months" in text


def test_budapest_preservation_without_dual_criminality_unless_a_party_reserved_art_29_4():
    found = bases(requesting="DEU", requested="FRA", kind="preservation", offence="cybercrime")
    text = _condition_texts(found, "CETS-185")
    assert "29(3)" in text and "29(4)" in text


def test_the_transfer_convention_was_opened_for_signature_on_21_march_1983():
    assert Instrument.objects.get(code="ETS-112").adopted_on == datetime.date(1983, 3, 21)


def test_ukraine_s_2021_accession_to_the_inter_american_mla_convention_took_effect_30_days_later():
    # OAS A-55 art. 37: the thirtieth day after a later State deposits its instrument.
    convention = bases(requesting="USA", requested="UKR", kind="mla")["OAS-A-55"]
    assert convention.applies == "yes"
    assert "2021-03-28 (computed under OAS A-55 art. 37)" in reasons_text(convention)


def test_the_inter_american_extradition_convention_is_not_closed_to_states_outside_the_oas():
    # B-47 is open to accession by any American State and by the OAS Permanent Observers: for
    # Spain and France (observers) its status is unknown, not "no".
    convention = bases(requesting="ESP", requested="FRA", kind="extradition")["OAS-B-47"]
    assert convention.applies == "unknown"
    assert Instrument.objects.get(code="OAS-B-47").in_force_on == datetime.date(1992, 3, 28)
    assert Instrument.objects.get(code="OAS-A-59").in_force_on == datetime.date(2002, 4, 7)


# --- Withdrawals, suspensions, declarations and citation order (legal review of part 6) --------


def test_ukraine_to_russia_mla_today_does_not_cite_minsk_after_ukraines_withdrawal():
    """Law 2783-IX suspended the Minsk Convention towards Russia and Belarus from 2022-12-23 and
    withdrew Ukraine from it; the denunciation took effect on 2023-12-29 (art. 84)."""
    today = legal_basis(
        requesting="UKR", requested="RUS", kind="mla", on=datetime.date(2026, 11, 30)
    )
    assert "CIS-MINSK-1993" not in [b.instrument for b in today.to_cite]
    minsk = next(b for b in today.bases if b.instrument == "CIS-MINSK-1993")
    assert minsk.applies == "no" and "2023-12-29" in reasons_text(minsk)


def test_a_suspension_towards_named_states_stops_the_instrument_only_between_them():
    on = datetime.date(2023, 6, 1)  # suspended towards Russia, not yet withdrawn
    russia = bases(requesting="UKR", requested="RUS", kind="mla", on=on)["CIS-MINSK-1993"]
    assert russia.applies == "no"
    assert "suspended the application of CIS-MINSK-1993 towards" in reasons_text(russia)
    kazakhstan = bases(requesting="UKR", requested="KAZ", kind="mla", on=on)["CIS-MINSK-1993"]
    assert kazakhstan.applies != "no"
    before = bases(requesting="UKR", requested="RUS", kind="mla", on=datetime.date(2021, 1, 1))
    assert before["CIS-MINSK-1993"].applies != "no"


def test_azerbaijan_does_not_apply_uncac_in_relation_to_armenia():
    uncac = bases(requesting="ARM", requested="AZE", kind="mla", offence="corruption")["UNCAC"]
    assert uncac.applies == "no"
    assert "does not apply between" in reasons_text(uncac)
    assert bases(requesting="GEO", requested="AZE", kind="mla", offence="corruption")[
        "UNCAC"
    ].applies in ("yes", "conditional")


def test_lesotho_makes_extradition_conditional_on_a_treaty_which_is_not_a_refusal():
    """Lesotho's 16(5) notification says extradition needs a treaty, not that UNTOC is refused as
    one: the answer is conditional (ask), never "no"."""
    untoc = bases(
        requesting="ZAF", requested="LSO", kind="extradition", offence="participation_ocg"
    )["UNTOC"]
    assert untoc.applies == "conditional"
    assert "Ask whether it accepts the Convention as the legal basis." in reasons_text(untoc)


def test_el_salvador_does_not_take_uncac_as_a_basis_for_extradition():
    uncac = bases(requesting="GTM", requested="SLV", kind="extradition", offence="corruption")[
        "UNCAC"
    ]
    assert uncac.applies == "no"
    assert "UNCAC 44(4)" in reasons_text(uncac)  # its offences are deemed in every treaty


def test_ukraines_declaration_keeps_its_qualifier_no_extradition_treaty():
    untoc = bases(
        requesting="LSO", requested="UKR", kind="extradition", offence="participation_ocg"
    )["UNTOC"]
    assert "no extradition treaty" in reasons_text(untoc)


def test_ukraine_to_germany_mla_names_the_1959_convention_first():
    """Bilateral first, then the regional convention, then the UN conventions whose scope covers
    the offence: UNTOC (laundering, art. 6) before the drug Convention (drug proceeds only)."""
    answer = legal_basis(
        requesting="UKR",
        requested="DEU",
        kind="mla",
        offence="money_laundering",
        on=datetime.date(2026, 11, 30),
    )
    order = [b.instrument for b in answer.to_cite]
    assert order[0] == "ETS-030" and answer.bases[0].applies == "yes"
    assert order.index("UNTOC") < order.index("UN-1988")


def test_a_state_named_as_a_party_on_a_date_without_dates_is_a_party_after_that_date():
    gbr = bases(requesting="FRA", requested="GBR", kind="extradition", on=datetime.date(2026, 1, 1))
    assert gbr["ETS-024"].applies == "yes"
    assert "not recorded" in reasons_text(gbr["ETS-024"])
    earlier = bases(
        requesting="FRA", requested="GBR", kind="extradition", on=datetime.date(2020, 1, 1)
    )
    assert earlier["ETS-024"].applies == "unknown"


def test_the_second_additional_protocol_binding_both_is_cited_with_the_1959_convention():
    first = legal_basis(requesting="UKR", requested="DEU", kind="mla").bases[0]
    assert first.instrument == "ETS-030" and first.supplements == ["ETS-182"]
    assert "2015-06-01" in reasons_text(first)  # in force for Germany
    # Before Germany was bound by the Protocol, only the Convention is cited.
    earlier = legal_basis(
        requesting="UKR", requested="DEU", kind="mla", on=datetime.date(2014, 1, 1)
    ).bases[0]
    assert earlier.instrument == "ETS-030" and earlier.supplements == []


def test_transfer_of_sentenced_persons_between_parties_to_ets_112():
    found = bases(requesting="DEU", requested="FRA", kind="transfer_sentenced")
    assert found["ETS-112"].applies == "yes"
    assert "1992-02-01" in reasons_text(found["ETS-112"])  # in force for Germany


def test_an_eu_agreement_with_a_third_state_never_applies_between_two_member_states():
    """The EU–USA and EU–Japan agreements apply only between the counterpart and a Member State."""
    found = bases(requesting="DEU", requested="FRA", kind="mla")
    assert not {"EU-USA-MLA-2003", "EU-JPN-MLA-2009"} & set(found)
    assert "EU-JPN-MLA-2009" in bases(requesting="DEU", requested="JPN", kind="mla")


def test_the_eu_us_agreements_are_cited_with_the_bilateral_treaty_not_alone():
    eu = bases(requesting="USA", requested="DEU", kind="extradition")["EU-USA-EXT-2003"]
    assert eu.applies == "conditional"
    assert "Not a basis on its own" in reasons_text(eu)


def test_minsk_is_conditional_because_chisinau_replaces_it_between_its_parties():
    minsk = bases(requesting="RUS", requested="KAZ", kind="mla")["CIS-MINSK-1993"]
    assert minsk.applies != "yes"
    assert "Chisinau" in reasons_text(minsk)
