import uuid
from datetime import timedelta
from functools import cache
from html import escape as _escape

from babel import Locale, UnknownLocaleError
from django import template
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from comity.core import languages
from comity.core.forms import FixedChoices, fixed, option_tags
from comity.directory.vocabulary import (
    AuthorityKind,
    Channel,
    Competence,
    FocalPointRole,
    Formality,
)
from comity.geo.selectors import country_choices

register = template.Library()


def escape(value) -> str:
    """django.utils.html.escape (the same characters), without its lazy-string wrapper: the tags
    below escape a few hundred values a page."""
    return _escape(str(value))


_LABELS = {
    "competence": Competence,
    "channel": Channel,
    "kind": AuthorityKind,
    "formality": Formality,
    "role": FocalPointRole,
}


_LABEL_OF = {name: dict(choices.choices) for name, choices in _LABELS.items()}


@register.filter
def label(code: str, vocabulary: str) -> str:
    """{{ "mla"|label:"competence" }} -> the translated label of a code."""
    return _LABEL_OF[vocabulary].get(code, code)


@cache
def _locale(lang: str) -> Locale:
    try:
        return Locale.parse(languages.cldr_locale(lang))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


@cache
def _language_names(lang: str) -> dict[str, str]:
    return dict(_locale(lang).languages.items())


@register.filter
def language_name(code: str) -> str:
    """An ISO 639-1 code's name in the user's language (CLDR)."""
    lang = (get_language() or "en").split("-")[0]
    return _language_names(lang).get(code) or code


@register.simple_tag
def localized(obj, attribute="display_name"):
    return getattr(obj, attribute)((get_language() or "en").split("-")[0])


@register.filter
def get_item(mapping: dict, key):
    return mapping.get(key, [])


@register.simple_tag
def options(choices, selected):
    """<option> elements for (value, label) pairs, `selected` marked: {% options countries c %}.
    Written in one pass rather than a template loop: the States alone are 250 options a page.
    Pass FixedChoices (core.forms.fixed) so that a list is escaped once per process."""
    if not isinstance(choices, FixedChoices):
        choices = fixed(choices)
    return mark_safe(option_tags(choices.escaped(), {str(selected)}))


@register.simple_tag
def badges(authority, stale_before=None):
    """The "example data" and "not verified" badges of an entry (stale: Authority.is_stale, or
    as of `stale_before` when given)."""
    out = []
    if authority.is_example:
        out.append(f'<span class="badge badge-example">{escape(_("Example data"))}</span>')
    if stale_before is None:
        stale = authority.is_stale
    else:
        stale = authority.verified_on is None or authority.verified_on < stale_before
    if stale:
        title = escape(_("Not verified against its source for over a year"))
        text = _("Not verified for over a year") if authority.verified_on else _("Never verified")
        out.append(f'<span class="badge badge-warn" title="{title}">{escape(text)}</span>')
    return mark_safe("".join(out))


_SOME_ID = uuid.UUID(int=0)


def _badge_key(entry, stale_before) -> tuple:
    """What an entry's badges depend on."""
    verified = entry.verified_on
    return (
        "b",
        entry.is_example,
        verified is None,
        verified is not None and verified < stale_before,
    )


@register.simple_tag
def result_items(entries):
    """The <li> of each entry (finder.Listed) of a directory search page. Written in Python, not
    a template loop: a page of 25 entries is about 400 small template nodes, most of its time.
    Each label, badge and name is written once per page and reused."""
    lang = (get_language() or "en").split("-")[0]
    countries = dict(country_choices(lang))
    stale_before = timezone.localdate() - timedelta(days=settings.COMITY_STALE_AFTER_DAYS)
    detail = reverse("directory:authority_detail", args=[_SOME_ID])
    languages_label = escape(_("Languages accepted:"))
    written: dict = {}

    def once(key, make):
        found = written.get(key)
        if found is None:
            found = written[key] = make()
        return found

    items = []
    for a in entries:
        tags = "".join(
            [
                *(
                    once(
                        ("c", c),
                        lambda c=c: f'<span class="badge">{escape(label(c, "competence"))}</span>',
                    )
                    for c in a.competences
                ),
                *(
                    once(("i", i), lambda i=i: f'<span class="badge">{escape(i)}</span>')
                    for i in a.instruments
                ),
            ]
        )
        accepted = ", ".join(
            once(("l", code), lambda code=code: escape(language_name(code))) for code in a.languages
        )
        place = once(
            ("p", a.country_id, a.kind),
            lambda a=a: (
                f"{escape(countries.get(a.country_id, a.country_id))} · "
                f"{escape(label(a.kind, 'kind'))}"
            ),
        )
        href = detail.replace(str(_SOME_ID), str(a.id))
        items.append(
            "<li>\n"
            f'        <h3><a href="{href}">{escape(a.display_name(lang))}</a></h3>\n'
            f'        <p class="muted">{place}</p>\n'
            f"        <p>{tags}</p>\n"
            + (f"        <p>{languages_label} {accepted}</p>\n" if a.languages else "")
            + f"        <p>{once(_badge_key(a, stale_before), lambda a=a: badges(a, stale_before))}</p>\n"
            "      </li>"
        )
    return mark_safe("\n      ".join(items))
