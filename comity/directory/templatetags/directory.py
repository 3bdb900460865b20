import uuid
from datetime import timedelta
from functools import cache, lru_cache
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
    verified = authority.verified_on
    if stale_before is None:
        stale = authority.is_stale
    else:
        stale = verified is None or verified < stale_before
    return mark_safe(_badges_html(bool(authority.is_example), verified is not None, stale))


def _badges_html(is_example: bool, verified: bool, stale: bool) -> str:
    """The badges for these facts, in the active language."""
    out = []
    if is_example:
        out.append(f'<span class="badge badge-example">{escape(_("Example data"))}</span>')
    if stale:
        title = escape(_("Not verified against its source for over a year"))
        text = _("Not verified for over a year") if verified else _("Never verified")
        out.append(f'<span class="badge badge-warn" title="{title}">{escape(text)}</span>')
    return "".join(out)


_SOME_ID = uuid.UUID(int=0)


class _Labels:
    """What result_items writes of codes in one language, escaped: built once per language."""

    def __init__(self):
        self.competence = {
            code: f'<span class="badge">{escape(text)}</span>'
            for code, text in _LABEL_OF["competence"].items()
        }
        self.kind = {code: escape(text) for code, text in _LABEL_OF["kind"].items()}
        self.languages_label = escape(_("Languages accepted:"))
        facts = (False, True)
        self.badges = {
            (example, verified, stale): _badges_html(example, verified, stale)
            for example in facts
            for verified in facts
            for stale in facts
        }


@lru_cache(maxsize=16)
def _labels(language: str) -> _Labels:
    return _Labels()


@register.simple_tag
def result_items(entries):
    """The <li> of each entry (finder.Listed) of a directory search page. Written in Python, not
    a template loop: a page of 25 entries is about 400 small template nodes, most of its time.
    Labels and badges are escaped once per language; States, instruments and language names once
    per page."""
    language = get_language() or "en"
    lang = language.split("-")[0]
    labels = _labels(language)
    countries = dict(country_choices(lang))
    stale_before = timezone.localdate() - timedelta(days=settings.COMITY_STALE_AFTER_DAYS)
    detail = reverse("directory:authority_detail", args=[_SOME_ID])
    some_id = str(_SOME_ID)
    places: dict = {}
    instruments: dict = {}
    language_names: dict = {}
    competences = labels.competence
    items = []
    for a in entries:
        badges_html = [
            competences.get(c) or f'<span class="badge">{escape(c)}</span>' for c in a.competences
        ]
        for i in a.instruments:
            found = instruments.get(i)
            if found is None:
                found = instruments[i] = f'<span class="badge">{escape(i)}</span>'
            badges_html.append(found)
        place = places.get((a.country_id, a.kind))
        if place is None:
            place = places[(a.country_id, a.kind)] = (
                f"{escape(countries.get(a.country_id, a.country_id))} · "
                f"{labels.kind.get(a.kind) or escape(a.kind)}"
            )
        names = []
        for code in a.languages:
            found = language_names.get(code)
            if found is None:
                found = language_names[code] = escape(language_name(code))
            names.append(found)
        verified = a.verified_on
        badge = labels.badges[
            (bool(a.is_example), verified is not None, verified is None or verified < stale_before)
        ]
        href = detail.replace(some_id, str(a.id))
        items.append(
            "<li>\n"
            f'        <h3><a href="{href}">{escape(a.display_name(lang))}</a></h3>\n'
            f'        <p class="muted">{place}</p>\n'
            f"        <p>{''.join(badges_html)}</p>\n"
            + (
                f"        <p>{labels.languages_label} {', '.join(names)}</p>\n"
                if a.languages
                else ""
            )
            + f"        <p>{badge}</p>\n"
            "      </li>"
        )
    return mark_safe("\n      ".join(items))
