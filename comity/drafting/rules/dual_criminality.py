"""Dual criminality: UNTOC 18(9), UNCAC 46(9), read with what the requested State requires."""

from django.utils.translation import gettext as _

from comity.drafting.measures import MEASURES
from comity.drafting.rules.engine import filled, rule

KINDS = {"mla", "confiscation"}


def _coercive(body) -> bool:
    return any(MEASURES[m.type].coercive for m in body.measures if m.type in MEASURES)


def _non_coercive(body) -> bool:
    return any(not MEASURES[m.type].coercive for m in body.measures if m.type in MEASURES)


def _explained(body) -> bool:
    """Explained in words, or shown by the text of every offence provision."""
    if filled(body.dual_criminality):
        return True
    return bool(body.offences) and all(
        filled(o.statute) and filled(o.provision_text) for o in body.offences
    )


def _needed(body, ctx) -> bool:
    return ctx.dual_criminality == "always" or (
        ctx.dual_criminality == "coercive" and _coercive(body)
    )


@rule(
    id="dual_criminality.explained",
    severity="error",
    citation="UNTOC 18(9) | UNCAC 46(9)",
    kinds=KINDS,
    field="dual_criminality",
    cites_profile=True,
)
def explained(body, ctx):
    """Where the requested State requires dual criminality, the request must show that the conduct is an offence there too."""
    if _needed(body, ctx) and not _explained(body):
        if ctx.dual_criminality == "always":
            lead = _("%(state)s requires dual criminality for every request.")
        else:
            lead = _("%(state)s requires dual criminality for coercive measures.")
        return (
            (lead % {"state": ctx.state})
            + " "
            + _(
                "Explain why the conduct would also be an offence there, or give the statute and the "
                "text of the provision for every offence."
            )
        )


@rule(
    id="dual_criminality.unknown",
    severity="advice",
    citation="UNTOC 18(9) | UNCAC 46(9)",
    kinds=KINDS,
    field="dual_criminality",
)
def unknown(body, ctx):
    """Coercive measures are commonly refused without dual criminality, so the request should address it when the requested State's practice is unknown."""
    if ctx.dual_criminality == "unknown" and _coercive(body) and not _explained(body):
        return _(
            "Whether %(state)s requires dual criminality is not recorded here, and coercive "
            "measures are often refused without it. Explain why the conduct would also be an "
            "offence there."
        ) % {"state": ctx.state}


@rule(
    id="dual_criminality.uncac_non_coercive",
    severity="advice",
    citation="UNCAC 46(9)(b)",
    kinds=KINDS,
    field="dual_criminality",
    cites_profile=True,
)
def uncac_non_coercive(body, ctx):
    """Under UNCAC a State must give assistance not involving coercive action even without dual criminality."""
    if ctx.dual_criminality == "always" and "UNCAC" in ctx.legal_bases and _non_coercive(body):
        return _(
            "%(state)s requires dual criminality, but under UNCAC it must still give assistance "
            "that involves no coercive action where consistent with the basic concepts of its "
            "legal system (art. 46(9)(b)). Invoke this for the non-coercive measures."
        ) % {"state": ctx.state}
