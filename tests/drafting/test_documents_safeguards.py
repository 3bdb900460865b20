"""The assurances, the sentence in figures, the channel and the statements of UNCAC 55(3)(b) reach
the letter in its language; a box left unticked is left out, never written as "no"."""

from comity.drafting.documents.model import Names, build_document

NAMES = Names(states={"DEU": {"en": "Germany", "fr": "Allemagne"}})


def _rows(document, key):
    section = next(s for s in document.sections if s.key == key)
    return {row.label: row.value for row in section.rows}


def test_an_extradition_letter_carries_its_assurances_and_the_sentence_in_months(complete_body):
    body = complete_body("extradition")
    body["warrant"].update(kind="judgment", remaining_months=31, in_absentia=True)
    body["assurances"]["retrial"] = "Art. 412 CPC grants a retrial on request."
    body["undertakings"]["prosecution_if_refused"] = True
    body["offences"][0]["death_penalty"] = True
    document = build_document(body, "en", names=NAMES)
    assert _rows(document, "assurances") == {
        "Assurance of a retrial": "Art. 412 CPC grants a retrial on request.",
        "Previous proceedings for the same acts": body["assurances"]["ne_bis_in_idem"],
    }
    warrant = _rows(document, "warrant")
    assert warrant["Remaining to be served, in months"] == "31"
    assert warrant["Rendered in absentia"] == "Yes"
    assert "Indeterminate sentence" not in warrant
    undertakings = next(s for s in document.sections if s.key == "undertakings").paragraphs
    assert any("submitted without undue delay" in p for p in undertakings)
    offence = next(s for s in document.sections if s.key == "offences").blocks[0]
    assert {r.label: r.value for r in offence.rows}["Punishable by death"] == "Yes"


def test_the_channel_and_its_reason_are_stated_in_the_requested_language(complete_body):
    body = complete_body("mla")
    body["transmission"] = {"channel": "interpol", "reason": "Urgence : les fonds vont partir."}
    rows = _rows(build_document(body, "fr", names=NAMES), "requesting_authority")
    assert rows["Voie de transmission"] == (
        "Organisation internationale de police criminelle (INTERPOL)"
    )
    assert rows["Motifs de la voie utilisée"] == "Urgence : les fonds vont partir."


def test_a_confiscation_letter_states_finality_notice_and_due_process(complete_body):
    body = complete_body("confiscation")
    body["measures"][1].update(
        final="Final since 2026-04-02.", third_parties="None known.", due_process="Heard."
    )
    block = next(
        s for s in build_document(body, "en", names=NAMES).sections if s.key == "assistance"
    ).blocks[1]
    rows = {r.label: r.value for r in block.rows}
    assert rows["Statement that the order is final"] == "Final since 2026-04-02."
    assert rows["Notice given to bona fide third parties"] == "None known."
    assert rows["Due process"] == "Heard."
