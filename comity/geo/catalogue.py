"""The country catalogue built from pycountry (ISO 3166-1) and CLDR, before it reaches the database.

Kind rule for ISO entries: an entry is a `state` when it is a UN Member State, a UN non-member
observer State (Holy See, State of Palestine), or one of the two self-governing States that the UN
Secretary-General, as depositary, admits to treaties under the "all States" formula (Cook Islands,
Niue; both appear in the UN Treaty Collection tables in `data/raw/`). Every other ISO entry is a
`territory`: dependent territories, uninhabited areas (Antarctica, Bouvet Island, ...) and the
entries the UN does not count as States (Taiwan, Western Sahara). The list below is that remainder;
`tests/geo` pins the number of States it leaves (193 + 2 + 2).
"""

from functools import cache

import pycountry

from comity.geo.names import EXTRA_PARTICIPANTS, country_names, official_languages

# ISO 3166-1 entries that are not States under the rule above.
TERRITORIES = frozenset(
    {
        "ABW", "AIA", "ALA", "ASM", "ATA", "ATF", "BES", "BLM", "BMU", "BVT", "CCK", "CUW",
        "CXR", "CYM", "ESH", "FLK", "FRO", "GGY", "GIB", "GLP", "GRL", "GUF", "GUM", "HKG",
        "HMD", "IMN", "IOT", "JEY", "MAC", "MAF", "MNP", "MSR", "MTQ", "MYT", "NCL", "NFK",
        "PCN", "PRI", "PYF", "REU", "SGS", "SHN", "SJM", "SPM", "SXM", "TCA", "TKL", "TWN",
        "UMI", "VGB", "VIR", "WLF",
    }
)  # fmt: skip


def _record(iso3: str, iso2: str, numeric: str, kind: str) -> dict:
    names = country_names(iso2)
    return {
        "iso3": iso3,
        "iso2": iso2,
        "numeric": numeric,
        "kind": kind,
        "name": names["en"],
        "names": names,
        "official_languages": official_languages(iso2),
    }


def country_records() -> list[dict]:
    """Every country row the reference data holds, as field dicts keyed like `Country`."""
    records = [
        _record(
            entry.alpha_3,
            entry.alpha_2,
            entry.numeric,
            "territory" if entry.alpha_3 in TERRITORIES else "state",
        )
        for entry in pycountry.countries
    ]
    for iso3, extra in EXTRA_PARTICIPANTS.items():
        records.append(_record(iso3, extra["iso2"], extra["numeric"], extra["kind"]))
    return records


@cache
def names_by_code() -> dict[str, tuple[str, ...]]:
    """The distinct CLDR names of every country in the UI languages, by alpha-3 code: what the
    country table holds once loaded, without reading it (for search, in every process)."""
    return {
        record["iso3"]: tuple(dict.fromkeys(record["names"].values()))
        for record in country_records()
    }
