"""Synthetic directory data for the benchmarks, loaded through the real import path.

Run by directory_search.py in a child process whose environment selects a throwaway database:

    COMITY_HOME=/tmp/x python benchmarks/synthetic.py --rows 20000 --seed 1 --out info.json

Every entry is marked is_example=True with source "synthetic benchmark data". The generator is
deterministic (random.Random(seed)): the same seed and the same reference data give the same rows.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = "synthetic benchmark data"
SAMPLE_ROWS = 2_000  # imported first, alone, to project the time of the whole import
IMPORT_BUDGET_S = 180.0  # above this projected time, the rest is loaded in bulk (and we say so)

# Words in several scripts, so that free-text search has something to find and to miss.
LATIN_ADJ = [
    "Central",
    "Regional",
    "National",
    "Federal",
    "Provincial",
    "Municipal",
    "Special",
    "General",
    "Supreme",
    "Higher",
    "District",
    "Interior",
]
LATIN_OFFICE = [
    "Prosecution Office",
    "Ministry of Justice",
    "Court of Appeal",
    "Police Directorate",
    "Financial Intelligence Unit",
    "Asset Recovery Office",
    "Cybercrime Unit",
    "Department of International Cooperation",
    "Office of the Attorney General",
    "Extradition Bureau",
    "Witness Protection Service",
    "Border Guard Service",
]
FRENCH_OFFICE = [
    "Parquet général",
    "Ministère de la Justice",
    "Cour d'appel",
    "Direction de la police judiciaire",
    "Cellule de renseignement financier",
    "Bureau de recouvrement des avoirs",
]
SPANISH_OFFICE = [
    "Fiscalía General",
    "Ministerio de Justicia",
    "Tribunal Supremo",
    "Dirección de Cooperación Internacional",
    "Unidad de Inteligencia Financiera",
]
CYRILLIC_ADJ = [
    "Центральная",
    "Региональная",
    "Национальная",
    "Федеральная",
    "Областная",
    "Специальная",
    "Генеральная",
]
CYRILLIC_OFFICE = [
    "прокуратура",
    "служба юстиции",
    "полиция",
    "служба финансовой разведки",
    "канцелярия суда",
    "управление международного сотрудничества",
    "прокуратура міжнародного співробітництва",
]
ARABIC_OFFICE = [
    "وزارة العدل",
    "النيابة العامة",
    "محكمة الاستئناف",
    "وحدة الاستخبارات المالية",
    "إدارة التعاون الدولي",
    "مكتب استرداد الأصول",
]
CHINESE_OFFICE = [
    "司法部",
    "最高人民检察院",
    "公安部",
    "国际合作局",
    "反洗钱监测分析中心",
    "高级人民法院",
]
CITIES = [
    "Northbridge",
    "Easthaven",
    "Port Alder",
    "Lakeside",
    "Riverton",
    "Highmoor",
    "Saint-Aubin",
    "Valverde",
    "Novograd",
    "Kyivska",
    "Al-Nour",
    "Greenfield",
    "Stonebrook",
    "Marisol",
    "Westmarch",
]
STREETS = ["Main Street", "Rue de la Paix", "Avenida Central", "ул. Ленина", "Shevchenko Ave"]
REQUIREMENT_SENTENCES = [
    "Requests must be translated into an official language.",
    "Urgent requests may be sent in advance by e-mail.",
    "Dual criminality is required for coercive measures.",
    "Les demandes doivent être accompagnées d'une traduction certifiée.",
    "Las solicitudes deben presentarse por vía diplomática.",
    "Запросы направляются на русском языке или с переводом.",
    "يجب أن تكون الطلبات مترجمة إلى اللغة العربية.",
    "Video-conference hearings are possible on request.",
]
INSTRUMENTS = [
    "UNTOC",
    "UNTOC-TIP",
    "UNTOC-SOM",
    "UNTOC-FA",
    "UNCAC",
    "UN-1988",
    "CETS-185",
    "ETS-030",
    "ETS-024",
    "ETS-112",
    "ETS-167",
    "OAS-A-55",
    "OAS-A-59",
    "ASEAN-MLAT-2004",
    "CIS-MINSK-1993",
    "ECOWAS-MLA-1992",
    "ECOWAS-EXT-1994",
    "HARARE-SCHEME",
]
COMMON_LANGUAGES = ["en", "fr", "es", "ru", "ar", "zh", "pt", "de"]
TIME_ZONES = [
    "UTC",
    "Europe/Kyiv",
    "Europe/Paris",
    "Africa/Lagos",
    "America/Bogota",
    "Asia/Bangkok",
    "Asia/Riyadh",
]


def _weighted(rng, values: list[str], weights: list[float]) -> str:
    return rng.choices(values, weights=weights, k=1)[0]


def generate(rng, countries: list[dict], rows: int) -> list[dict]:
    """`rows` entries in the API / JSON-import shape, spread round-robin over `countries`."""
    import phonenumbers

    from comity.directory.vocabulary import AuthorityKind, Channel, Competence, Formality

    kinds = list(AuthorityKind.values)
    # Most entries are central authorities, prosecutors and police; a few are "other".
    kind_weights = [18, 22, 6, 10, 16, 7, 8, 7, 6][: len(kinds)]
    competences = list(Competence.values)
    channels = list(Channel.values)
    formalities = list(Formality.values)
    today = datetime.date.today()
    phones: dict[str, str] = {}
    for country in countries:
        example = phonenumbers.example_number(country["iso2"])
        phones[country["iso3"]] = (
            phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.E164)
            if example is not None
            else ""
        )
    seen: set[tuple[str, str, str]] = set()
    out = []
    for i in range(rows):
        country = countries[i % len(countries)]
        iso3 = country["iso3"]
        kind = _weighted(rng, kinds, kind_weights)
        while True:
            name = (
                f"{rng.choice(LATIN_ADJ)} {rng.choice(LATIN_OFFICE)} of {rng.choice(CITIES)}"
                f" {rng.randint(1, 999)}"
            )
            if (iso3, name, kind) not in seen:
                seen.add((iso3, name, kind))
                break
        names = {"en": name}
        script = rng.random()
        if script < 0.3:
            names["ru"] = f"{rng.choice(CYRILLIC_ADJ)} {rng.choice(CYRILLIC_OFFICE)} № {i}"
        elif script < 0.5:
            names["ar"] = f"{rng.choice(ARABIC_OFFICE)} {i}"
        elif script < 0.65:
            names["fr"] = f"{rng.choice(FRENCH_OFFICE)} de {rng.choice(CITIES)}"
        elif script < 0.8:
            names["es"] = f"{rng.choice(SPANISH_OFFICE)} de {rng.choice(CITIES)}"
        elif script < 0.9:
            names["zh"] = f"{rng.choice(CITIES[:4])}{rng.choice(CHINESE_OFFICE)}{i}"
        official = [lang for lang in country.get("official_languages") or [] if len(lang) == 2]
        languages = list(
            dict.fromkeys(official[:2] + rng.sample(COMMON_LANGUAGES, rng.randint(1, 3)))
        )
        verified = (
            None if rng.random() < 0.1 else today - datetime.timedelta(days=rng.randint(0, 900))
        )
        out.append(
            {
                "country": iso3,
                "name": name,
                "names": names,
                "kind": kind,
                "competences": rng.sample(competences, rng.randint(1, 4)),
                "instruments": rng.sample(INSTRUMENTS, rng.randint(1, 5)),
                "languages": languages,
                "channels": rng.sample(channels, rng.randint(1, 3)),
                "urgent": {
                    "channels": rng.sample(channels, rng.randint(0, 2)),
                    "notes": "24/7 duty officer" if rng.random() < 0.3 else "",
                },
                "formalities": rng.sample(formalities, rng.randint(0, 3)),
                "formalities_notes": "",
                "office_hours": "Mon–Fri 09:00–17:00",
                "time_zone": rng.choice(TIME_ZONES),
                "address": f"{rng.randint(1, 200)} {rng.choice(STREETS)}, {rng.choice(CITIES)}",
                "phone": phones[iso3] if rng.random() < 0.6 else "",
                "email": f"office{i}@example.org",
                "website": f"https://example.org/{iso3.lower()}/{i}",
                "requirements": " ".join(rng.sample(REQUIREMENT_SENTENCES, rng.randint(0, 3))),
                "source": SOURCE,
                "source_note": "Generated by benchmarks/synthetic.py; not a real authority.",
                "verified_on": verified.isoformat() if verified else None,
                "is_example": True,
            }
        )
    return out


def _import(rows: list[dict], offset: int) -> dict:
    """Serialise to JSON and load through parse() + import_authorities(), as the API does."""
    from comity.directory.transfer import import_authorities, parse

    body = json.dumps({"items": rows}, ensure_ascii=False).encode()
    started = time.perf_counter()
    parsed = parse(body, fmt="json")
    parsed_at = time.perf_counter()
    report = import_authorities(rows=parsed, actor=None)
    done = time.perf_counter()
    if not report.ok:
        first = report.errors[:5]
        raise SystemExit(f"synthetic import failed at rows offset {offset}: {first}")
    return {
        "rows": len(rows),
        "created": report.created,
        "parse_s": round(parsed_at - started, 3),
        "import_s": round(done - parsed_at, 3),
        "rows_per_s": round(len(rows) / (done - started), 1),
    }


def _bulk(rows: list[dict]) -> dict:
    """The fallback: the same service functions (clean, apply_and_index) without the importer."""
    from django.db import transaction

    from comity.directory import services
    from comity.directory.models import Authority
    from comity.directory.validation import clean_authority, known_countries

    countries = known_countries()
    started = time.perf_counter()
    with transaction.atomic():
        for data in rows:
            cleaned, errors = clean_authority(data, countries=countries)
            if errors:
                raise SystemExit(f"synthetic row invalid: {errors[:3]}")
            services.apply_and_index(Authority(), cleaned, actor=None, before=None)
    took = time.perf_counter() - started
    return {"rows": len(rows), "seconds": round(took, 3), "rows_per_s": round(len(rows) / took, 1)}


def load(rows: int, seed: int) -> dict:
    import random

    from comity.geo.models import Country

    rng = random.Random(seed)
    countries = list(
        Country.objects.states().order_by("iso3").values("iso3", "iso2", "official_languages")
    )
    if not countries:
        raise SystemExit("no States in geo.Country: run `manage.py load_reference` first")
    started = time.perf_counter()
    data = generate(rng, countries, rows)
    info: dict = {
        "rows": rows,
        "seed": seed,
        "states": len(countries),
        "generate_s": round(time.perf_counter() - started, 3),
    }
    sample = data[:SAMPLE_ROWS]
    rest = data[SAMPLE_ROWS:]
    info["import_sample"] = _import(sample, 0)
    projected = len(rest) / max(info["import_sample"]["rows_per_s"], 1e-9)
    info["import_rest_projected_s"] = round(projected, 1)
    if not rest:
        info["method"] = "import_authorities"
    elif projected <= IMPORT_BUDGET_S:
        info["import_rest"] = _import(rest, SAMPLE_ROWS)
        info["method"] = "import_authorities"
    else:
        info["bulk_rest"] = _bulk(rest)
        info["method"] = (
            f"import_authorities for the first {len(sample)} rows; the rest through "
            "services.apply_and_index (the import was projected over the time budget)"
        )
    info["total_s"] = round(time.perf_counter() - started, 3)
    return info


def make_credentials() -> dict:
    """Who the load signs in as: a viewer with an API token and a browser session (searches and
    pages), and an officer with an API token (the drafts saved during the load)."""
    from django.test import Client

    from comity.accounts import services as account_services
    from comity.accounts.models import Role, User
    from comity.directory.models import Authority

    authority = Authority.objects.filter(source=SOURCE).order_by("country_id", "name").first()
    out = {}
    for username, role in (("bench-viewer", Role.VIEWER), ("bench-officer", Role.OFFICER)):
        user = User.objects.create_user(
            username=username, authority=authority, role=role, is_example=True
        )
        _token, out[username] = account_services.create_token(
            user=user, name="benchmark", actor=None
        )
    browser = Client()
    browser.force_login(User.objects.get(username="bench-viewer"))
    return {
        "token": out["bench-viewer"],
        "officer_token": out["bench-officer"],
        "session": browser.cookies["sessionid"].value,
    }


def sample_values() -> dict:
    """Filter values that exist in the data, for the search queries of the load."""
    from django.db.models import Count

    from comity.directory.models import Authority

    by_country = (
        Authority.objects.values("country_id").annotate(n=Count("id")).order_by("-n", "country_id")
    )
    return {"countries": [row["country_id"] for row in by_country]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=20_000)
    parser.add_argument("--out", required=True, help="JSON file for the load report and token")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "comity.settings")
    import django

    django.setup()
    from django.db import connection

    info = load(args.rows, args.seed)
    info["credentials"] = make_credentials()
    info["values"] = sample_values()
    info["db_vendor"] = connection.vendor
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA journal_mode")
            info["journal_mode"] = cursor.fetchone()[0]
            # No ANALYZE on SQLite: comity never runs it, so neither does the benchmark.
        elif connection.vendor == "postgresql":
            cursor.execute("ANALYZE")  # autovacuum would do it soon after a bulk load
    Path(args.out).write_text(json.dumps(info, indent=1))


if __name__ == "__main__":
    main()
