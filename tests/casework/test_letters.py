"""The status enquiry (UNTOC 18(24)): in the counterpart's language, as DOCX and PDF, recorded,
and only for those who may see a sent outgoing case."""

import datetime
import io
import shutil
import subprocess

import docx
import pytest
from django.urls import reverse

from comity.audit.models import Action, AuditEntry
from comity.casework import letters
from comity.casework.models import CaseEvent
from comity.casework.vocabulary import Direction, EventKind, Status
from comity.drafting.documents.labels import labels
from tests.casework.helpers import make_case
from tests.factories import AuthorityFactory, UserFactory, country

pytestmark = pytest.mark.django_db


@pytest.fixture
def authority():
    country("DEU")
    return AuthorityFactory(
        country=country("UKR"),
        name="Office of the Prosecutor General",
        address="Riznytska 13/15\n01011 Kyiv",
    )


@pytest.fixture
def officer(authority):
    return UserFactory(authority=authority)


@pytest.fixture
def case(authority, officer):
    berlin = AuthorityFactory(country=country("DEU"), name="Bundesamt für Justiz", languages=["de"])
    return make_case(
        authority,
        created_by=officer,
        counterpart_authority=berlin,
        our_reference="UKR-OUT-2026/00042",
        their_reference="BfJ II 3-1234/26",
        legal_bases=["UNTOC"],
        channel="direct",
        transmitted_on=datetime.date(2026, 3, 2),
        tracking_number="RR123456789DE",
        requested_deadline=datetime.date(2026, 6, 30),
        entered={Status.SENT: "2026-03-02"},
    )


def download(client, case, fmt, lang=""):
    query = {"format": fmt, **({"lang": lang} if lang else {})}
    return client.get(reverse("casework:status_enquiry", args=[case.pk]), query)


def docx_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    return "\n".join(p.text for p in document.paragraphs)


def test_the_language_is_the_counterparts_first(case):
    assert letters.languages_for(case)[0] == "de"


def test_the_docx_has_the_references_the_article_and_the_german_words(client, officer, case):
    client.force_login(officer)
    response = download(client, case, "docx", "de")
    assert response.status_code == 200
    text = docx_text(response.content)
    t = labels("de")
    for expected in (
        "UKR-OUT-2026/00042",
        "BfJ II 3-1234/26",
        "RR123456789DE",
        "Artikel 18 Absatz 24",
        t["word.our_reference"],
        t["word.their_reference"],
        "Sachstandsanfrage",
        "Bundesamt für Justiz",
        "2. März 2026",
        "30. Juni 2026",
        t["text.salutation"],
        "Unmittelbarer Geschäftsweg",
    ):
        assert expected in text, expected
    assert "Kyiv, " in text


def test_without_untoc_the_letter_names_the_cases_instruments(officer, case):
    case.legal_bases = ["ETS-030"]
    letter = letters.build(case, language="en")
    assert "the applicable instrument(s) (ETS-030)" in letter.paragraphs[1]
    assert "article 18, paragraph 24" not in " ".join(letter.paragraphs)


PDFTOTEXT = shutil.which("pdftotext")


@pytest.mark.skipif(PDFTOTEXT is None, reason="poppler-utils is not installed")
def test_the_pdf_has_the_references(client, officer, case):
    client.force_login(officer)
    response = download(client, case, "pdf", "en")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = subprocess.run(  # noqa: S603 - fixed tool, our own file
        [PDFTOTEXT, "-", "-"], input=response.content, capture_output=True, check=True
    ).stdout.decode()
    flat = " ".join(text.split())
    for expected in (
        "UKR-OUT-2026/00042",
        "BfJ II 3-1234/26",
        "Status enquiry",
        "article 18, paragraph 24",
    ):
        assert expected in flat, expected


def test_generating_the_letter_is_recorded(client, officer, case):
    client.force_login(officer)
    download(client, case, "docx", "de")
    note = CaseEvent.objects.get(case=case, kind=EventKind.NOTE)
    assert "de" in note.note and "DOCX" in note.note
    assert AuditEntry.objects.filter(
        action=Action.DOWNLOAD, object_id=str(case.pk), note="status enquiry docx de"
    ).exists()


def test_the_page_offers_the_languages_and_shows_the_letter(client, officer, case):
    client.force_login(officer)
    page = client.get(reverse("casework:status_enquiry", args=[case.pk]))
    assert page.status_code == 200
    assert "Sachstandsanfrage" in page.text
    assert 'value="de" selected' in page.text


def test_a_bad_language_or_format_is_refused_with_a_message(client, officer, case):
    client.force_login(officer)
    response = download(client, case, "odt", "xx")
    assert response.status_code == 400
    assert "Choose DOCX or PDF." in response.text
    assert not CaseEvent.objects.filter(case=case, kind=EventKind.NOTE).exists()


def test_another_authority_gets_404(client, case):
    stranger = UserFactory(authority=AuthorityFactory(country=country("UKR")))
    client.force_login(stranger)
    assert download(client, case, "pdf").status_code == 404
    assert client.get(reverse("casework:status_enquiry", args=[case.pk])).status_code == 404


def test_an_incoming_case_has_no_status_enquiry(client, officer, case):
    case.direction = Direction.INCOMING
    case.save()
    client.force_login(officer)
    assert download(client, case, "pdf").status_code == 404


def test_an_unsent_request_gets_a_clear_message_and_no_letter(client, officer, authority):
    draft = make_case(authority, created_by=officer, status=Status.DRAFT, opened_on=None)
    client.force_login(officer)
    response = download(client, draft, "pdf")
    assert response.status_code == 409
    assert "has not been sent yet" in response.text
    assert not CaseEvent.objects.filter(case=draft).exists()
