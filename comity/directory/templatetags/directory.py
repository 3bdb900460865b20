from functools import cache

from babel import Locale, UnknownLocaleError
from django import template
from django.utils.translation import get_language

from comity.core import languages
from comity.directory.vocabulary import (
    AuthorityKind,
    Channel,
    Competence,
    FocalPointRole,
    Formality,
)

register = template.Library()

_LABELS = {
    "competence": Competence,
    "channel": Channel,
    "kind": AuthorityKind,
    "formality": Formality,
    "role": FocalPointRole,
}


@register.filter
def label(code: str, vocabulary: str) -> str:
    """{{ "mla"|label:"competence" }} -> the translated label of a code."""
    choices = _LABELS[vocabulary]
    return choices(code).label if code in choices.values else code


@cache
def _locale(lang: str) -> Locale:
    try:
        return Locale.parse(languages.cldr_locale(lang))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


@register.filter
def language_name(code: str) -> str:
    """An ISO 639-1 code's name in the user's language (CLDR)."""
    lang = (get_language() or "en").split("-")[0]
    return _locale(lang).languages.get(code) or code


@register.simple_tag
def localized(obj, attribute="display_name"):
    return getattr(obj, attribute)((get_language() or "en").split("-")[0])


@register.filter
def get_item(mapping: dict, key):
    return mapping.get(key, [])
