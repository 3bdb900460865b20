"""Extradition and provisional arrest: UNTOC 16 and the contents extradition treaties require.

UNTOC 16 and UNCAC 44 leave the contents of a request to treaties and domestic law. The rules
cite the UN Model Treaty on Extradition (General Assembly resolution 45/116), which
most bilateral treaties follow, and the European Convention on Extradition (ETS-024) where it is
a chosen legal basis.
"""

from django.utils.translation import gettext as _

from comity.drafting.rules.engine import Finding, filled, rule

BOTH = {"extradition", "provisional_arrest"}
SOUGHT = {"person_sought", "suspect", "accused", "sentenced"}
WARRANTS = {"arrest_warrant", "judgment", "indictment"}


def persons_sought(body) -> list[tuple[int, object]]:
    """The persons whose extradition is sought: by role, or all persons without a role."""
    found = [(i, p) for i, p in enumerate(body.persons) if p.role in SOUGHT]
    return found or [(i, p) for i, p in enumerate(body.persons) if not p.role]


@rule(
    id="extradition.person_identity",
    severity="error",
    citation={
        "extradition": "UN Model Treaty on Extradition art. 5(2)(a) | ETS-024 12(2)(c)",
        "provisional_arrest": "UN Model Treaty on Extradition art. 9(2) | ETS-024 16(2)",
    },
    kinds=BOTH,
    field="persons",
)
def person_identity(body, ctx):
    """A request must describe the person sought as accurately as possible, with what helps establish identity and nationality."""
    sought = persons_sought(body)
    if not sought:
        yield _("Add the person sought under Persons, with the role “Person sought”.")
    required = (
        ("name", _("Give the full name of the person sought, and any other names used.")),
        ("date_of_birth", _("Give the date of birth of the person sought.")),
        ("nationality", _("Give the nationality of the person sought.")),
        (
            "description",
            _(
                "Describe the person sought (physical description; attach photographs or fingerprints)."
            ),
        ),
    )
    for i, p in sought:
        for name, message in required:
            if not filled(getattr(p, name)):
                yield Finding(message, field=f"persons.{i}.{name}")


@rule(
    id="extradition.facts",
    severity="error",
    citation={
        "extradition": "UN Model Treaty on Extradition art. 5(2)(c) | ETS-024 12(2)(b)",
        "provisional_arrest": "UN Model Treaty on Extradition art. 9(2) | ETS-024 16(2)",
    },
    kinds=BOTH,
    field="facts",
)
def facts(body, ctx):
    """A request must describe the acts or omissions constituting the offence, with their time and place."""
    if not filled(body.facts):
        return _(
            "Describe the conduct the person is accused or convicted of, with the time and place "
            "where it was committed and the person's part in it."
        )


@rule(
    id="extradition.offences_listed",
    severity="error",
    citation={
        "extradition": "UN Model Treaty on Extradition art. 5(2)(c) | ETS-024 12(2)(b)",
        "provisional_arrest": "UN Model Treaty on Extradition art. 9(2) | ETS-024 16(2)",
    },
    kinds=BOTH,
    field="offences",
)
def offences_listed(body, ctx):
    """A request must state the offence for which extradition is sought."""
    if not body.offences:
        return _("Add the offence for which extradition is sought.")


@rule(
    id="extradition.offence_provisions",
    severity="error",
    citation="UN Model Treaty on Extradition art. 5(2)(b) | ETS-024 12(2)(c)",
    kinds={"extradition"},
)
def offence_provisions(body, ctx):
    """A request must give the text of the law creating each offence, so that dual criminality can be assessed."""
    for i, o in enumerate(body.offences):
        if not filled(o.statute):
            yield Finding(
                _(
                    "Give the provision that defines this offence (for example, art. 209 Criminal Code)."
                ),
                field=f"offences.{i}.statute",
            )
        if not filled(o.provision_text):
            yield Finding(
                _("Quote the text of the provision, in force at the time of the conduct."),
                field=f"offences.{i}.provision_text",
            )


@rule(
    id="extradition.max_penalty",
    severity="error",
    citation={
        "extradition": "UN Model Treaty on Extradition art. 5(2)(b) | ETS-024 2(1)",
        "provisional_arrest": "UN Model Treaty on Extradition art. 9(2) | ETS-024 2(1)",
    },
    kinds=BOTH,
)
def max_penalty(body, ctx):
    """A request must state the penalty that can be, or has been, imposed for each offence."""
    for i, o in enumerate(body.offences):
        if not filled(o.max_penalty) and o.max_penalty_years is None:
            yield Finding(
                _(
                    "State the maximum penalty for this offence (for example, 12 years' imprisonment)."
                ),
                field=f"offences.{i}.max_penalty",
            )


@rule(
    id="extradition.warrant",
    severity="error",
    citation={
        "extradition": "UN Model Treaty on Extradition art. 5(2)(c)–(d) | ETS-024 12(2)(a)",
        "provisional_arrest": "UN Model Treaty on Extradition art. 9(2) | ETS-024 16(2)",
    },
    kinds=BOTH,
    field="warrant",
)
def warrant(body, ctx):
    """A request must rest on an arrest warrant or an enforceable judgment, identified by its kind, issuer, date and reference."""
    w = body.warrant
    if w.kind not in WARRANTS:
        yield Finding(
            _("Say whether the request rests on an arrest warrant, an indictment or a judgment."),
            field="warrant.kind",
        )
    if not filled(w.issued_by):
        yield Finding(
            _("Name the court or authority that issued the warrant or judgment."),
            field="warrant.issued_by",
        )
    if w.date is None:
        yield Finding(_("Give the date of the warrant or judgment."), field="warrant.date")
    if not filled(w.reference):
        yield Finding(
            _("Give the reference number of the warrant or judgment."), field="warrant.reference"
        )
    if w.kind == "judgment" and not filled(w.sentence):
        yield Finding(
            _("State the sentence imposed and how much of it remains to be served."),
            field="warrant.sentence",
        )


@rule(
    id="extradition.limitation",
    severity="warning",
    citation="UN Model Treaty on Extradition art. 3(e) | ETS-024 10",
    kinds=BOTH,
)
def limitation(body, ctx):
    """Extradition is refused when prosecution or punishment has become barred by lapse of time."""
    for i, o in enumerate(body.offences):
        if not filled(o.limitation):
            yield Finding(
                _(
                    "State the limitation period for this offence and the date it runs out, with any interruptions."
                ),
                field=f"offences.{i}.limitation",
            )


@rule(
    id="extradition.speciality",
    severity="advice",
    citation="UN Model Treaty on Extradition art. 14 | ETS-024 14",
    kinds={"extradition"},
    field="undertakings.speciality",
)
def speciality(body, ctx):
    """A person extradited may be proceeded against only for the offences for which extradition was granted."""
    if not body.undertakings.speciality:
        return _(
            "Undertake to respect the rule of speciality: the person will not be prosecuted, "
            "sentenced or detained for any other offence committed before surrender."
        )


@rule(
    id="provisional_arrest.urgency",
    severity="error",
    citation="UNTOC 16(9) | UNCAC 44(10) | ETS-024 16(1)",
    kinds={"provisional_arrest"},
    field="urgency.reason",
)
def urgency(body, ctx):
    """Provisional arrest is granted in urgent cases, so the request must show the urgency."""
    if not filled(body.urgency.reason):
        return _(
            "Explain why the arrest is urgent (for example, the person is about to leave the "
            "country) and cannot wait for the full extradition request."
        )


@rule(
    id="provisional_arrest.full_request_to_follow",
    severity="error",
    citation="UN Model Treaty on Extradition art. 9(2) | ETS-024 16(2)",
    kinds={"provisional_arrest"},
    field="undertakings.full_request_to_follow",
)
def full_request_to_follow(body, ctx):
    """A request for provisional arrest must state that a request for extradition will follow."""
    if not body.undertakings.full_request_to_follow:
        return _("State that a request for extradition will follow, and tick the undertaking.")


@rule(
    id="provisional_arrest.location",
    severity="warning",
    citation="UN Model Treaty on Extradition art. 9(2)",
    kinds={"provisional_arrest"},
)
def location(body, ctx):
    """A request for provisional arrest should say where the person sought is, where known."""
    for i, p in persons_sought(body):
        if not (filled(p.location) or filled(p.address)):
            yield Finding(
                _(
                    "Say where the person sought is believed to be (address, city, or travel plans)."
                ),
                field=f"persons.{i}.location",
            )
