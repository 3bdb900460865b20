"""Names of States: matching participant names to ISO codes, and CLDR names in the UI languages.

Treaty collections spell States their own way ("Bolivia (Plurinational State of)", "Republic of
Korea"). Fuzzy matching gets some of these wrong (pycountry's `search_fuzzy("Republic of Korea")`
answers PRK), so matching here is exact: an explicit table in `data/countries_un_names.csv`, then
pycountry's own name, official name and common name. An unknown name resolves to None, never to a guess.
"""

import csv
import re
from functools import cache
from pathlib import Path

import pycountry
from babel import Locale
from babel.languages import get_official_languages
from django.conf import settings

from comity.core import languages

# Codes outside ISO 3166-1 that treaties need. CLDR knows both territories (EU, XK).
EXTRA_PARTICIPANTS = {
    "EUU": {"iso2": "EU", "numeric": "", "kind": "organization"},
    "XKX": {"iso2": "XK", "numeric": "", "kind": "state"},
}

# CLDR lists no official languages for the EU. These are the 24 languages of Council Regulation
# No 1 of 1958 as amended by the accession treaties (most recently Croatia, 2013).
_EU_LANGUAGES = (
    "bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr",
    "hu", "it", "lt", "lv", "mt", "nl", "pl", "pt", "ro", "sk", "sl", "sv",
)  # fmt: skip

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})
_FOOTNOTE = re.compile(r"(?<=\D)\s*\d+$")
_SPACES = re.compile(r"\s+")


def data_dir() -> Path:
    """Folder of the shipped reference CSVs (`data/` at the repository root unless configured)."""
    configured = getattr(settings, "COMITY_DATA_DIR", None)
    return Path(configured) if configured else Path(settings.BASE_DIR) / "data"


def clean_name(name: str) -> str:
    """A participant name as printed, without footnote markers and with plain apostrophes.

    UN Treaty Collection tables append footnote numbers to names ("Netherlands2"); they are not part
    of the name.
    """
    text = _SPACES.sub(" ", (name or "").translate(_APOSTROPHES)).strip()
    return _FOOTNOTE.sub("", text).strip()


def _key(name: str) -> str:
    return clean_name(name).casefold()


@cache
def explicit_names() -> dict[str, str]:
    """The explicit table: normalised name -> alpha-3 code."""
    with (data_dir() / "countries_un_names.csv").open(encoding="utf-8", newline="") as handle:
        return {_key(row["name"]): row["iso3"].strip().upper() for row in csv.DictReader(handle)}


@cache
def _pycountry_names() -> dict[str, str]:
    known: dict[str, str] = {}
    for entry in pycountry.countries:
        for attribute in ("name", "official_name", "common_name"):
            value = getattr(entry, attribute, None)
            if value:
                known.setdefault(_key(value), entry.alpha_3)
    return known


def resolve_state(name: str) -> str | None:
    """The alpha-3 code for a participant name as written in a treaty source, or None if unknown.

    Exact matching only (case, apostrophe style and trailing footnote digits aside). The explicit
    table wins over pycountry, so "Republic of Korea" is KOR and "Kosovo" is XKX.
    """
    key = _key(name)
    if not key:
        return None
    return explicit_names().get(key) or _pycountry_names().get(key)


@cache
def _locale(language: str) -> Locale:
    return Locale.parse(languages.cldr_locale(language))


def country_names(iso2: str) -> dict[str, str]:
    """CLDR names of a territory (alpha-2 or CLDR code such as EU, XK) in every UI language."""
    code = iso2.upper()
    names = {}
    for language in languages.CODES:
        name = _locale(language).territories.get(code)
        if name:
            names[language] = name
    return names


@cache
def _iso639_1(code: str) -> str:
    """'sr_Latn' -> 'sr'; a three-letter code with a two-letter equivalent becomes that code."""
    base = code.split("_")[0].lower()
    if len(base) == 2:
        return base
    language = pycountry.languages.get(alpha_3=base)
    return getattr(language, "alpha_2", None) or base


def official_languages(iso2: str) -> list[str]:
    """Official and de facto official languages per CLDR, as ISO 639-1 codes where one exists.

    Languages with no two-letter code (e.g. Filipino, 'fil') keep their three-letter code rather than
    being dropped.
    """
    code = iso2.upper()
    if code == "EU":
        return list(_EU_LANGUAGES)
    seen: list[str] = []
    for raw in get_official_languages(code, de_facto=True):
        language = _iso639_1(raw)
        if language not in seen:
            seen.append(language)
    return seen
