"""Transfer of proceedings and joint investigation teams.

UNTOC arts. 19 and 21 (UNCAC 47, 49) set no contents for these requests; the checks ask for the
proceedings, offences and facts any State needs to take over a case or join an investigation.
Transfer of sentenced persons has its own module (transfer.py).
"""

from django.utils.translation import gettext as _

from comity.drafting.rules.engine import filled, rule

TAKE_OVER = {"transfer_proceedings", "jit"}


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
