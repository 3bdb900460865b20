"""The request as a formal letter: a draft says so on every page and a final request does not;
the letterhead names the requesting authority, its address and its State; the addressee block
names the requested authority or, without one, the competent authorities of the requested State;
pages are numbered "Page X of Y"; the signatory's block is not the contact person; labels carry no
on-screen hints; a cover letter is a part of its own, before the request.

The files are read back with python-docx and with poppler (`pdftotext`, `pdfinfo`); the PDF checks
are skipped, with the reason, where poppler-utils is not installed.
"""

import copy
import io
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest

from comity.directory.models import Authority
from comity.drafting.documents.docx import render_docx
from comity.drafting.documents.labels import document_languages, labels, wording_table
from comity.drafting.documents.model import build_cover_letter, build_document, plain
from comity.drafting.documents.pdf import render_pdf
from tests.drafting.test_documents import (
    NAMES,
    central_authority,
    mla_body,
    page_pattern,
    squeeze,
)

PDFTOTEXT = shutil.which("pdftotext")
PDFINFO = shutil.which("pdfinfo")
needs_poppler = pytest.mark.skipif(
    PDFTOTEXT is None or PDFINFO is None,
    reason="pdftotext/pdfinfo (poppler-utils) are not installed: PDF pages not checked",
)


def requesting_authority():
    return Authority(
        name="Office of the Prosecutor General of Ukraine",
        country_id="UKR",
        address="15 Riznytska Street\n01011 Kyiv",
        phone="+380 44 200 75 00",
        fax="+380 44 200 75 01",
        email="mla@gp-example.gov.ua",
    )


def render(fmt: str, body: dict, lang: str = "en", **options) -> bytes:
    options.setdefault("requesting_authority", requesting_authority())
    options.setdefault("requested_authority", central_authority())
    renderer = render_docx if fmt == "docx" else render_pdf
    return renderer(body, language=lang, names=NAMES, **options)


def pdf_pages(data: bytes, tmp_path: Path) -> list[str]:
    """The text of each page (pdftotext ends each page with a form feed)."""
    path = tmp_path / "document.pdf"
    path.write_bytes(data)
    result = subprocess.run(  # noqa: S603 - fixed tool, our own file
        [PDFTOTEXT, "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    )
    pages = result.stdout.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def pdf_page_count(data: bytes, tmp_path: Path) -> int:
    path = tmp_path / "count.pdf"
    path.write_bytes(data)
    result = subprocess.run(  # noqa: S603 - fixed tool, our own file
        [PDFINFO, str(path)], capture_output=True, text=True, check=True
    )
    return int(re.search(r"^Pages:\s+(\d+)", result.stdout, re.M).group(1))


def headers(data: bytes) -> list[str]:
    """The header text of every section (every part) of a DOCX."""
    document = docx.Document(io.BytesIO(data))
    return [" ".join(p.text for p in s.header.paragraphs) for s in document.sections]


def paragraphs_before_title(data: bytes) -> list[str]:
    """The DOCX paragraphs before the request's title: letterhead, place and date, addressee."""
    found = []
    for paragraph in docx.Document(io.BytesIO(data)).paragraphs:
        if paragraph.style.name == "Title":
            return found
        if paragraph.text.strip():
            found.append(plain(paragraph.text))
    raise AssertionError("no title")


# --- Draft marking ------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", list(document_languages()))
def test_a_draft_says_so_on_every_page_of_the_docx_and_a_final_request_does_not(lang):
    body = mla_body(lang)
    draft_word = labels(lang)["word.draft"]
    second = "fr" if lang == "en" else "en"
    second_word = labels(second)["word.draft"]
    draft = render("docx", body, lang, bilingual=second, with_cover_letter=True)
    sections = headers(draft)
    assert len(sections) == 4  # cover letter and request, in two languages
    assert [draft_word in h for h in sections] == [True, True, False, False]
    assert [second_word in h for h in sections] == [False, False, True, True]
    final = render("docx", body, lang, bilingual=second, with_cover_letter=True, final=True)
    assert not any(draft_word in h or second_word in h for h in headers(final))
    assert labels(lang)["word.confidential"] in headers(final)[0]  # other markings stay


@needs_poppler
@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_draft_says_so_on_every_page_of_the_pdf_and_a_final_request_does_not(lang, tmp_path):
    body = mla_body(lang)
    draft_word = labels(lang)["word.draft"]
    pages = pdf_pages(render("pdf", body, lang), tmp_path)
    assert len(pages) > 1
    assert all(draft_word in page for page in pages)
    final_pages = pdf_pages(render("pdf", body, lang, final=True), tmp_path)
    assert not any(draft_word in page for page in final_pages)


def test_the_model_marks_only_a_request_that_is_not_final():
    body = mla_body("ru")
    assert build_document(body, "ru", names=NAMES).page.markings[0] == "ПРОЕКТ"
    assert "ПРОЕКТ" not in build_document(body, "ru", names=NAMES, final=True).page.markings
    assert build_cover_letter(body, "ru", names=NAMES).page.markings[0] == "ПРОЕКТ"


# --- Page numbering -----------------------------------------------------------------------------


@needs_poppler
def test_every_pdf_page_says_page_x_of_y(tmp_path):
    data = render("pdf", mla_body("fr"), "fr")
    pages = pdf_pages(data, tmp_path)
    total = pdf_page_count(data, tmp_path)
    assert len(pages) == total > 1
    template = labels("fr")["word.page_x_of_y"]
    for number, page in enumerate(pages, 1):
        assert squeeze(template.format(page=number, pages=total)) in squeeze(page)
        assert page_pattern("fr").search(squeeze(page))


def test_the_docx_footer_has_page_and_numpages_fields():
    document = docx.Document(io.BytesIO(render("docx", mla_body("en"))))
    footer = document.sections[0].footer.paragraphs[0]._p.xml
    assert " PAGE " in footer and " NUMPAGES " in footer
    assert "Page " in footer and " of " in footer


# --- Letterhead and addressee -------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_letterhead_names_the_authority_its_address_state_and_contacts(lang):
    top = paragraphs_before_title(render("docx", mla_body(lang), lang))
    state = NAMES.state("UKR", lang)
    letterhead = top[: top.index(state) + 1]
    assert letterhead[:4] == [
        "Office of the Prosecutor General of Ukraine",
        "15 Riznytska Street",
        "01011 Kyiv",
        state,
    ]
    joined = "\n".join(top)
    for value in ("+380 44 200 75 00", "+380 44 200 75 01", "mla@gp-example.gov.ua"):
        assert value in joined
    assert labels(lang)["word.fax"] in joined


def test_the_date_line_names_the_place_of_the_requesting_authority():
    import datetime

    day = datetime.date(2026, 3, 12)
    body = mla_body("fr")
    document = build_document(
        body, "fr", requesting_authority=requesting_authority(), names=NAMES, today=day
    )
    assert document.place_date == "Kyiv, le 12 mars 2026"
    assert build_document(body, "fr", names=NAMES, today=day).place_date == "12 mars 2026"


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_addressee_block_names_the_requested_authority_its_address_and_state(lang):
    top = paragraphs_before_title(render("docx", mla_body(lang), lang))
    start = top.index(f"{labels(lang)['word.to']}:")
    assert top[start + 1 : start + 5] == [
        "Bundesamt für Justiz (Example Desk)",
        "Adenauerallee 99-103",
        "53113 Bonn",
        NAMES.state("DEU", lang),
    ]


@needs_poppler
def test_the_pdf_has_the_letterhead_and_the_addressee_before_the_title(tmp_path):
    first = squeeze(pdf_pages(render("pdf", mla_body("en")), tmp_path)[0])
    order = [
        "Office of the Prosecutor General of Ukraine", "01011 Kyiv\nUkraine", "Fax",
        "Bundesamt für Justiz (Example Desk)", "53113 Bonn", "Germany",
        labels("en")["title.mla"], "Sir or Madam,", "has the honour to ask",
    ]  # fmt: skip
    positions = [first.index(squeeze(value)) for value in order]
    assert positions == sorted(positions)


def test_without_a_requested_authority_the_competent_authorities_of_the_state_are_addressed():
    body = copy.deepcopy(mla_body("en"))
    body["requested_authority"] = ""
    document = build_document(body, "en", names=NAMES)
    assert document.addressee == ["The competent authorities of the requested State (Germany)"]
    body["requested_authority"] = "Staatsanwaltschaft Frankfurt am Main"
    assert build_document(body, "en", names=NAMES).addressee == [
        "Staatsanwaltschaft Frankfurt am Main",
        "Germany",
    ]


# --- Opening, closing, signature ----------------------------------------------------------------


@pytest.mark.parametrize("lang", list(document_languages()))
def test_the_request_opens_and_closes_with_the_formulae_of_its_language(lang):
    t = labels(lang)
    text = "\n".join(
        plain(p.text)
        for p in docx.Document(io.BytesIO(render("docx", mla_body(lang), lang))).paragraphs
    )
    closing = t["text.closing"].split("{authority}")[-1].split("{state}")[0].strip()
    assert t["text.salutation"] in text
    assert closing in text
    assert text.index(t["text.salutation"]) < text.index(t["heading.facts"]) < text.index(closing)


def test_the_contact_is_not_the_signatory():
    document = build_document(
        mla_body("en"), "en", requesting_authority=requesting_authority(), names=NAMES
    )
    contact = mla_body("en")["contact"]["name"]
    assert contact not in document.signature
    assert document.signature[1:] == [
        "Name, function",
        "Office of the Prosecutor General of Ukraine",
    ]
    assert set(document.signature[0]) == {"_"}
    section = next(s for s in document.sections if s.key == "contact")
    assert section.heading == "Contact for this request"
    assert contact in [row.value for row in section.rows]


# --- Labels are document words ------------------------------------------------------------------


def test_labels_carry_no_on_screen_hints():
    hinted = [
        (key, lang, text)
        for key, texts in wording_table().items()
        if key.startswith(("field.", "measure.", "heading."))
        for lang, text in texts.items()
        if re.search("[(（]", text)
    ]
    assert not hinted


def test_no_row_label_in_a_complete_document_has_a_parenthesis(complete_body):
    for kind in ("mla", "extradition", "confiscation"):
        document = docx.Document(io.BytesIO(render("docx", complete_body(kind))))
        labels_used = [t.rows[i].cells[0].text for t in document.tables for i in range(len(t.rows))]
        assert labels_used
        assert not [label for label in labels_used if "(" in label], kind


# --- Cover letter -------------------------------------------------------------------------------


@needs_poppler
def test_a_cover_letter_is_a_first_part_of_its_own(tmp_path):
    body = mla_body("en")
    without = render("pdf", body)
    with_letter = render("pdf", body, with_cover_letter=True)
    assert without != with_letter
    assert pdf_page_count(with_letter, tmp_path) > pdf_page_count(without, tmp_path)
    first = squeeze(pdf_pages(with_letter, tmp_path)[0])
    assert squeeze("transmits the enclosed request") in first
    assert squeeze("Enclosure: Request for mutual legal assistance") in first
    assert squeeze("Annex 1: Decision of Pechersk court") in first
    assert squeeze("has the honour to ask") not in first  # the request starts on a new page


def test_a_cover_letter_adds_a_part_to_the_docx():
    body = mla_body("en")
    assert len(docx.Document(io.BytesIO(render("docx", body))).sections) == 1
    letter = docx.Document(io.BytesIO(render("docx", body, with_cover_letter=True)))
    assert len(letter.sections) == 2
    text = [p.text for p in letter.paragraphs]
    assert text.index("Sir or Madam,") < next(
        i for i, line in enumerate(text) if "has the honour to ask" in line
    )


# --- Through the app ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_saved_request_is_marked_draft_until_it_is_final():
    """drafting.rendering reads the request's status, and the owner's State from the directory."""
    from django.utils import timezone

    from comity.accounts.models import Role
    from comity.drafting import rendering, services
    from comity.drafting.models import Request, Status
    from tests import factories

    owner = factories.AuthorityFactory(
        country=factories.country("UKR"), name="Office of the Prosecutor General (test)"
    )
    factories.country("DEU")
    officer = factories.UserFactory(authority=owner, role=Role.OFFICER)
    found = services.create_request(owner=owner, data=mla_body("en"), actor=officer)
    content, _ = rendering.render(found, fmt="docx", language="en")
    assert all("DRAFT" in header for header in headers(content))
    assert "Ukraine" in paragraphs_before_title(content)
    Request.objects.filter(pk=found.pk).update(status=Status.FINAL, finalised_at=timezone.now())
    found.refresh_from_db()
    content, _ = rendering.render(found, fmt="docx", language="en")
    assert not any("DRAFT" in header for header in headers(content))


@pytest.mark.django_db
def test_a_saved_request_is_addressed_to_the_chosen_authority_else_the_central_authority():
    from comity.accounts.models import Role
    from comity.drafting import rendering, services
    from tests import factories

    owner = factories.AuthorityFactory(country=factories.country("UKR"), kind="prosecution")
    factories.AuthorityFactory(
        country=factories.country("DEU"),
        name="Bundesamt für Justiz (test)",
        address="Adenauerallee 99-103\n53113 Bonn",
    )
    officer = factories.UserFactory(authority=owner, role=Role.OFFICER)
    body = copy.deepcopy(mla_body("en"))
    body["requested_authority"] = ""
    found = services.create_request(owner=owner, data=body, actor=officer)
    top = paragraphs_before_title(rendering.render(found, fmt="docx", language="en")[0])
    assert top[top.index("To:") + 1 :] == [
        "Bundesamt für Justiz (test)",
        "Adenauerallee 99-103",
        "53113 Bonn",
        "Germany",
    ]
    body["requested_authority"] = "Staatsanwaltschaft Bonn"
    found = services.create_request(owner=owner, data=body, actor=officer)
    top = paragraphs_before_title(rendering.render(found, fmt="docx", language="en")[0])
    assert top[top.index("To:") + 1 :] == ["Staatsanwaltschaft Bonn", "Germany"]


def test_the_undertakings_in_document_order_are_the_schemas_undertakings():
    from comity.drafting.schema import UNDERTAKINGS, Undertakings

    assert sorted(UNDERTAKINGS) == sorted(Undertakings.model_fields)


# --- Bilingual documents, in any pair --------------------------------------------------------


@needs_poppler
@pytest.mark.parametrize(("first", "second"), [("de", "uk"), ("uk", "de"), ("pl", "ro")])
def test_a_bilingual_document_in_any_pair_keeps_the_text_as_written(first, second, tmp_path):
    body = mla_body("uk")  # the drafter wrote in Ukrainian
    text = squeeze(" ".join(pdf_pages(render("pdf", body, first, bilingual=second), tmp_path)))
    for lang in (first, second):
        t = labels(lang)
        assert squeeze(t["title.mla"]) in text
        assert squeeze(t["heading.facts"]) in text
    # The drafter's text appears once per language, untranslated.
    assert text.count(squeeze(body["facts"])) == 2
