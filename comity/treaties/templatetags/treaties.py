from django import template

from comity.treaties.vocabulary import Applies, ConsentType, DualCriminality, RequestKind, Ternary

register = template.Library()

BADGE_CLASSES = {
    Applies.YES: "badge-ok",
    Applies.CONDITIONAL: "badge-warn",
    Applies.UNKNOWN: "",
    Applies.NO: "badge-no",
}
LABELS = {
    "consent": ConsentType,
    "ternary": Ternary,
    "dual_criminality": DualCriminality,
    "kind": RequestKind,
}


@register.filter
def applies_label(value: str) -> str:
    return Applies(value).label if value in Applies.values else value


@register.filter
def applies_class(value: str) -> str:
    return BADGE_CLASSES.get(value, "")


@register.filter
def treaty_label(code: str, vocabulary: str) -> str:
    choices = LABELS[vocabulary]
    return choices(code).label if code in choices.values else code
