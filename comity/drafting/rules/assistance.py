"""Mutual legal assistance beyond the contents of article 18(15): to whom the request goes, on what
basis without a treaty, the transfer of a detained person, and the grounds for refusal to pre-empt.
"""

from django.utils.translation import gettext as _

from comity.drafting.measures import MEASURES
from comity.drafting.rules.engine import Finding, filled, measure_value, rule
from comity.treaties.legal_basis import RECIPROCITY

MLA_LIKE = {"mla", "confiscation"}
TRANSFER = "temporary_transfer_detained"


@rule(
    id="mla.central_authority",
    severity="warning",
    citation="UNTOC 18(13) | UNCAC 46(13)",
    kinds=MLA_LIKE,
    field="transmission.reason",
    cites_profile=True,
)
def central_authority(body, ctx):
    """Requests go to the central authority the requested State designated; another channel (the diplomatic channel where required, INTERPOL in urgent cases where the States agree, or a direct channel a treaty allows) must be explained."""
    addressee = body.requested_authority
    elsewhere = filled(addressee) and ctx.addressed_to_central_authority(addressee) is False
    if elsewhere and not filled(body.transmission.reason):
        yield _(
            "The request is addressed to an authority other than the central authority "
            "%(central)s designated by %(state)s. Say why: urgency, transmission through "
            "INTERPOL where %(state)s accepts it, or a direct channel that a treaty allows."
        ) % {"central": ctx.central_authority_name, "state": ctx.state}
    if body.transmission.channel == "interpol" and not body.urgency.urgent:
        yield Finding(
            _(
                "Requests go through INTERPOL only in urgent cases and where the States agree. "
                "Mark the request as urgent and give the reason, or choose another channel."
            ),
            field="transmission.channel",
        )


@rule(
    id="mla.reciprocity",
    severity="error",
    citation="",
    kinds={"mla", "confiscation", "extradition", "provisional_arrest"},
    field="undertakings.reciprocity",
    cites_profile=True,
)
def reciprocity(body, ctx):
    """Without a treaty, the requested State acts, if at all, under its own law on the basis of reciprocity, which it usually expects the requesting State to undertake."""
    treaties = [b for b in body.legal_bases if b.strip().upper() != RECIPROCITY]
    if not treaties and not body.undertakings.reciprocity:
        return _(
            "No treaty is chosen as the legal basis, so %(state)s can act only under its own "
            "law. Undertake to grant reciprocity in similar cases (tick the undertaking), or "
            "choose the treaty that binds both States."
        ) % {"state": ctx.state}
    return None


@rule(
    id="mla.transfer_consent",
    severity="error",
    citation="UNTOC 18(10)(a) | UNCAC 46(10)(a)",
    kinds={"mla"},
    supersedes=("mla.measure_fields",),
)
def transfer_consent(body, ctx):
    """A detained person may be transferred to give evidence only with their free and informed consent."""
    for i, m in enumerate(body.measures):
        if m.type == TRANSFER and not filled(measure_value(m, "consent")):
            yield Finding(
                _(
                    "State that the detained person freely gives informed consent to the "
                    "transfer, and how and when it was or will be obtained."
                ),
                field=f"measures.{i}.consent",
            )


@rule(
    id="mla.refusal_grounds",
    severity="advice",
    citation="UNTOC 18(21) | UNCAC 46(21)",
    kinds=MLA_LIKE,
)
def refusal_grounds(body, ctx):
    """Assistance may be refused if the request does not comply with article 18, harms sovereignty, security, ordre public or other essential interests, asks for what the requested State's law would forbid for a similar domestic offence, or is contrary to its legal system; a request for coercive measures should give the facts that pre-empt these grounds."""
    if not any(MEASURES[m.type].coercive for m in body.measures if m.type in MEASURES):
        return
    for i, o in enumerate(body.offences):
        if not filled(o.max_penalty) and o.max_penalty_years is None:
            yield Finding(
                _(
                    "Coercive measures may be refused when the requested State's law would not "
                    "allow them for a similar offence of its own, or when they would harm its "
                    "sovereignty, security, ordre public or legal system. Give the maximum "
                    "penalty for this offence, so that it can see that the measures are allowed "
                    "for an offence of this gravity."
                ),
                field=f"offences.{i}.max_penalty",
            )
