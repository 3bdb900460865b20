"""Confidentiality and limits on use: UNTOC 18(19)–(20), UNCAC 46(19)–(20), CETS-185 28."""

from django.utils.translation import gettext as _

from comity.drafting.rules.engine import filled, measure_types, rule

KINDS = {"mla", "confiscation"}
# Measures that obtain evidence or information, whose use 18(19) limits. Service of documents,
# appearance, freezing and enforcement hand nothing over.
EVIDENCE = {
    "testimony",
    "search_and_seizure",
    "examination_of_objects_or_sites",
    "information_and_evidence",
    "bank_records",
    "business_records",
    "identify_trace_proceeds",
    "video_hearing",
    "temporary_transfer_detained",
    "stored_data_disclosure",
    "traffic_data_realtime",
    "interception",
}


@rule(
    id="confidentiality.reason",
    severity="warning",
    citation="UNTOC 18(20) | UNCAC 46(20) | CETS-185 27(8)",
    kinds=KINDS,
    field="confidentiality.reason",
)
def reason(body, ctx):
    """A requesting State may ask that the fact and substance of the request be kept confidential."""
    if body.confidentiality.required and not filled(body.confidentiality.reason):
        return _(
            "Say why the request must stay confidential (for example, the suspects must not "
            "learn of the investigation), so the requested State can tell you if it cannot comply."
        )


@rule(
    id="confidentiality.use_limits",
    severity="advice",
    citation="UNTOC 18(19) | UNCAC 46(19) | CETS-185 28(2)(b)",
    kinds=KINDS,
    field="use_limits.text",
)
def use_limits(body, ctx):
    """Evidence obtained may be used only for the proceedings stated in the request without the requested State's consent."""
    if measure_types(body) & EVIDENCE and not (
        body.use_limits.stated and filled(body.use_limits.text)
    ):
        return _(
            "State the use that will be made of the evidence (the proceedings named in the "
            "request), and undertake to ask before using it for anything else."
        )
