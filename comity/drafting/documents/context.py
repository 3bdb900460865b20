"""What the renderers need from the database: States' names and instruments' titles by code."""

from collections.abc import Mapping
from typing import Any

from comity.drafting.documents.model import Names, _items, _text


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
