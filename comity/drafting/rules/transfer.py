"""Transfer of sentenced persons: the conditions and documents of the Council of Europe Convention
on the Transfer of Sentenced Persons (ETS-112), which UNTOC 17 and UNCAC 45 leave to such treaties.

Either State may ask for a transfer (ETS-112 2(3)). The administering State is the one of which the
person is a national (3(1)(a)); so when the sentenced person is a national of the requested State,
the requesting State is the sentencing State, and it sends the documents of art. 6(2).
"""

from django.utils.translation import gettext as _

from comity.drafting.rules.engine import Finding, filled, rule

SENTENCED = {"transfer_sentenced"}
# The documents the sentencing State provides (ETS-112 6(2)(a)-(b)); the consent (6(2)(c)) has
# its own check, for whichever State asks.
DOCUMENTS = ("judgment", "law", "sentence_served")


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
    citation="ETS-112 3(1)(d), 6(2)(c)",
    kinds=SENTENCED,
    field="annexes",
)
def sentenced_consent(body, ctx):
    """The sentenced person's consent is a condition of transfer; the request should carry the declaration of consent."""
    if not any(a.kind == "consent" for a in body.annexes):
        return _(
            "Attach the sentenced person's declaration of consent to the transfer, and list it "
            "under Annexes as a “Declaration of consent”."
        )
    return None


def _sentencing_state_asks(body) -> bool:
    """The requesting State is the sentencing State: every sentenced person is a national of the
    requested State (ETS-112 3(1)(a)). Unknown nationality: not known, so False."""
    people = _sentenced_people(body)
    requested = str(body.requested_state)
    return bool(people and requested) and all(
        p.nationality.strip().upper() == requested for _i, p in people
    )


@rule(
    id="transfer_sentenced.documents",
    severity="error",
    citation="ETS-112 6(2)(a)–(b)",
    kinds=SENTENCED,
    field="annexes",
)
def documents(body, ctx):
    """The sentencing State that asks for a transfer must provide a certified copy of the judgment and of the law on which it is based, and a statement of how much of the sentence has been served."""
    if not _sentencing_state_asks(body):
        return None
    present = {a.kind for a in body.annexes}
    labels = {
        "judgment": _("a certified copy of the judgment"),
        "law": _("the law on which the judgment is based"),
        "sentence_served": _(
            "a statement of how much of the sentence has been served, with any pre-trial "
            "detention, remission and other factor relevant to its enforcement"
        ),
    }
    missing = [labels[k] for k in DOCUMENTS if k not in present]
    if missing:
        return _(
            "As the sentencing State, attach %(documents)s, and list each under Annexes with its "
            "type of document."
        ) % {"documents": "; ".join(missing)}
    return None


@rule(
    id="transfer_sentenced.time_remaining",
    severity="warning",
    citation="ETS-112 3(1)(c)",
    kinds=SENTENCED,
    field="warrant.remaining_months",
)
def time_remaining(body, ctx):
    """A transfer needs at least six months of the sentence still to be served when the request is received, or an indeterminate sentence; the States may agree otherwise only in exceptional cases (art. 3(2))."""
    w = body.warrant
    if w.indeterminate:
        return None
    if w.remaining_months is None:
        return _(
            "Give, in months, the part of the sentence that remains to be served (or mark the "
            "sentence as indeterminate): at least six months must remain."
        )
    if w.remaining_months < 6:
        return _(
            "Only %(months)s months of the sentence remain to be served; a transfer needs at "
            "least six when the request is received. Explain the exceptional circumstances for "
            "which the States could agree to it nonetheless."
        ) % {"months": f"{w.remaining_months:g}"}
    return None


@rule(
    id="transfer_sentenced.dual_criminality",
    severity="warning",
    citation="ETS-112 3(1)(e)",
    kinds=SENTENCED,
    field="dual_criminality",
)
def dual_criminality(body, ctx):
    """The acts for which the sentence was imposed must be an offence under the law of the administering State too."""
    if not filled(body.dual_criminality):
        return _(
            "State why the acts for which the person was sentenced are also an offence under "
            "the law of the administering State, with the provision that makes them one."
        )
    return None
