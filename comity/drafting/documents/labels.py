"""The generated document's own words, one data file per language (documents/wording/xx.toml).

Kept apart from the UI's gettext catalogues on purpose: a request goes to a foreign authority, so
its headings and standard sentences follow the wording of the official language versions of UNTOC,
UNCAC and the Budapest Convention (entraide judiciaire, asistencia judicial recíproca, взаимная
правовая помощь, المساعدة القانونية المتبادلة, 司法协助, взаємна правова допомога), not whatever a
UI string happens to say. A document may be written in more languages than the interface speaks:
the languages in which requested States receive requests. Each file names its language, its
writing direction and who reviewed it; a translator reviews one file without reading code.

Every key of en.toml exists in every file (tests check it); `labels()` still falls back to English
for a key missing in one language. Placeholders are `{name}` for str.format.
"""

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from comity.core import languages
from comity.drafting.measures import MEASURES

WORDING = Path(__file__).with_name("wording")


@dataclass(frozen=True)
class DocumentLanguage:
    code: str  # ISO 639-1
    name: str  # the language's name in itself
    rtl: bool
    reviewed_by: str  # empty until a qualified translator has reviewed the file
    reviewed_on: str


def _read(path: Path) -> tuple[DocumentLanguage, dict[str, str]]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    meta = data["language"]
    if meta["code"] != path.stem:
        raise ValueError(f"{path.name} says it is {meta['code']!r}.")
    language = DocumentLanguage(
        code=meta["code"],
        name=meta["name"],
        rtl=meta.get("direction") == "rtl",
        reviewed_by=meta.get("reviewed_by", ""),
        reviewed_on=str(meta.get("reviewed_on", "")),
    )
    return language, data["words"]


@cache
def _wording() -> tuple[dict[str, DocumentLanguage], dict[str, dict[str, str]]]:
    found, words = {}, {}
    for path in sorted(WORDING.glob("*.toml")):
        language, table = _read(path)
        found[language.code], words[language.code] = language, table
    return found, words


@cache
def document_languages() -> dict[str, DocumentLanguage]:
    """Every language a document can be written in, by code: the seven of the interface first,
    then the others in the order of their names."""
    found = _wording()[0]
    first = [found[code] for code in languages.CODES if code in found]
    rest = sorted(
        (lang for lang in found.values() if lang.code not in languages.CODES),
        key=lambda lang: lang.name,
    )
    return {lang.code: lang for lang in first + rest}


def wording_table() -> dict[str, dict[str, str]]:
    """key -> {language: words}, for the tests and reviewers."""
    words = _wording()[1]
    return {key: {code: t.get(key, "") for code, t in words.items()} for key in words["en"]}


def normalize_language(language: str | None) -> str:
    """'zh-hans', 'de_DE', 'AR' -> the document language code; unknown -> 'en'."""
    code = languages.iso_code(language)
    return code if code in _wording()[0] else "en"


@cache
def labels(lang: str) -> dict[str, str]:
    """Every key in `lang`, falling back to English where a language lacks one."""
    words = _wording()[1]
    own = words[normalize_language(lang)]
    return {key: own.get(key) or english for key, english in words["en"].items()}


def measure_field_keys() -> list[str]:
    """The keys every measure type and each of its fields needs (used by the tests)."""
    keys = []
    for code, measure in MEASURES.items():
        keys.append(f"measure.{code}")
        keys.extend(f"measure.{code}.{field.name}" for field in measure.fields)
    return keys


def is_rtl(lang: str) -> bool:
    return document_languages()[normalize_language(lang)].rtl
