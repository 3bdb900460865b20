from django import template
from django.template.defaultfilters import date as date_filter
from django.utils.html import conditional_escape as esc
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from comity.treaties.sources import standing
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


# --- Sources and answers, written in Python: a legal-basis answer has dozens of them ---------------
def _source(source: str, as_of) -> str:
    source = str(source or "")
    if source[:4] == "http":
        link = Truncator(source).chars(80)
        shown = f'<a href="{esc(source)}" rel="noopener noreferrer">{esc(link)}</a>'
    else:
        shown = esc(source)
    when = date_filter(as_of, "Y-m-d") if as_of else gettext("date not stated by the source")
    weight = standing(source)
    secondary = ""
    if weight is not None and weight.secondary:
        label = gettext("secondary source")
        secondary = (
            f' <span class="badge badge-warn">{esc(label)}</span> '
            f'<span class="muted">{esc(weight.publisher)}{": " if weight.publisher else ""}'
            f"{esc(weight.why)}</span>"
        )
    return (
        f'<span class="cite">{esc(gettext("Source:"))} {shown} · '
        f"{esc(gettext('as of'))} {esc(when)}{secondary}</span>"
    )


@register.simple_tag
def source(source: str, as_of=None) -> str:
    """Where a fact comes from and as of when ("date not stated by the source" when it is not)."""
    return mark_safe(_source(source, as_of))


def _basis_card(basis) -> str:
    title = esc(basis.title)
    if basis.link:
        title = f'<a href="{esc(basis.link)}" rel="noopener noreferrer">{title}</a>'
    parts = [
        f'<li class="card basis basis-{esc(basis.applies)}">\n  <h3>{title} '
        f'<span class="cite">{esc(basis.instrument)}</span> '
        f'<span class="badge {applies_class(basis.applies)}">{esc(applies_label(basis.applies))}'
        "</span></h3>\n"
    ]
    if basis.provisions:
        provisions = ", ".join(basis.provisions)
        parts.append(f"  <p>{esc(gettext('Provisions:'))} {esc(provisions)}</p>\n")
    reasons = "".join(
        f"<li>{esc(r.text)}<br>{_source(r.source, r.as_of)}</li>" for r in basis.reasons
    )
    parts.append(f'  <ul class="reasons">{reasons}</ul>\n')
    if basis.conditions:
        heading = esc(gettext("Conditions and points to respect"))
        conditions = "".join(
            f"<li>{esc(c.text)}"
            + (f' <span class="cite">({esc(c.provision)})</span>' if c.provision else "")
            + "</li>"
            for c in basis.conditions
        )
        parts.append(
            f'  <p><strong>{heading}</strong></p>\n  <ul class="conditions">{conditions}</ul>\n'
        )
    parts.append("</li>")
    return "".join(parts)


@register.simple_tag
def basis_cards(bases) -> str:
    """One card per instrument of a legal-basis answer: whether it applies, why, on what terms."""
    return mark_safe("".join(_basis_card(basis) for basis in bases))


@register.simple_tag
def declaration_text(declaration) -> str:
    """A declaration in the reader's language where its meaning is known (the notifications under
    UNTOC 16(5), 18(13), 18(14) and UNCAC 44(6), 46(13), 46(14)); other declarations as the data
    paraphrases them."""
    value = declaration.value or {}
    if declaration.meaning == "extradition_basis":
        text = {
            Ternary.YES: gettext("Takes the Convention as the legal basis for extradition."),
            Ternary.NO: gettext("Does not take the Convention as the legal basis for extradition."),
        }.get(
            value.get("takes_as_basis"),
            gettext(
                "Makes extradition conditional on a treaty, without saying whether it takes the "
                "Convention as the legal basis."
            ),
        )
        if value.get("qualifier"):
            text += " " + gettext("The notification adds: “%(qualifier)s”.") % {
                "qualifier": value["qualifier"]
            }
        return text
    if declaration.meaning == "central_authority" and value.get("authority"):
        return gettext("Central authority designated: %(authority)s.") % {
            "authority": value["authority"]
        }
    if declaration.meaning == "languages" and value.get("wording"):
        return gettext("Languages accepted for requests: %(languages)s.") % {
            "languages": value["wording"]
        }
    return declaration.text
