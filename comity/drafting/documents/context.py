"""What the renderers need from the database: States' names and instruments' titles by code."""

import datetime
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from typing import Any

from comity.drafting.documents.model import (
    CoverLetter,
    Document,
    House,
    Names,
    _items,
    _text,
    build_cover_letter,
    build_document,
)


def state_codes(body: Mapping[str, Any]) -> set[str]:
    codes = {_text(body.get("requesting_state")), _text(body.get("requested_state"))}
    codes |= {_text(p.get("nationality")) for p in _items(body, "persons")}
    return {c.upper() for c in codes if c}


def resolve_names(body: Mapping[str, Any], *, also: Iterable[str] = ()) -> Names:
    """Country names (CLDR, by language) and instrument titles for the codes the body uses, and
    for the States in `also` (the authorities' own States, named in the letterhead and the
    addressee block)."""
    from comity.geo.models import Country
    from comity.treaties.models import Instrument

    codes = state_codes(body) | {c.upper() for c in also if c}
    states = {
        c.iso3: {**_cldr_names(c.iso2), "en": c.name, **(c.names or {})}
        for c in Country.objects.filter(iso3__in=codes)
    }
    bases = [_text(code) for code in body.get("legal_bases") or [] if _text(code)]
    instruments = {
        i.code: {"en": i.title, **(i.titles or {})}
        for i in Instrument.objects.filter(code__in=bases)
    }
    return Names(states=states, instruments=instruments)


@cache
def _cldr_names(iso2: str) -> dict[str, str]:
    """A State's name in every document language from CLDR; the interface's seven languages are
    also stored with the State (geo), and those stored names win."""
    from babel import Locale

    from comity.drafting.documents.labels import document_languages

    found = {}
    for code in document_languages():
        name = Locale.parse(code).territories.get((iso2 or "").upper())
        if name:
            found[code] = name
    return found


def names_for(body, names=None, authorities=()):
    """The names given, or those of the body's and the authorities' States and of the body's
    instruments, read from the database."""
    if names is not None:
        return names
    return resolve_names(body, also=[getattr(a, "country_id", None) for a in authorities if a])


def document_parts(
    body: Mapping[str, Any],
    *,
    language: str,
    bilingual: str | None = None,
    with_cover_letter: bool = False,
    requesting_authority=None,
    requested_authority=None,
    names: Names | None = None,
    today: datetime.date | None = None,
    final: bool = False,
    house: House | None = None,
) -> Iterator[tuple[Document, CoverLetter | None]]:
    """The parts of a document, in order: the request in `language`, then in `bilingual` (each
    after its cover letter when `with_cover_letter`). Both renderers print these parts.

    `names` (States' and instruments' names) is read from the database when not given. A request
    that is not `final` is marked as a draft on every page. `house` is the requesting authority's
    house style (logo, letterhead lines, signatory), if it has one.
    """
    names = names_for(body, names, (requesting_authority, requested_authority))
    people = {
        "requesting_authority": requesting_authority,
        "requested_authority": requested_authority,
        "names": names,
        "today": today,
        "final": final,
        "house": house,
    }
    for lang in [language] + ([bilingual] if bilingual and bilingual != language else []):
        letter = build_cover_letter(body, lang, **people) if with_cover_letter else None
        yield build_document(body, lang, **people), letter
