from django import template
from django.utils.translation import gettext_lazy as _

from comity.treaties.vocabulary import ConsentType, DualCriminality, RequestKind, Ternary

register = template.Library()

APPLIES = {
    "yes": (_("Applies"), "badge-ok"),
    "conditional": (_("Applies if the conditions are met"), "badge-warn"),
    "unknown": (_("Unknown"), ""),
    "no": (_("Does not apply"), "badge-no"),
}
LABELS = {
    "consent": ConsentType,
    "ternary": Ternary,
    "dual_criminality": DualCriminality,
    "kind": RequestKind,
}


@register.filter
def applies_label(value: str) -> str:
    return APPLIES.get(value, (value, ""))[0]


@register.filter
def applies_class(value: str) -> str:
    return APPLIES.get(value, ("", ""))[1]


@register.filter
def treaty_label(code: str, vocabulary: str) -> str:
    choices = LABELS[vocabulary]
    return choices(code).label if code in choices.values else code
