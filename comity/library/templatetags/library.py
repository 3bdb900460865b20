"""Labels and links of the library's pages."""

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from comity.geo.selectors import country_choices
from comity.library import selectors
from comity.library.vocabulary import CooperationForm, CrimeType, CrossCutting

register = template.Library()

FACET_TITLES = {
    "type": _("Type"),
    "country": _("State"),
    "crime": _("Crime type"),
    "cooperation": _("Form of cooperation"),
    "instrument": _("Instrument"),
    "year": _("Year"),
    "language": _("Language"),
}
VOCABULARIES = {"crime": CrimeType, "cooperation": CooperationForm, "cross_cutting": CrossCutting}


@register.simple_tag
def facet_title(name: str) -> str:
    return str(FACET_TITLES.get(name, name))


@register.simple_tag
def country_label(code: str) -> str:
    return dict(country_choices()).get(code, code)


@register.simple_tag
def language_label(code: str) -> str:
    return selectors.language_label(code)


@register.simple_tag
def vocabulary_label(vocabulary: str, value: str) -> str:
    try:
        return str(VOCABULARIES[vocabulary](value).label)
    except (KeyError, ValueError):
        return value


@register.simple_tag
def document_meta(document) -> str:
    """Type · State · date · citation, in one line."""
    parts = [str(document.get_type_display())]
    if document.country_id:
        parts.append(country_label(document.country_id))
    if document.court:
        parts.append(document.court)
    if document.date:
        parts.append(document.date.isoformat())
    elif document.year:
        parts.append(str(document.year))
    citation = document.citation or document.ecli or document.case_number
    if citation:
        parts.append(citation)
    if document.publisher:
        parts.append(document.publisher)
    return " · ".join(parts)


@register.simple_tag
def instrument_link(code: str) -> str:
    try:
        url = reverse("treaties:instrument_detail", args=[code])
    except NoReverseMatch:
        return code
    return format_html('<a href="{}">{}</a>', url, code)


@register.simple_tag
def provision_link(provision: str) -> str:
    """'UNTOC 18' linked to the instrument, and to the library's other laws implementing it."""
    code = provision.split(" ")[0]
    search = reverse("library:search") + "?instrument=" + code
    return format_html('{} (<a href="{}">{}</a>)', instrument_link(code), search, provision)
