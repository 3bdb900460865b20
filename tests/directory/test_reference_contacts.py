"""data/central_authority_contacts.csv: central authorities with their contact details, loaded
through the directory's services, unverified, with their source and its date."""

import csv
import datetime

import pytest
from django.urls import reverse

from comity.audit.models import AuditEntry
from comity.directory import services
from comity.directory.models import Authority
from comity.directory.reference import DATA_DIR, load_authorities
from comity.geo.services import load_countries
from comity.treaties.selectors import central_authorities
from tests import factories

CANADA_18_13 = (
    "International Assistance Group, Litigation Branch, Criminal Law Division, "
    "Department of Justice Canada"
)
SOUTH_AFRICA_18_13 = "Director-General, Department of Justice and Constitutional Development"


def _rows() -> list[dict]:
    with open(DATA_DIR / "central_authority_contacts.csv", newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture
def loaded(db):
    load_countries()
    return load_authorities()


def _entry(country: str, name_start: str) -> Authority:
    return Authority.objects.get(country_id=country, name__startswith=name_start)


def test_every_row_becomes_one_entry_or_enriches_the_declared_one(loaded):
    rows = _rows()
    assert len(rows) == 31
    enriching = [row for row in rows if row["same_as"]]
    assert {row["state_iso3"] for row in enriching} == {"CAN", "ZAF"}
    # 11 entries from the 18(13) declarations, 29 new ones; two rows enrich declared entries.
    assert Authority.objects.count() == 11 + 29
    assert loaded["contact_rows"] == 31
    assert loaded["authorities_created"] == 40 and loaded["authorities_updated"] == 2
    for row in rows:
        if row["same_as"]:
            entry = Authority.objects.get(country_id=row["state_iso3"], name=row["same_as"])
            assert row["source_url"] in entry.source_note
        else:
            entry = Authority.objects.get(country_id=row["state_iso3"], name=row["name"])
            assert entry.source == row["source_url"]
            assert entry.names == {row["name_language"]: row["name"]}
        assert entry.kind == (row["kind"] or "central_authority")
        assert entry.verified_on is None and entry.is_stale and not entry.is_example
        dated = f"Source as of {row['as_of']}." if row["as_of"] else "The source shows no date."
        assert dated in entry.source_note
        if row["notes"]:
            assert row["notes"].rstrip(".") in entry.source_note
        if row["contact_source"]:
            assert row["contact_source"].rstrip(".") in entry.source_note
        if row["scope"]:
            assert f"Scope: {row['scope']}" in entry.requirements


def test_the_united_states_entry_carries_every_field_of_its_row(loaded):
    oia = _entry("USA", "Office of International Affairs (OIA)")
    assert oia.competences == ["mla", "extradition"]
    assert oia.channels == ["email"]
    assert oia.address == "1301 New York Avenue, Washington, DC 20530"
    assert oia.phone == "+12025140000"
    assert not oia.fax and not oia.email and not oia.languages  # the row gives none
    assert oia.source == "https://www.justice.gov/criminal-oia"
    assert oia.requirements == (
        "Scope: mutual legal assistance and extradition (United States Central Authority).\n"
        "Channels: e-mail preferred where direct e-mail contact is possible (COVID-19 notice of "
        "2020-03-20)."
    )
    # The second number and what each is for stay in the note, with where they were read: a
    # secondary page, which the entry says.
    assert "phone +1 202 514 0000 (main); +1 202 514 5000 (after hours)" in oia.source_note
    assert "Pennsylvania Office of General Counsel" in oia.source_note
    assert "not from DOJ" in oia.source_note
    assert oia.source_note.startswith("Source as of 2020-03-20.")


def test_united_kingdom_entry_with_fax_several_addresses_and_urgent_rule(loaded):
    ukca = _entry("GBR", "UK Central Authority (UKCA)")
    assert ukca.phone == "+442070354040" and ukca.fax == "+442070356986"
    assert ukca.email == "UKCA-ILOR@homeoffice.gov.uk"
    assert ukca.address == "2 Marsham Street, London SW1P 4DF"
    assert ukca.channels == ["electronic_platform", "email", "post"]
    assert ukca.urgent == {
        "notes": "older version: fax for urgent cases only; urgency must be stated clearly in "
        "the letter of request"
    }
    assert "UKCA-AFC@homeoffice.gov.uk (asset forfeiture and confiscation only)" in (
        ukca.source_note
    )
    assert "older page version: International Criminality Unit" in ukca.source_note
    # An address the source itself says is no longer in use is not offered as the e-mail.
    hmrc = _entry("GBR", "HM Revenue & Customs")
    assert hmrc.email == "" and "mla@hmrc.gsi.gov.uk" in hmrc.source_note
    assert hmrc.fax == "+442071470433"


def test_the_united_kingdoms_central_authority_for_a_request_is_the_ukca(loaded):
    # HMRC (tax matters only) and the Crown Office (Scotland only) are entries of their own
    # kind, so a request to the United Kingdom is not addressed to them by default.
    assert [a.name for a in central_authorities("GBR", "mla")] == [
        "UK Central Authority (UKCA), Home Office"
    ]
    assert _entry("GBR", "HM Revenue & Customs").kind == "other"
    assert _entry("GBR", "International Co-operation Unit").kind == "prosecution"
    assert _entry("GBR", "International Co-operation Unit").competences == ["mla"]


@pytest.mark.parametrize(
    ("country", "name_start", "languages", "urgent_words"),
    [
        ("IRL", "Central Authority for Mutual Assistance", ["ga", "en"], "advance e-mail"),
        ("SWE", "Ministry of Justice (Central Authority)", ["sv", "da", "no"], "time limit"),
        ("AUS", "International Crime Cooperation", ["en"], ""),
        ("ALB", "Ministry of Justice", ["sq", "en"], ""),
    ],
)
def test_languages_accepted_and_urgent_rules(loaded, country, name_start, languages, urgent_words):
    entry = _entry(country, name_start)
    assert entry.languages == languages
    assert "Languages: " in entry.requirements
    assert urgent_words in entry.urgent.get("notes", "")


def test_instrument_and_scope_of_a_designation_under_the_budapest_convention(loaded):
    belgium = _entry("BEL", "Service public fédéral Justice")
    assert belgium.instruments == ["CETS-185"]
    assert belgium.fax == "+3222105798"
    assert "CETS 185 art. 27.2" in belgium.requirements
    assert belgium.names == {"fr": belgium.name}


def test_declared_authority_is_enriched_not_duplicated(loaded):
    canada = Authority.objects.get(country_id="CAN")
    assert canada.name == CANADA_18_13  # the declared entry, not a second one
    assert canada.competences == ["mla", "extradition"]
    assert canada.instruments == ["UNTOC"] and canada.address == "Ottawa"
    assert "machine translation of Austrian Federal Law Gazette" in canada.source_note
    assert "Also described on https://bac-lac.wayback.archive-it.org/" in canada.source_note
    assert "“International Assistance Group (IAG), Litigation Branch" in canada.source_note
    assert "Source as of 2023-02-15." in canada.source_note
    assert canada.verified_on is None
    south_africa = Authority.objects.get(country_id="ZAF")
    assert south_africa.name == SOUTH_AFRICA_18_13
    assert south_africa.channels == ["diplomatic", "direct"]
    assert "Legal Requests Directorate" in south_africa.source_note


def test_loading_twice_changes_nothing(loaded):
    entries = {a.pk: services.authority_state(a) for a in Authority.objects.all()}
    audit = AuditEntry.objects.count()
    again = load_authorities()
    assert again["authorities_created"] == 0 and again["authorities_updated"] == 0
    assert {a.pk: services.authority_state(a) for a in Authority.objects.all()} == entries
    assert AuditEntry.objects.count() == audit


def test_every_entry_is_created_through_the_audited_service(loaded):
    created = AuditEntry.objects.filter(action="create", object_type="directory.authority")
    assert created.count() == 40
    enriched = AuditEntry.objects.filter(action="update", object_type="directory.authority")
    assert {e.object_id for e in enriched} == {
        str(Authority.objects.get(country_id=c).pk) for c in ("CAN", "ZAF")
    }


def test_maintainers_edits_survive_a_reload(loaded):
    oia = _entry("USA", "Office of International Affairs (OIA)")
    data = {
        **services.authority_state(oia),
        "country": "USA",
        "phone": "+1 202 514 5000",
        "verified_on": "2026-11-01",
    }
    services.update_authority(authority=oia, data=data, actor=None)
    load_authorities()
    oia.refresh_from_db()
    assert oia.phone == "+12025145000"
    assert oia.verified_on == datetime.date(2026, 11, 1)


def test_the_page_shows_the_contacts_the_source_and_that_it_is_not_verified(client, loaded):
    oia = _entry("USA", "Office of International Affairs (OIA)")
    ukca = _entry("GBR", "UK Central Authority (UKCA)")
    client.force_login(factories.UserFactory(authority=oia))
    html = client.get(reverse("directory:authority_detail", args=[ukca.pk])).content.decode()
    assert "+442070356986" in html  # the fax
    assert "mailto:UKCA-ILOR@homeoffice.gov.uk" in html
    assert "https://www.gov.uk/guidance/mutual-legal-assistance-mla-requests" in html
    assert "Source as of 2024-12-17." in html
    assert "never been verified" in html and "Not verified" in html
    card = client.get(reverse("directory:authority_vcard", args=[ukca.pk])).content.decode()
    assert "TEL;VALUE=uri;TYPE=work,fax:tel:+442070356986" in card
