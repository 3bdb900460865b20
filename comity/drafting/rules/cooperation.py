"""Transfer of sentenced persons, transfer of proceedings and joint investigation teams.

UNTOC arts. 17, 19 and 21 (UNCAC 45, 47, 49) set no contents for these requests; the checks
follow what the instrument used between the States needs: the Council of Europe Convention on the
Transfer of Sentenced Persons (ETS 112) for transfers, and the proceedings, offences and facts any
State needs to take over a case or join an investigation.
"""

from django.utils.translation import gettext as _

from comity.drafting.rules.engine import Finding, filled, rule

SENTENCED = {"transfer_sentenced"}
TAKE_OVER = {"transfer_proceedings", "jit"}


def _sentenced_people(body):
    return [(i, p) for i, p in enumerate(body.persons) if p.role == "sentenced"]


@rule(
    id="transfer_sentenced.person",
    severity="error",
    citation="ETS-112 3(1)(a)",
    kinds=SENTENCED,
    field="persons",
)
def sentenced_person(body, ctx):
    """The sentenced person must be identified, with the nationality that links them to the administering State."""
    people = _sentenced_people(body)
    if not people:
        return _("Add the sentenced person under Persons, with the role “Sentenced person”.")
    findings = []
    for index, person in people:
        missing = [
            label
            for label, value in (
                (_("name"), person.name),
                (_("date of birth"), person.date_of_birth),
                (_("nationality"), person.nationality),
            )
            if not filled(value)
        ]
        if missing:
            findings.append(
                Finding(
                    _("Missing for the sentenced person: %(missing)s.")
                    % {"missing": ", ".join(missing)},
                    field=f"persons.{index}",
                )
            )
    return findings


@rule(
    id="transfer_sentenced.judgment",
    severity="error",
    citation="ETS-112 3(1)(b)",
    kinds=SENTENCED,
    field="warrant",
)
def sentenced_judgment(body, ctx):
    """The transfer concerns a final judgment: its court, date, reference and the sentence."""
    w = body.warrant
    if not (w.kind == "judgment" and filled(w.issued_by) and w.date and filled(w.reference)):
        return _("Give the final judgment: choose “Judgment” and its court, date and reference.")
    if not filled(w.sentence):
        return Finding(
            _("State the sentence imposed and how much of it remains to be served."),
            field="warrant.sentence",
        )
    return None


@rule(
    id="transfer_sentenced.consent",
    severity="warning",
    citation="ETS-112 3(1)(d)",
    kinds=SENTENCED,
    field="annexes",
)
def sentenced_consent(body, ctx):
    """The sentenced person's consent is a condition of transfer; the request should carry it."""
    if not body.annexes:
        return _(
            "Attach the sentenced person's declaration of consent to the transfer, and list it "
            "under Annexes."
        )
    return None


@rule(
    id="take_over.proceedings",
    severity="error",
    citation="UNTOC 21 | UNCAC 47",
    kinds={"transfer_proceedings"},
    field="proceedings.description",
)
def take_over_proceedings(body, ctx):
    """A State asked to take over proceedings needs to know what they are and who conducts them."""
    if not (filled(body.proceedings.description) and filled(body.proceedings.authority)):
        return _("Describe the proceedings to be transferred and the authority conducting them.")
    return None


@rule(
    id="take_over.facts",
    severity="error",
    citation="UNTOC 21 | UNCAC 47",
    kinds={"transfer_proceedings"},
    field="facts",
)
def take_over_facts(body, ctx):
    """The receiving State can prosecute only facts it is told of."""
    if not filled(body.facts):
        return _("Summarise the facts the receiving State is asked to prosecute.")
    return None


@rule(
    id="take_over.offences",
    severity="error",
    citation="UNTOC 21 | UNCAC 47",
    kinds={"transfer_proceedings"},
    field="offences",
)
def take_over_offences(body, ctx):
    """The offences and the provisions that define them are needed to judge whether the case can be taken over."""
    if not any(filled(o.label) and filled(o.statute) for o in body.offences):
        return _("List the offences with the provisions of law that define them.")
    return None


@rule(
    id="jit.investigation",
    severity="error",
    citation="UNTOC 19 | UNCAC 49",
    kinds={"jit"},
    field="proceedings.description",
)
def jit_investigation(body, ctx):
    """A joint investigation is agreed for specific investigations: name them."""
    if not (filled(body.proceedings.description) and filled(body.proceedings.authority)):
        return _(
            "Describe the investigation the team would conduct and the authority in charge of it."
        )
    return None


@rule(
    id="jit.purpose",
    severity="error",
    citation="UNTOC 19 | UNCAC 49",
    kinds={"jit"},
    field="purpose",
)
def jit_purpose(body, ctx):
    """The partners agree on the team's purpose, so the proposal must state it."""
    if not filled(body.purpose):
        return _("State the purpose of the joint team, its proposed duration and members.")
    return None


@rule(
    id="jit.facts",
    severity="error",
    citation="UNTOC 19 | UNCAC 49",
    kinds=TAKE_OVER - {"transfer_proceedings"},
    field="facts",
)
def jit_facts(body, ctx):
    """The partner State decides on the facts it is told of."""
    if not filled(body.facts):
        return _("Summarise the facts of the investigation.")
    return None
