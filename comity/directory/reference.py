"""Loading the directory's reference entries from data/: only what a cited source states.

- data/central_authorities.csv: central authorities designated under UNTOC art. 18(13), one row
  per authority, each with its source.
- data/untoc_declarations.csv: the 18(14) rows give the languages a State accepts; they are
  attached to that State's central authorities with their own source.
- data/central_authority_contacts.csv: central authorities read from their own (or, where said,
  secondary) pages, with their contact details; an entry of the same State and name (or the one
  named in `same_as`) is enriched rather than duplicated. See load_contacts.
- data/networks.csv: the networks of practitioners (name, website, source); no members.

Every entry loaded here is unverified (`verified_on` empty): it shows as never verified until a
maintainer checks it with the authority.
"""

import csv
import re
from pathlib import Path

from django.conf import settings
from django.db import transaction

from comity.directory import services
from comity.directory.models import Authority
from comity.directory.validation import normalize_phone

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
        updated += _update(existing, merged)
    contacts = load_contacts()
    networks = 0
    for row in _read("networks.csv"):
        services.save_network(
            code=row["code"],
            data={k: row[k] for k in ("name", "description", "website", "source")},
            actor=None,
        )
        networks += 1
    return {
        "authorities_created": created + contacts["created"],
        "authorities_updated": updated + contacts["updated"],
        "contact_rows": contacts["rows"],
        "networks": networks,
    }


def _update(authority: Authority, data: dict) -> int:
    """Save `data` on the entry through the service; 1 when anything changed, else 0."""
    before = services.authority_state(authority)
    services.update_authority(authority=authority, data=data, actor=None)
    return int(services.authority_state(authority) != before)


# --- data/central_authority_contacts.csv ----------------------------------------------------------
_NUMBER = re.compile(r"\+\d[\d \-]*\d")
_ADDRESS = re.compile(r"\S+@\S+")
_TRAILING_NOTE = re.compile(r"\s*\([^()]*\)\s*$")
_LIST_COLUMNS = {
    "competences": "competences",
    "instruments": "instruments",
    "languages": "language_codes",
    "channels": "channel_codes",
}


def _codes(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(";") if part.strip()]


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else f"{text}."


def _number(cell: str) -> str:
    """The first number of a cell such as "+1 202 514 0000 (main); +1 202 514 5000 (after
    hours)", in E.164; empty when there is none."""
    found = _NUMBER.match(cell.strip())
    if not found:
        return ""
    try:
        return normalize_phone(found.group())
    except ValueError:
        return ""


def _parts(cell: str) -> list[str]:
    """The values of a cell separated by ";", a remark in brackets staying with its value."""
    parts, depth, current = [], 0, ""
    for ch in cell:
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if ch == ";" and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += ch
    return [part.strip() for part in [*parts, current] if part.strip()]


def _email(cell: str) -> str:
    """The first address of a cell that the source does not itself say is out of use."""
    for part in _parts(cell):
        found = _ADDRESS.search(part)
        if found and "no longer in use" not in part:
            return found.group()
    return ""


def _address(row: dict) -> str:
    """The postal address without a trailing remark in brackets (kept in the note); the city
    when the source gives no address."""
    address = row["address"].strip()
    return _TRAILING_NOTE.sub("", address) if address else row["city"].strip()


def _as_published(row: dict, data: dict) -> str:
    """The contact cells that hold more than the entry's field: further numbers and addresses,
    what each is for and how old it is, as the source gives them."""
    parts = []
    for column, label, field in (
        ("address", "address", "address"),
        ("phone", "phone", "phone"),
        ("fax", "fax", "fax"),
        ("email", "e-mail", "email"),
    ):
        cell = row[column].strip()
        held = data[field]
        if field in ("phone", "fax"):
            found = _NUMBER.match(cell)
            held = found.group() if found and held else ""
        if cell and cell != held:
            parts.append(f"{label} {cell}")
    return f"As the source gives them: {'; '.join(parts)}." if parts else ""


def _contact_entry(row: dict) -> dict:
    """The API shape of one row of central_authority_contacts.csv."""
    data = {
        "country": row["state_iso3"],
        "name": row["name"],
        "names": {row["name_language"]: row["name"]} if row["name_language"] else {},
        "kind": row["kind"] or "central_authority",
        **{field: _codes(row[column]) for field, column in _LIST_COLUMNS.items()},
        "urgent": {"notes": row["urgent_requests"]} if row["urgent_requests"] else {},
        "address": _address(row),
        "phone": _number(row["phone"]),
        "fax": _number(row["fax"]),
        "email": _email(row["email"]),
        "source": row["source_url"],
    }
    data["requirements"] = "\n".join(
        f"{label}: {_sentence(row[column])}"
        for label, column in (
            ("Scope", "scope"),
            ("Languages", "languages"),
            ("Channels", "channels"),
        )
        if row[column]
    )
    notes = [f"Source as of {row['as_of']}." if row["as_of"] else "The source shows no date."]
    if row["contact_source"]:
        notes.append(f"Where the contact details come from: {_sentence(row['contact_source'])}")
    notes.append(_as_published(row, data))
    if row["notes"]:
        notes.append(_sentence(row["notes"]))
    data["source_note"] = " ".join(note for note in notes if note)
    return data


def _same_entry(row: dict) -> Authority | None:
    """The State's entry of the row's name, or of the name in `same_as` (a declaration that
    names the same authority differently); names compared without regard to case or accents."""
    wanted = {services.fold(name) for name in (row["name"], row["same_as"]) if name}
    for authority in Authority.objects.filter(country_id=row["state_iso3"]):
        if services.fold(authority.name) in wanted:
            return authority
    return None


def load_contacts() -> dict:
    """Create or enrich the entries of data/central_authority_contacts.csv. Idempotent.

    A new entry takes every field of its row. An existing one (from the 18(13) declarations, or
    from an earlier load) keeps what it holds: empty fields are filled, codes are added, and the
    row's scope, languages and channels, and its note on the source, are added to the entry's
    requirements and note unless already there. The entry keeps its own source; an enriched
    one's note names the page the row comes from.
    """
    created = updated = rows = 0
    for row in _read("central_authority_contacts.csv"):
        rows += 1
        data = _contact_entry(row)
        existing = _same_entry(row)
        if existing is None:
            services.create_authority(data=data, actor=None)
            created += 1
            continue
        merged = _current(existing)
        if existing.source != data["source"]:
            data["source_note"] = (
                f"Also described on {data['source']} as “{row['name']}”: {data['source_note']}"
            )
        for key, value in data.items():
            if key in ("name", "names", "source"):
                continue
            if isinstance(value, list):
                merged[key] = list(dict.fromkeys([*merged[key], *value]))
            elif not merged.get(key):
                merged[key] = value
            elif key in ("requirements", "source_note") and value not in merged[key]:
                merged[key] = (
                    f"{merged[key]}\n{value}"
                    if key == "requirements"
                    else (f"{merged[key]} {value}")
                )
        updated += _update(existing, merged)
    return {"created": created, "updated": updated, "rows": rows}


def _current(authority: Authority) -> dict:
    from comity.directory.transfer import authority_as_data

    return authority_as_data(authority)
