"""What the renderers need from the database: States' names and instruments' titles by code."""

import datetime
from collections.abc import Iterator, Mapping
from typing import Any

from comity.drafting.documents.model import (
    CoverLetter,
    Document,
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


def resolve_names(body: Mapping[str, Any]) -> Names:
    """Country names (CLDR, by language) and instrument titles for the codes the body uses."""
    from comity.geo.models import Country
    from comity.treaties.models import Instrument

    states = {
        c.iso3: {"en": c.name, **(c.names or {})}
        for c in Country.objects.filter(iso3__in=state_codes(body))
    }
    bases = [_text(code) for code in body.get("legal_bases") or [] if _text(code)]
    instruments = {
        i.code: {"en": i.title, **(i.titles or {})}
        for i in Instrument.objects.filter(code__in=bases)
    }
    return Names(states=states, instruments=instruments)


def names_for(body, names=None):
    """The names given, or those of the body's States and instruments read from the database."""
    return names if names is not None else resolve_names(body)


def document_parts(
    body: Mapping[str, Any],
    *,
    language: str,
    bilingual: str | None = None,
    with_cover_letter: bool = False,
    requesting_authority=None,
    central_authority=None,
    names: Names | None = None,
    today: datetime.date | None = None,
) -> Iterator[tuple[Document, CoverLetter | None]]:
    """The parts of a document, in order: the request in `language`, then in `bilingual` (each
    after its cover letter when `with_cover_letter`). Both renderers print these parts.

    `names` (States' and instruments' names) is read from the database when not given.
    """
    names = names_for(body, names)
    people = {
        "requesting_authority": requesting_authority,
        "central_authority": central_authority,
        "names": names,
        "today": today,
    }
    for lang in [language] + ([bilingual] if bilingual and bilingual != language else []):
        letter = build_cover_letter(body, lang, **people) if with_cover_letter else None
        yield build_document(body, lang, **people), letter
