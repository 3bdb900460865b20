"""The seven languages of comity: the six official languages of the United Nations and Ukrainian.

One definition for the interface (Django's language codes), the names of authorities and States
(CLDR locales) and the generated documents (ISO 639-1 codes).
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Language:
    code: str  # ISO 639-1, as in the API and the documents
    django: str  # Django's language code (LANGUAGES, the language menu, URLs)
    cldr: str  # the Babel/CLDR locale for names of States and languages
    native: str  # the language's name in itself, for the language menu
    name: Promise  # the language's name in the interface language
    rtl: bool = False


LANGUAGES: tuple[Language, ...] = (
    Language("ar", "ar", "ar", "العربية", _("Arabic"), rtl=True),
    Language("zh", "zh-hans", "zh_Hans", "中文", _("Chinese")),
    Language("en", "en", "en", "English", _("English")),
    Language("fr", "fr", "fr", "Français", _("French")),
    Language("ru", "ru", "ru", "Русский", _("Russian")),
    Language("es", "es", "es", "Español", _("Spanish")),
    Language("uk", "uk", "uk", "Українська", _("Ukrainian")),
)

CODES: tuple[str, ...] = tuple(language.code for language in LANGUAGES)
RTL_CODES = frozenset(language.code for language in LANGUAGES if language.rtl)
_BY_CODE = {language.code: language for language in LANGUAGES}


def by_code(code: str) -> Language | None:
    return _BY_CODE.get(iso_code(code))


def writing_language(authority) -> str:
    """The interface language to write to the people of `authority` in: the first of its
    working languages that comity speaks, else the installation's default."""
    from django.conf import settings

    for code in getattr(authority, "languages", None) or []:
        found = by_code(code)
        if found is not None:
            return found.django
    return settings.LANGUAGE_CODE


def iso_code(language: str | None) -> str:
    """'zh-hans', 'zh_Hans', 'AR', 'en-gb' -> 'zh', 'zh', 'ar', 'en' (the ISO 639-1 part)."""
    return (language or "").replace("_", "-").split("-")[0].lower()


def supported(language: str | None, *, default: str = "en") -> str:
    """The ISO code of `language` when comity speaks it, else `default`."""
    code = iso_code(language)
    return code if code in _BY_CODE else default


def django_languages() -> list[tuple[str, Promise]]:
    """settings.LANGUAGES: (Django code, translated name) for every language."""
    return [(language.django, language.name) for language in LANGUAGES]


def cldr_locale(code: str) -> str:
    language = by_code(code)
    return language.cldr if language else iso_code(code) or "en"
