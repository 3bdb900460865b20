"""Rule-table cases for the grounds for refusal of extradition, the transfer of sentenced persons,
confiscation under UNCAC 55(3)(b) and the channels and bases of mutual legal assistance.

Part of the table in test_rules_table.py, kept apart only to keep each file short.
"""

from tests.drafting.rule_table import B, C, Case

JUDGMENT = {
    "kind": "judgment",
    "issued_by": "Pechersk District Court of Kyiv",
    "date": "2025-11-03",
    "reference": "757/2000/25",
    "sentence": "5 years' imprisonment",
    "sentence_months": 60,
}
NATURE = B(
    "assurances.offence_nature",
    "The offence is one of ordinary criminal law: it protects property.",
)
CENTRAL = C(
    central_authorities=(frozenset({"bundesamt für justiz", "federal office of justice"}),),
    central_authority_name="Bundesamt für Justiz",
)
ETS_DOCUMENTS = [
    {"title": "Declaration of consent", "kind": "consent"},
    {"title": "Certified copy of the judgment", "kind": "judgment"},
    {"title": "Articles 190 and 209 of the Criminal Code", "kind": "law"},
    {"title": "Statement of the sentence served", "kind": "sentence_served"},
]

GROUNDS_CASES = [
    # --- extradition: grounds for refusal and thresholds ------------------------------------
    Case(
        "extradition.death_penalty",
        "extradition",
        (B("offences.0.death_penalty", True),),
        (
            B(
                "assurances.death_penalty",
                "The Prosecutor General assures that it will not be imposed.",
            ),
        ),
        "assurances.death_penalty",
    ),
    Case(
        "extradition.nationals",
        "extradition",
        (B("persons.0.nationality", "DEU"),),
        (B("undertakings.prosecution_if_refused", True),),
        "undertakings.prosecution_if_refused",
    ),
    Case(
        "extradition.nationals",
        "provisional_arrest",
        (B("persons.0.nationality", "deu"),),
        (B("undertakings.return_to_serve", True),),
        "undertakings.prosecution_if_refused",
    ),
    Case(
        "extradition.penalty_threshold",
        "extradition",
        (B("offences.0.max_penalty_years", 0.5),),
        (B("offences.0.max_penalty_years", 12),),
        "offences.0.max_penalty_years",
    ),
    Case(
        "extradition.sentence_threshold",
        "extradition",
        (B("warrant", {**JUDGMENT, "remaining_months": 3}),),
        (B("warrant.remaining_months", 30),),
        "warrant.remaining_months",
    ),
    Case(
        "extradition.sentence_threshold",
        "provisional_arrest",
        (B("warrant", dict(JUDGMENT)),),
        (B("warrant.indeterminate", True),),
        "warrant.remaining_months",
    ),
    Case(
        "extradition.sentence_threshold",
        "extradition",
        (
            C(legal_bases=("ETS-024",)),
            B("warrant", {**JUDGMENT, "sentence_months": 3, "remaining_months": 8}),
        ),
        (B("warrant.sentence_months", 12),),
        "warrant.sentence_months",
    ),
    Case(
        "extradition.in_absentia",
        "extradition",
        (B("warrant", {**JUDGMENT, "remaining_months": 60, "in_absentia": True}),),
        (B("assurances.retrial", "Art. 412 CPC grants a retrial on request within 30 days."),),
        "assurances.retrial",
    ),
    Case(
        "extradition.ne_bis_in_idem",
        "extradition",
        (B("assurances.ne_bis_in_idem", ""),),
        (B("assurances.ne_bis_in_idem", "No proceedings are known anywhere else."),),
        "assurances.ne_bis_in_idem",
    ),
    Case(
        "extradition.political_military",
        "extradition",
        (B("offences.0.label", "High treason"),),
        (NATURE,),
        "offences.0.label",
    ),
    Case(
        "extradition.political_military",
        "provisional_arrest",
        (B("offences.0.label", "Дезертирство"),),
        (B("offences.0.label", "Шахрайство"),),
        "offences.0.label",
    ),
    Case(
        "extradition.fiscal",
        "extradition",
        (B("offences.0.label", "Evasion of VAT"),),
        (NATURE,),
        "offences.0.label",
    ),
    Case(
        "extradition.fiscal",
        "provisional_arrest",
        (B("offences.0.statute", "art. 212 Criminal Code (ухилення від сплати податків)"),),
        (B("offences.0.statute", "art. 209 Criminal Code"),),
        "offences.0.label",
    ),
    Case(
        "extradition.lapse_of_time",
        "extradition",
        (C(legal_bases=("ETS-024", "CETS-212")), B("offences.0.limitation", "")),
        (B("offences.0.limitation", "15 years (art. 49 CC); runs out on 2039-03-15."),),
        "offences.0.limitation",
    ),
    # --- transfer of sentenced persons: ETS-112 ---------------------------------------------
    Case(
        "transfer_sentenced.documents",
        "transfer_sentenced",
        (B("persons.0.nationality", "DEU"),),
        (B("annexes", ETS_DOCUMENTS),),
        "annexes",
    ),
    Case(
        "transfer_sentenced.time_remaining",
        "transfer_sentenced",
        (B("warrant.remaining_months", 4),),
        (B("warrant.remaining_months", 8),),
        "warrant.remaining_months",
    ),
    Case(
        "transfer_sentenced.time_remaining",
        "transfer_sentenced",
        (B("warrant.remaining_months", None),),
        (B("warrant.indeterminate", True),),
        "warrant.remaining_months",
    ),
    Case(
        "transfer_sentenced.dual_criminality",
        "transfer_sentenced",
        (B("dual_criminality", ""),),
        (B("dual_criminality", "Fraud, art. 190 Criminal Code of Ukraine."),),
        "dual_criminality",
    ),
    # --- confiscation: UNCAC 55(3)(b) -------------------------------------------------------
    Case(
        "confiscation.third_parties_due_process",
        "confiscation",
        (
            C(legal_bases=("UNCAC",)),
            B("measures.1.due_process", "The owner was heard and appealed."),
        ),
        (B("measures.1.third_parties", "No third party claimed an interest after publication."),),
        "measures.1.third_parties",
    ),
    Case(
        "confiscation.third_parties_due_process",
        "confiscation",
        (
            C(legal_bases=("UNTOC", "UNCAC")),
            B("measures.1.third_parties", "None known."),
        ),
        (C(legal_bases=("UNTOC",)),),
        "measures.1.due_process",
    ),
    Case(
        "confiscation.order_final",
        "confiscation",
        (C(legal_bases=("UNCAC",)),),
        (B("measures.1.final", "Final since the appeal was dismissed on 2026-04-02."),),
        "measures.1.final",
    ),
    # --- mutual legal assistance: channel, reciprocity, transfer, refusal -------------------
    Case(
        "mla.central_authority",
        "mla",
        (CENTRAL, B("requested_authority", "Generalstaatsanwaltschaft Berlin")),
        (B("transmission.reason", "Direct transmission under art. 15(2) of the treaty."),),
        "transmission.reason",
    ),
    Case(
        "mla.central_authority",
        "confiscation",
        (CENTRAL, B("requested_authority", "Generalstaatsanwaltschaft Berlin")),
        (B("requested_authority", "Federal Office of Justice"),),
        "transmission.reason",
    ),
    Case(
        "mla.central_authority",
        "mla",
        (B("transmission", {"channel": "interpol", "reason": "Through the NCB."}),),
        (B("urgency", {"urgent": True, "reason": "The funds are about to be moved."}),),
        "transmission.channel",
    ),
    Case(
        "mla.reciprocity",
        "mla",
        (B("legal_bases", ["RECIPROCITY"]),),
        (B("undertakings.reciprocity", True),),
        "undertakings.reciprocity",
    ),
    Case(
        "mla.reciprocity",
        "extradition",
        (B("legal_bases", []),),
        (B("legal_bases", ["ETS-024"]),),
        "undertakings.reciprocity",
    ),
    Case(
        "mla.transfer_consent",
        "mla",
        (
            B(
                "measures.1",
                {
                    "type": "temporary_transfer_detained",
                    "person": "Oleh Bondar, detained in JVA Moabit",
                    "custody": "Kept in custody in Kyiv SIZO; returned by 2026-06-30.",
                },
            ),
        ),
        (B("measures.1.consent", "He consented in writing, after legal advice, on 2026-03-01."),),
        "measures.1.consent",
    ),
    Case(
        "mla.refusal_grounds",
        "mla",
        (B("offences.0.max_penalty", ""), B("offences.0.max_penalty_years", None)),
        (B("offences.0.max_penalty_years", 12),),
        "offences.0.max_penalty",
    ),
    # --- identity of persons ------------------------------------------------------------------
    Case(
        "persons.identity_plausible",
        "mla",
        (B("persons.0.nationality", "Ukrainian"),),
        (B("persons.0.nationality", "UKR"),),
        "persons.0.nationality",
    ),
    Case(
        "persons.identity_plausible",
        "extradition",
        (B("persons.0.date_of_birth", "2090-01-01"),),
        (B("persons.0.date_of_birth", "1990-01-01"),),
        "persons.0.date_of_birth",
    ),
]
