"""Loading the country table from pycountry and CLDR, and the load-reference command."""

from io import StringIO

import pycountry
import pytest
from django.core.management import call_command

from comity.audit.models import AuditEntry
from comity.core.languages import CODES as UI_LANGUAGES
from comity.geo.models import Country
from comity.geo.services import load_countries
from comity.installation import reference

ISO_COUNT = len(pycountry.countries)


def test_every_iso_country_is_loaded_with_names_in_all_seven_languages(countries):
    assert countries["created"] == ISO_COUNT + 2
    iso_codes = {entry.alpha_3 for entry in pycountry.countries}
    loaded = {c.iso3: c for c in Country.objects.all()}
    assert iso_codes | {"EUU", "XKX"} == set(loaded)
    for country in loaded.values():
        assert set(country.names) == set(UI_LANGUAGES), country.iso3
        assert all(country.names.values()), country.iso3
        assert country.name == country.names["en"]


def test_ukraine_has_its_cldr_names_and_languages(countries):
    ukraine = Country.objects.get(iso3="UKR")
    assert ukraine.iso2 == "UA"
    assert ukraine.numeric == "804"
    assert ukraine.kind == Country.Kind.STATE
    assert ukraine.names["uk"] == "Україна"
    assert ukraine.names["ar"] == "أوكرانيا"
    assert ukraine.names["ru"] == "Украина"
    assert ukraine.names["zh"] == "乌克兰"
    assert ukraine.names["es"] == "Ucrania"
    assert ukraine.official_languages[0] == "uk"


def test_official_languages_are_two_letter_codes_where_one_exists(countries):
    assert Country.objects.get(iso3="XKX").official_languages == ["sq", "sr"]
    assert Country.objects.get(iso3="CHE").official_languages[:1] == ["de"]
    assert "fil" in Country.objects.get(iso3="PHL").official_languages
    assert len(Country.objects.get(iso3="EUU").official_languages) == 24
    assert Country.objects.get(iso3="ATA").official_languages == []


def test_participants_outside_iso_and_their_kinds(countries):
    eu = Country.objects.get(iso3="EUU")
    assert (eu.iso2, eu.kind, eu.name) == ("EU", Country.Kind.ORGANIZATION, "European Union")
    kosovo = Country.objects.get(iso3="XKX")
    assert (kosovo.iso2, kosovo.name, kosovo.names["uk"]) == ("XK", "Kosovo", "Косово")
    for code in ("ATA", "BVT", "HMD", "ATF", "GIB", "PRI", "GRL"):
        assert Country.objects.get(iso3=code).kind == Country.Kind.TERRITORY, code
    for code in ("VAT", "PSE", "COK", "NIU", "UKR", "TUV"):
        assert Country.objects.get(iso3=code).kind == Country.Kind.STATE, code
    # 193 UN Member States, 2 observer States, Cook Islands and Niue.
    assert Country.objects.filter(kind="state").exclude(iso3="XKX").count() == 197


def test_loading_again_changes_nothing_and_writes_no_audit_entry(countries):
    entries = AuditEntry.objects.filter(action="import", object_type="geo.country")
    assert entries.count() == 1
    assert "created" in entries.get().note
    before = list(Country.objects.order_by("iso3").values())
    again = load_countries()
    assert (again["created"], again["updated"]) == (0, 0)
    assert again["unchanged"] == again["total"] == ISO_COUNT + 2
    assert list(Country.objects.order_by("iso3").values()) == before
    assert entries.count() == 1


def test_loading_repairs_a_changed_row_and_records_it(countries):
    Country.objects.filter(iso3="UKR").update(names={"en": "Ukraine"}, kind="territory")
    result = load_countries()
    assert (result["created"], result["updated"]) == (0, 1)
    ukraine = Country.objects.get(iso3="UKR")
    assert ukraine.kind == "state"
    assert ukraine.names["uk"] == "Україна"
    assert AuditEntry.objects.filter(action="import", object_type="geo.country").count() == 2


def test_loading_keeps_rows_made_elsewhere(db):
    from tests.factories import country

    country("UKR")  # created by a test factory with partial names
    result = load_countries()
    assert result["created"] == ISO_COUNT + 1
    assert result["updated"] == 1
    assert len(Country.objects.get(iso3="UKR").names) == 7


def test_a_failing_loader_leaves_the_database_as_it_was(db, monkeypatch):
    def broken():
        raise RuntimeError("boom")

    monkeypatch.setattr(reference, "load_authorities", broken)
    with pytest.raises(RuntimeError):
        reference.load_reference(stdout=StringIO())
    # One transaction: the countries and treaties written before the failure are rolled back too.
    assert not Country.objects.exists()
    assert not AuditEntry.objects.exists()


def test_load_reference_command_twice_changes_nothing_the_second_time(db):
    out = StringIO()
    call_command("load_reference", stdout=out)
    assert Country.objects.count() == ISO_COUNT + 2
    audit_count = AuditEntry.objects.count()
    snapshot = list(Country.objects.order_by("iso3").values())

    out = StringIO()
    call_command("load_reference", stdout=out)
    assert "created 0, updated 0" in out.getvalue()
    assert list(Country.objects.order_by("iso3").values()) == snapshot
    assert AuditEntry.objects.count() == audit_count
