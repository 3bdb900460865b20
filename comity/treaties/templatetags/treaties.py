from django import template
from django.utils.translation import gettext_lazy as _

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


# What the answer means for one State's own standing towards an instrument (its page).
PARTY_LABELS = {
    Applies.YES: _("Party, in force"),
    Applies.CONDITIONAL: _("Party (date not recorded)"),
    Applies.UNKNOWN: _("Unknown"),
    Applies.NO: _("Not bound"),
}


@register.filter
def party_label(value: str) -> str:
    return PARTY_LABELS.get(value, PARTY_LABELS[Applies.UNKNOWN])


@register.filter
def applies_class(value: str) -> str:
    return BADGE_CLASSES.get(value, "")


@register.filter
def treaty_label(code: str, vocabulary: str) -> str:
    choices = LABELS[vocabulary]
    return choices(code).label if code in choices.values else code
