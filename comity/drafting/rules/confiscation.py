"""Confiscation requests: what UNTOC 13(3) and UNCAC 55(3) add to the contents of article 18(15).

UNCAC 55(3)(b) asks more of a request to enforce a confiscation order than UNTOC 13(3)(b): a
statement of the measures taken to notify bona fide third parties and to ensure due process, and a
statement that the order is final. Those checks apply when UNCAC is a chosen legal basis.
"""

from django.utils.translation import gettext as _

from comity.drafting.measures import MEASURES
from comity.drafting.rules.engine import Finding, filled, measure_value, rule

KINDS = {"confiscation"}
ENFORCEMENT = "confiscation_order_enforcement"
FREEZING_OR_TRACING = {"freezing", "identify_trace_proceeds"}
# Words that name a court order in an annex title, in the interface languages.
ORDER_WORDS = (
    "order",
    "judgment",
    "judgement",
    "decision",
    "ordonnance",
    "décision",
    "jugement",
    "orden",
    "resolución",
    "sentencia",
    "beschluss",
    "urteil",
    "anordnung",
    "постанова",
    "ухвала",
    "рішення",
    "вирок",
    "постановление",
    "решение",
    "приговор",
    "определение",
    "أمر",
    "حكم",
    "裁定",
    "判决",
    "命令",
)


@rule(
    id="confiscation.property_description",
    severity="error",
    citation="UNTOC 13(3)(a) | UNCAC 55(3)(a)",
    kinds=KINDS,
    field="property.description",
)
def property_description(body, ctx):
    """A request for confiscation must describe the property to be confiscated."""
    types = {m.type for m in body.measures}
    if types and types <= {"identify_trace_proceeds"}:
        return None  # tracing is how the property gets found
    if not filled(body.property.description):
        return _(
            "Describe the property to be confiscated: what it is, where it is and, if known, its "
            "estimated value and who holds it."
        )


@rule(
    id="confiscation.order_copy",
    severity="error",
    citation="UNTOC 13(3)(b) | UNCAC 55(3)(b)",
    kinds=KINDS,
    field="annexes",
)
def order_copy(body, ctx):
    """A request to enforce a confiscation order must include a legally admissible copy of the order."""
    if not any(m.type == ENFORCEMENT for m in body.measures):
        return None
    if body.warrant.kind == "confiscation_order" and filled(body.warrant.reference):
        return None
    if any(a.kind == "confiscation_order" for a in body.annexes):
        return None
    titles = " ".join(a.title.lower() for a in body.annexes)
    if any(word in titles for word in ORDER_WORDS):
        return None
    return _(
        "Attach a legally admissible (certified) copy of the confiscation order and list it "
        "among the annexes, or identify the order under warrant or judgment."
    )


@rule(
    id="confiscation.extent",
    severity="error",
    citation="UNTOC 13(3)(b) | UNCAC 55(3)(b)",
    kinds=KINDS,
    supersedes=("mla.measure_fields",),
)
def extent(body, ctx):
    """A request to enforce a confiscation order must state to what extent execution is requested."""
    for i, m in enumerate(body.measures):
        if m.type == ENFORCEMENT and not filled(measure_value(m, "extent")):
            yield Finding(
                _(
                    "Say to what extent the order is to be executed (the whole order, or which property up to what amount)."
                ),
                field=f"measures.{i}.extent",
            )


@rule(
    id="confiscation.actions",
    severity="error",
    citation="UNTOC 13(3)(c) | UNCAC 55(3)(c)",
    kinds=KINDS,
    supersedes=("mla.measure_fields",),
)
def actions(body, ctx):
    """A request to trace or freeze property must describe the actions requested and the property they concern."""
    for i, m in enumerate(body.measures):
        if m.type in FREEZING_OR_TRACING and not filled(measure_value(m, "property")):
            yield Finding(
                _("%(measure)s: say which property is to be traced or frozen, and where it is.")
                % {"measure": MEASURES[m.type].label},
                field=f"measures.{i}.property",
            )


def _enforcement(body, ctx):
    """The measures enforcing a confiscation order, when UNCAC is a chosen legal basis."""
    if "UNCAC" not in ctx.legal_bases:
        return []
    return [(i, m) for i, m in enumerate(body.measures) if m.type == ENFORCEMENT]


@rule(
    id="confiscation.third_parties_due_process",
    severity="error",
    citation="UNCAC 55(3)(b)",
    kinds=KINDS,
)
def third_parties_due_process(body, ctx):
    """A request under UNCAC to enforce a confiscation order must state the measures taken to notify bona fide third parties and to ensure due process."""
    for i, m in _enforcement(body, ctx):
        if not filled(measure_value(m, "third_parties")):
            yield Finding(
                _(
                    "Say how bona fide third parties with an interest in the property were "
                    "notified of the confiscation proceedings and could assert their rights (or "
                    "that none are known)."
                ),
                field=f"measures.{i}.third_parties",
            )
        if not filled(measure_value(m, "due_process")):
            yield Finding(
                _(
                    "Say how due process was ensured: how the person concerned was notified, was "
                    "heard and could challenge the order."
                ),
                field=f"measures.{i}.due_process",
            )


@rule(
    id="confiscation.order_final",
    severity="error",
    citation="UNCAC 55(3)(b)",
    kinds=KINDS,
)
def order_final(body, ctx):
    """A request under UNCAC to enforce a confiscation order must state that the order is final."""
    for i, m in _enforcement(body, ctx):
        if not filled(measure_value(m, "final")):
            yield Finding(
                _(
                    "State that the confiscation order is final (no longer open to ordinary "
                    "appeal) and since when."
                ),
                field=f"measures.{i}.final",
            )
