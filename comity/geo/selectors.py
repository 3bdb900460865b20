"""Reads of the country table: lists for the API, choices for forms."""

import unicodedata

from django.db.models import QuerySet
from django.utils.translation import get_language

from comity.core import generations
from comity.geo.models import Country

# Countries are reference data of the treaty scope (comity.core.generations).
_derived = generations.Derived(generations.TREATIES)


def ui_language(language: str | None = None) -> str:
    """The two-letter UI language code ('zh-hans' -> 'zh') used as a key of `Country.names`."""
    return (language or get_language() or "en").split("-")[0].split("_")[0].lower()


def _fold(text: str) -> str:
    """Case- and accent-insensitive form of a name ('Côte d’Ivoire' -> "cote d'ivoire")."""
    decomposed = unicodedata.normalize("NFKD", text.replace("\u2019", "'"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def countries(*, q: str = "", kind: str = "") -> QuerySet[Country]:
    """Countries, optionally filtered by kind and by a name fragment in any UI language.

    `q` also matches the alpha-2 and alpha-3 codes exactly. Names live in a JSON column whose
    text form differs between SQLite and PostgreSQL (escaped or not), so the name match is done in
    Python over the ~250 rows and handed back as a queryset.
    """
    queryset = Country.objects.all()
    if kind:
        queryset = queryset.filter(kind=kind)
    needle = _fold(q.strip())
    if needle:
        matching = [
            iso3
            for iso3, iso2, name, names in queryset.values_list("iso3", "iso2", "name", "names")
            if needle in (iso3.casefold(), iso2.casefold())
            or any(needle in _fold(value) for value in [name, *names.values()])
        ]
        queryset = queryset.filter(iso3__in=matching)
    return queryset.order_by("name")


def country(iso3: str) -> Country | None:
    """One country by alpha-3 code, in any letter case."""
    return Country.objects.filter(iso3=iso3.strip().upper()).first()


def _sort_key(name: str) -> tuple[str, str]:
    return (_fold(name), name)


def localized_country_choices(
    language: str | None = None, *, kinds: tuple[str, ...] | None = None
) -> list[tuple[str, str]]:
    """(iso3, name in `language`) pairs for a form, in the alphabetical order of that language.

    The order ignores case and accents (so "Égypte" sorts with the E's in French), which is what a
    reader expects from a list of names; it is not full CLDR collation.
    """
    lang = ui_language(language)

    def build():
        queryset = Country.objects.all()
        if kinds:
            queryset = queryset.filter(kind__in=kinds)
        pairs = [(country.iso3, country.localized_name(lang)) for country in queryset]
        return sorted(pairs, key=lambda pair: _sort_key(pair[1]))

    return list(_derived.get(("localized", lang, kinds), build))


def known_codes() -> frozenset[str]:
    """Every alpha-3 code in the country table (one small query)."""
    return frozenset(Country.objects.values_list("iso3", flat=True))


def country_choices(language: str | None = None) -> tuple[tuple[str, str], ...]:
    """(alpha-3 code, name in the language) of every country, sorted by that name: for filters."""
    lang = ui_language(language)

    def build():
        rows = Country.objects.values_list("iso3", "name", "names")
        named = [(iso3, names.get(lang) or name) for iso3, name, names in rows]
        return tuple(sorted(named, key=lambda choice: choice[1].casefold()))

    return _derived.get(("choices", lang), build)


def forget() -> None:
    """Drop what this process derived from the countries (tests that roll back between them)."""
    _derived.forget()
