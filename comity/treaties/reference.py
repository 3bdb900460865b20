"""Loading treaty reference data from data/: instruments, participant lists, participation,
declarations, and the requirement profiles that follow from declarations. Idempotent."""

import csv
import datetime
from pathlib import Path

from django.conf import settings
from django.db import transaction

from comity.treaties import services
from comity.treaties.models import Declaration, Instrument, ParticipantList, Participation
from comity.treaties.rules import instrument_rules
from comity.treaties.vocabulary import Ternary

DATA = Path(settings.BASE_DIR) / "data"


def _rows(name: str) -> list[dict]:
    with open(DATA / name, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _date(text: str) -> datetime.date | None:
    text = (text or "").strip()
    if len(text) == 10:
        return datetime.date.fromisoformat(text)
    return None


def _load_instruments() -> dict[str, Instrument]:
    catalogue = {row["treaty_code"]: row for row in _rows("treaties.csv")}
    titles: dict[str, dict[str, str]] = {}
    for row in _rows("instrument_titles.csv"):
        titles.setdefault(row["code"], {})[row["lang"]] = row["title"]
    links = {row["code"]: row["text_url"] for row in _rows("instrument_links.csv")}
    by_code = {}
    for code, rules in instrument_rules().items():
        row = catalogue.get(code, {})
        values = {
            "titles": titles.get(code, {}),
            "text_url": links.get(code, ""),
            "title": rules.title,
            "type": rules.type,
            "depositary": row.get("depositary") or rules.depositary,
            "adopted_on": _date(row.get("adopted_or_opened", "")) or rules.adopted,
            "in_force_on": rules.in_force,
            "reference": row.get("reference", ""),
            "source": rules.source,
        }
        instrument, _ = Instrument.objects.update_or_create(code=code, defaults=values)
        by_code[code] = instrument
    for code, rules in instrument_rules().items():
        if rules.parent:
            Instrument.objects.filter(code=code).update(parent=by_code[rules.parent])
    return by_code


def _load_participation(instruments: dict[str, Instrument]) -> dict:
    lists = {}
    for row in _rows("participant_lists.csv"):
        table, _ = ParticipantList.objects.update_or_create(
            instrument=instruments[row["treaty_code"]],
            source=row["source_url"],
            as_of=_date(row["as_of"]),
            defaults={"complete": row["complete"] == "yes", "note": row["note"]},
        )
        lists[(row["treaty_code"], row["source_url"], row["as_of"])] = table
    changed = 0
    for row in _rows("treaty_participation.csv"):
        instrument = instruments[row["treaty_code"]]
        values = {
            "signature_date": _date(row["signature_date"]),
            "consent_date": _date(row["consent_date"]),
            "consent_type": row["consent_type"],
            # Read from the source where it gives it; otherwise computed from the instrument's rule.
            "entry_into_force": _date(row.get("entry_into_force", "")),
            "withdrawal_date": _date(row.get("withdrawal_date", "")),
            "source": row["source_url"],
            "as_of": _date(row["as_of"]),
            "notes": row["notes"],
        }
        current = Participation.objects.filter(
            instrument=instrument, country_id=row["state_iso3"]
        ).first()
        if (
            current
            and current.as_of
            and (values["as_of"] is None or current.as_of > values["as_of"])
        ):
            continue  # an operator imported a newer table (or a dated one over an undated row)
        _row, did_change = services.save_participation(
            instrument=instrument,
            country_id=row["state_iso3"],
            values=values,
            actor=None,
            participant_list=lists[(row["treaty_code"], row["source_url"], row["as_of"])],
        )
        changed += did_change
    return {"participation_changed": changed}


def _load_bilaterals(instruments: dict[str, Instrument]) -> int:
    """Bilateral treaties from data/bilateral_treaties.csv, recorded as the bilateral page records
    them (services.add_bilateral_treaty); one already recorded is left as a maintainer keeps it."""
    created = 0
    for row in _rows("bilateral_treaties.csv"):
        found = Instrument.objects.filter(code=row["code"]).first()
        if found is None:
            dates = {
                "signature_date": _date(row["signed"]),
                "entry_into_force": _date(row["in_force"]),
                "as_of": _date(row["as_of"]),
                "notes": row["notes"],
            }
            found = services.add_bilateral_treaty(
                code=row["code"],
                title=row["title"],
                kinds=row["kinds"].split(";"),
                source=row["source_url"],
                parties={row["state_a"]: dates, row["state_b"]: dates},
                actor=None,
            )
            created += 1
        instruments[found.code] = found
    return created


def _load_suspensions(instruments: dict[str, Instrument]) -> int:
    changed = 0
    for row in _rows("treaty_suspensions.csv"):
        _row, did_change = services.save_suspension(
            instrument=instruments[row["treaty_code"]],
            country_id=row["state_iso3"],
            towards_id=row["towards_iso3"],
            effective_from=_date(row["effective_from"]),
            values={
                "kind": row["kind"],
                "ended_on": _date(row["ended_on"]),
                "source": row["source_url"],
                "as_of": _date(row["as_of"]),
                "notes": row["notes"],
            },
            actor=None,
        )
        changed += did_change
    return changed


# The paragraphs of each Convention under which a State notifies its position on the Convention as
# a basis for extradition, its central authority and its languages.
_NOTIFICATIONS = {
    ("UNTOC", "16(5)"): "extradition_basis",
    ("UNTOC", "18(13)"): "central_authority",
    ("UNTOC", "18(14)"): "languages",
    ("UNCAC", "44(6)"): "extradition_basis",
    ("UNCAC", "46(13)"): "central_authority",
    ("UNCAC", "46(14)"): "languages",
}


def _declaration_values(row: dict) -> tuple[str, dict]:
    meaning = _NOTIFICATIONS.get((row["treaty_code"], row["provision"]), "other")
    if meaning == "extradition_basis":
        # yes, no, or not stated: a declaration that only makes extradition conditional on a
        # treaty says neither (Ternary.UNKNOWN; the answer is then "ask", never "no").
        stated = row["takes_convention_as_extradition_basis"].strip().lower()
        return meaning, {
            "takes_as_basis": stated if stated in ("yes", "no") else Ternary.UNKNOWN,
            # The declaration's own limits ("where no extradition treaty exists", "subject to
            # reciprocity"), paraphrased: shown with the answer, never dropped.
            "qualifier": row.get("qualifier", "").strip(),
        }
    if meaning == "central_authority":
        return "central_authority", {"authority": row["central_authority"]}
    if meaning == "languages":
        codes = []
        for part in row["accepted_languages"].split(";"):
            code = part.strip().split(" ")[0]
            if len(code) == 2 and code.isalpha():
                codes.append(code.lower())
        return "languages", {"languages": codes, "wording": row["accepted_languages"]}
    return "other", {}


def _declaration_text(row: dict, meaning: str, value: dict) -> str:
    if meaning == "extradition_basis":
        text = {
            "yes": "Takes the Convention as the legal basis for extradition with other States Parties.",
            "no": "Does not take the Convention as the legal basis for extradition.",
        }.get(
            value["takes_as_basis"],
            "Makes extradition conditional on a treaty, without saying whether it takes the "
            "Convention as the legal basis.",
        )
        return f"{text} {value['qualifier']}".strip()
    if meaning == "central_authority":
        return f"Central authority designated: {value['authority']}."
    if meaning == "languages":
        return f"Languages accepted for requests: {value['wording']}."
    return row.get("qualifier") or row.get("notes", "")


def _load_declarations(instruments) -> int:
    changed = 0
    for row in _rows("untoc_declarations.csv"):
        meaning, value = _declaration_values(row)
        defaults = {
            "value": value,
            "text": _declaration_text(row, meaning, value),
            "notification_date": _date(row["notification_date"]),
            "source": row["source_url"],
            "as_of": _date(row["as_of"]),
            "notes": row["notes"],
        }
        _obj, created = Declaration.objects.update_or_create(
            instrument=instruments[row["treaty_code"]],
            country_id=row["state_iso3"],
            provision=row["provision"],
            meaning=meaning,
            defaults=defaults,
        )
        changed += created
    return changed


@transaction.atomic
def load_treaties() -> dict:
    instruments = _load_instruments()
    result = _load_participation(instruments)
    result["bilaterals_created"] = _load_bilaterals(instruments)
    result["suspensions_changed"] = _load_suspensions(instruments)
    result["declarations_created"] = _load_declarations(instruments)
    result["instruments"] = len(instruments)
    services.bump_version()
    return result


def _unfilled(profile, facts: dict) -> dict:
    """The facts for fields of `profile` still empty or unknown: a maintainer's value is kept."""
    return {k: v for k, v in facts.items() if getattr(profile, k) in ("", [], None, "unknown")}


@transaction.atomic
def load_profiles() -> dict:
    """Seed requirement profiles from declarations only (cited facts); maintainers' edits win."""
    from comity.treaties.models import RequirementProfile

    grouped: dict[tuple[str, str], list[Declaration]] = {}
    for declaration in Declaration.objects.order_by("country_id", "provision"):
        kind = "extradition" if declaration.meaning == "extradition_basis" else "mla"
        grouped.setdefault((declaration.country_id, kind), []).append(declaration)
    created = 0
    for (country_id, kind), declarations in grouped.items():
        facts = {}
        for declaration in declarations:
            facts.update(_profile_facts(declaration))
        if not facts:
            continue  # declarations that say nothing a profile records
        profile = RequirementProfile.objects.filter(
            country_id=country_id, kind=kind, measure=""
        ).first()
        if profile is None:
            first = declarations[0]
            facts.update(source=first.source, as_of=first.as_of)
            created += 1
        else:
            facts = _unfilled(profile, facts)
        if facts:
            services.save_profile(country_id=country_id, kind=kind, values=facts, actor=None)
    return {"profiles_created": created + _load_profile_rows()}


# Columns of data/requirement_profiles.csv that hold lists (separated by ";").
_LIST_FIELDS = ("languages", "channels", "formalities")


def _load_profile_rows() -> int:
    """Requirement profiles read from States' declarations to the regional conventions
    (data/requirement_profiles.csv); a field a maintainer has filled is kept."""
    from comity.treaties.models import RequirementProfile

    created = 0
    for row in _rows("requirement_profiles.csv"):
        facts = {}
        for name in services.PROFILE_FIELDS:
            column = row.get(name, "")
            if name in _LIST_FIELDS:
                value = [part.strip() for part in column.split(";") if part.strip()]
            elif name == "as_of":
                value = _date(column)
            elif name == "source":
                value = row["source_url"]
            elif name == "central_authority_id":
                continue
            else:
                value = column.strip()
            if value:
                facts[name] = value
        profile = RequirementProfile.objects.filter(
            country_id=row["state_iso3"], kind=row["kind"], measure=row["measure"]
        ).first()
        if profile is None:
            created += 1
        else:
            facts = _unfilled(profile, facts)
        if facts:
            services.save_profile(
                country_id=row["state_iso3"],
                kind=row["kind"],
                measure=row["measure"],
                values=facts,
                actor=None,
            )
    return created


def _profile_facts(declaration: Declaration) -> dict:
    from comity.directory.models import Authority

    if declaration.meaning == "languages":
        return {
            "languages": declaration.value["languages"],
            "languages_note": declaration.value["wording"],
        }
    if declaration.meaning == "central_authority":
        first = declaration.value["authority"].split(";")[0].split(" (")[0].strip()
        authority = Authority.objects.filter(
            country_id=declaration.country_id, kind="central_authority", name__startswith=first
        ).first()
        return {"central_authority_id": authority.pk} if authority else {}
    if declaration.meaning == "extradition_basis":
        # Only a State that makes extradition conditional on a treaty makes this notification.
        return {"treaty_required_for_extradition": "yes"}
    return {}
