import datetime

import pytest
from django.urls import reverse

from comity.audit.models import AuditEntry
from comity.directory import services
from comity.directory.reference import load_authorities
from comity.directory.vcard import vcard_for
from comity.geo.services import load_countries


@pytest.fixture
def reference(db):
    load_countries()
    load_authorities()


def test_reference_loads_ukraine_central_authorities_with_source(reference):
    from comity.directory.models import Authority

    entries = Authority.objects.filter(country_id="UKR", kind="central_authority")
    assert sorted(entries.values_list("name", flat=True)) == [
        "Ministry of Justice",
        "Office of the Prosecutor-General",
    ]
    moj = entries.get(name="Ministry of Justice")
    assert moj.competences == ["mla"] and moj.instruments == ["UNTOC"]
    assert moj.languages == ["uk", "ru", "en", "fr"]
    assert moj.source == "https://zaki.ru/pagesnew.php?id=58378&page=34"
    assert "judicial decisions" in moj.source_note
    assert moj.verified_on is None and not moj.is_example
    assert not moj.phone and not moj.email  # nothing invented


def test_reference_loader_is_idempotent_and_keeps_maintainers_edits(reference):
    from comity.directory.models import Authority

    moj = Authority.objects.get(country_id="UKR", name="Ministry of Justice")
    data = {
        **services.authority_state(moj),
        "country": "UKR",
        "email": "mla@minjust.example",
        "verified_on": "2026-11-01",
    }
    services.update_authority(authority=moj, data=data, actor=None)
    audit_count = AuditEntry.objects.count()
    assert load_authorities()["authorities_created"] == 0
    moj.refresh_from_db()
    assert moj.email == "mla@minjust.example"
    assert moj.verified_on == datetime.date(2026, 11, 1)
    assert AuditEntry.objects.count() == audit_count


def test_list_finds_ukraine_central_authority(client, people):
    client.force_login(people["viewer_own"])
    page = client.get(
        reverse("directory:authority_list") + "?country=UKR&competence=mla&instrument=UNTOC"
    )
    assert page.status_code == 200
    assert "Ministry of Justice" in page.content.decode()
    assert "Bundesamt" not in page.content.decode()


def test_detail_shows_source_stale_flag_history_and_no_edit_for_viewers(client, people, ukr_moj):
    client.force_login(people["viewer_own"])
    html = client.get(reverse("directory:authority_detail", args=[ukr_moj.pk])).content.decode()
    assert "https://example.org/source" in html
    assert "never been verified" in html
    assert reverse("directory:authority_edit", args=[ukr_moj.pk]) not in html
    assert "Copy address block" in html


def test_anonymous_is_sent_to_sign_in_unless_public(client, ukr_moj, settings):
    response = client.get(reverse("directory:authority_detail", args=[ukr_moj.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response.url
    settings.COMITY_DIRECTORY_PUBLIC = True
    html = client.get(reverse("directory:authority_detail", args=[ukr_moj.pk])).content.decode()
    assert "Contact persons" not in html


def test_edit_with_bad_phone_shows_field_error_and_saves_nothing(client, people, ukr_moj):
    client.force_login(people["admin_own"])
    response = client.post(
        reverse("directory:authority_edit", args=[ukr_moj.pk]),
        {
            "country": "UKR",
            "name": "Ministry of Justice",
            "kind": "central_authority",
            "phone": "12345",
            "source": "https://example.org/source",
        },
    )
    assert response.status_code == 200
    assert "not a valid international phone number" in response.content.decode()
    ukr_moj.refresh_from_db()
    assert ukr_moj.phone == "+380441234567"


def test_vcard_download_is_valid_and_audited(client, people, ukr_moj):
    client.force_login(people["viewer_own"])
    response = client.get(reverse("directory:authority_vcard", args=[ukr_moj.pk]))
    text = response.content.decode()
    assert response["Content-Type"].startswith("text/vcard")
    assert text.startswith("BEGIN:VCARD\r\nVERSION:4.0\r\n") and text.endswith("END:VCARD\r\n")
    assert "TEL;VALUE=uri;TYPE=work,voice:tel:+380441234567" in text
    assert AuditEntry.objects.filter(action="download", object_id=str(ukr_moj.pk)).exists()


def test_vcard_lines_are_folded_at_75_octets(ukr_moj):
    ukr_moj.address = "вулиця " * 30
    for line in vcard_for(ukr_moj).split("\r\n"):
        assert len(line.encode()) <= 75


def test_states_compare_and_network_pages(client, people, ukr_moj, deu_entry):
    client.force_login(people["viewer_own"])
    states = client.get(reverse("directory:country_list")).content.decode()
    assert "Ukraine" in states
    compare = client.get(reverse("directory:compare") + "?a=UKR&b=DEU").content.decode()
    assert "Ministry of Justice" in compare and "Bundesamt für Justiz" in compare
    assert "No entry recorded" in compare  # Ukraine has no extradition entry here
    services.save_network(code="wacap", data={"name": "WACAP", "source": "src"}, actor=None)
    assert "WACAP" in client.get(reverse("networks:list")).content.decode()
    network = client.get(reverse("networks:detail", args=["wacap"])).content.decode()
    assert "does not mean it has none" in network
