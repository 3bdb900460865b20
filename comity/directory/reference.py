"""Loading the directory's reference entries from data/: only what a cited source states.

- data/central_authorities.csv: central authorities designated under UNTOC art. 18(13), one row
  per authority, each with its source.
- data/untoc_declarations.csv: the 18(14) rows give the languages a State accepts; they are
  attached to that State's central authorities with their own source.
- data/networks.csv: the networks of practitioners (name, website, source); no members.
"""

import csv
from pathlib import Path

from django.conf import settings
from django.db import transaction

from comity.directory import services
from comity.directory.models import Authority

DATA_DIR = Path(settings.BASE_DIR) / "data"


def _read(name: str) -> list[dict]:
    with open(DATA_DIR / name, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _languages_by_state() -> dict[str, tuple[list[str], str, str]]:
    """ISO 639-1 codes per State from the 18(14) rows, with the row's wording and source."""
    found = {}
    for row in _read("untoc_declarations.csv"):
        if row["provision"] != "18(14)" or not row["accepted_languages"]:
            continue
        text = row["accepted_languages"]
        codes = []
        for part in text.split(";"):
            code = part.strip().split(" ")[0].strip()
            if len(code) == 2 and code.isalpha():
                codes.append(code.lower())
        found[row["state_iso3"]] = (codes, text, row["source_url"])
    return found


def _entry(row: dict, languages) -> dict:
    names = {row["name_language"]: row["name"]} if row["name_language"] else {}
    notes = [f"Designated under UNTOC art. {row['provision']} ({row['notes']})."]
    if row["scope"]:
        notes.append(f"Scope stated in the notification: {row['scope']}.")
    if row["notification_date"]:
        notes.append(f"Notified on {row['notification_date']}.")
    if row["as_of"]:
        notes.append(f"Source as of {row['as_of']}.")
    requirements = ""
    entry_languages: list[str] = []
    if languages:
        entry_languages, wording, source = languages
        requirements = f"Languages accepted (UNTOC art. 18(14)): {wording}. Source: {source}"
    return {
        "country": row["state_iso3"],
        "name": row["name"],
        "names": names,
        "kind": "central_authority",
        "competences": ["mla"],
        "instruments": ["UNTOC"],
        "languages": entry_languages,
        "address": row["city"],
        "requirements": requirements,
        "source": row["source_url"],
        "source_note": " ".join(notes),
    }


@transaction.atomic
def load_authorities() -> dict:
    """Create or refresh the cited central authorities and the networks. Idempotent."""
    languages = _languages_by_state()
    created = updated = 0
    for row in _read("central_authorities.csv"):
        data = _entry(row, languages.get(row["state_iso3"]))
        existing = Authority.objects.filter(
            country_id=data["country"], name=data["name"], kind=data["kind"]
        ).first()
        if existing is None:
            services.create_authority(data=data, actor=None)
            created += 1
            continue
        # Maintainers' edits win: the source only fills what is still empty, and adds codes.
        merged = _current(existing)
        for key, value in data.items():
            if isinstance(value, list):
                merged[key] = list(dict.fromkeys([*merged[key], *value]))
            elif not merged.get(key):
                merged[key] = value
        before = services.authority_state(existing)
        services.update_authority(authority=existing, data=merged, actor=None)
        if services.authority_state(existing) != before:
            updated += 1
    networks = 0
    for row in _read("networks.csv"):
        services.save_network(
            code=row["code"],
            data={k: row[k] for k in ("name", "description", "website", "source")},
            actor=None,
        )
        networks += 1
    return {"authorities_created": created, "authorities_updated": updated, "networks": networks}


def _current(authority: Authority) -> dict:
    from comity.directory.transfer import authority_as_data

    return authority_as_data(authority)
