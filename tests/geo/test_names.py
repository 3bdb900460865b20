"""Matching participant names from treaty sources to ISO codes, exactly and never by guesswork."""

import csv

import pycountry
import pytest

from comity.geo.catalogue import country_records
from comity.geo.names import clean_name, data_dir, explicit_names, resolve_state


@pytest.mark.parametrize(
    ("name", "iso3"),
    [
        ("Republic of Korea", "KOR"),
        ("Democratic People's Republic of Korea", "PRK"),
        ("Democratic People’s Republic of Korea", "PRK"),
        ("Kosovo", "XKX"),
        ("European Union", "EUU"),
        ("Bolivia (Plurinational State of)", "BOL"),
        ("Iran (Islamic Republic of)", "IRN"),
        ("Venezuela (Bolivarian Republic of)", "VEN"),
        ("Micronesia (Federated States of)", "FSM"),
        ("Netherlands (Kingdom of the)", "NLD"),
        ("Netherlands, the Kingdom of the", "NLD"),
        ("Republic of Moldova", "MDA"),
        ("United Republic of Tanzania", "TZA"),
        ("Lao People's Democratic Republic", "LAO"),
        ("Syrian Arab Republic", "SYR"),
        ("Russian Federation", "RUS"),
        ("Türkiye", "TUR"),
        ("Turkey", "TUR"),
        ("Côte d'Ivoire", "CIV"),
        ("Côte d’Ivoire", "CIV"),
        ("Cote d'Ivoire", "CIV"),
        ("United Kingdom of Great Britain and Northern Ireland", "GBR"),
        ("United States of America", "USA"),
        ("State of Palestine", "PSE"),
        ("Holy See", "VAT"),
        ("Czech Republic", "CZE"),
        ("Czechia", "CZE"),
        ("The former Yugoslav Republic of Macedonia", "MKD"),
        ("North Macedonia", "MKD"),
        ("Swaziland", "SWZ"),
        ("Eswatini", "SWZ"),
        ("Cabo Verde", "CPV"),
        ("Cape Verde", "CPV"),
        ("Democratic Republic of the Congo", "COD"),
        ("Congo", "COG"),
        ("Gambia", "GMB"),
        ("Bahamas", "BHS"),
        ("Brunei Darussalam", "BRN"),
        ("Viet Nam", "VNM"),
        ("Saint Kitts and Nevis", "KNA"),
        ("St. Kitts and Nevis", "KNA"),
        ("Ukraine", "UKR"),
        ("  republic of KOREA ", "KOR"),
    ],
)
def test_resolves_treaty_collection_names(name, iso3):
    assert resolve_state(name) == iso3


@pytest.mark.parametrize("name", ["Netherlands2", "Netherlands 12", "Republic of Korea3"])
def test_footnote_numbers_after_a_name_are_ignored(name):
    assert resolve_state(name) in ("NLD", "KOR")
    assert not clean_name(name)[-1].isdigit()


@pytest.mark.parametrize("name", ["", "   ", "Atlantis", "Korea", "Republic of"])
def test_unknown_names_resolve_to_none_rather_than_a_guess(name):
    assert resolve_state(name) is None


def test_every_code_in_the_explicit_table_is_a_country_we_load():
    loaded = {record["iso3"] for record in country_records()}
    assert set(explicit_names().values()) <= loaded


def _participation_rows():
    with (data_dir() / "treaty_participation.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_state_name_in_the_participation_data_resolves_to_its_code():
    rows = _participation_rows()
    assert len(rows) > 1000
    wrong = {
        (row["state_name"], row["state_iso3"], resolve_state(row["state_name"]))
        for row in rows
        if resolve_state(row["state_name"]) != row["state_iso3"]
    }
    assert not wrong, f"add these names to data/countries_un_names.csv: {sorted(wrong)}"


def _raw_names() -> set[str]:
    folder = data_dir() / "raw" / "untc-scrape-2014"
    names = set()
    tables = sorted(folder.glob("*.csv"))
    assert len(tables) == 6
    for table in tables:
        with table.open(encoding="utf-8", newline="") as handle:
            names.update(row[0] for row in list(csv.reader(handle))[1:] if row)
    for line in (folder / "6-19-declarations.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            names.add(line[1:])
    return names


def test_every_participant_in_the_raw_un_tables_resolves():
    names = _raw_names()
    assert len(names) > 190
    missing = sorted(name for name in names if resolve_state(name) is None)
    assert not missing, f"add these names to data/countries_un_names.csv: {missing}"


def test_pycountry_official_names_count_as_known():
    for entry in pycountry.countries:
        assert resolve_state(entry.name) is not None, entry.name
        official = getattr(entry, "official_name", None)
        if official:
            assert resolve_state(official) is not None, official
