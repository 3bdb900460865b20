"""Documents in an authority's house style, built-in layout: the logo and the letterhead lines
head the letter, the signatory's name and function sign it (above the authority's name), and
without a signatory the block keeps "Name, function". The contact for the request stays apart.

The files are read back with python-docx and with poppler (`pdftotext`, `pdfimages`); the PDF
checks are skipped, with the reason, where poppler-utils is not installed.
"""

import io
import shutil
import subprocess
import zipfile

import docx
import pytest

from comity.drafting.documents.docx import render_docx
from comity.drafting.documents.model import House, Logo, build_cover_letter, build_document
from comity.drafting.documents.pdf import render_html, render_pdf
from tests import factories
from tests.drafting.test_documents import (
    NAMES,
    assert_contains,
    central_authority,
    mla_body,
    pdf_text,
    requesting_authority,
)
from tests.drafting.test_documents_formal import paragraphs_before_title

PDFIMAGES = shutil.which("pdfimages")
PDFTOTEXT = shutil.which("pdftotext")
needs_poppler = pytest.mark.skipif(
    PDFIMAGES is None or PDFTOTEXT is None,
    reason="pdfimages/pdftotext (poppler-utils) are not installed: the PDF is not read back",
)

LOGO = factories.png_logo(300, 100, (10, 70, 140))
LINES = ("13 Horodetskoho Street", "01001 Kyiv", "Tel. +380 44 364 23 93", "themis@minjust-example")
SIGNATORY = ("Olena Kovalenko", "Deputy Minister of Justice")


def house(**overrides) -> House:
    values = {
        "logo": Logo(data=LOGO, content_type="image/png", width=300, height=100),
        "lines": LINES,
        "signatory_name": SIGNATORY[0],
        "signatory_function": SIGNATORY[1],
    }
    return House(**{**values, **overrides})


def options(**overrides) -> dict:
    values = {
        "language": "en",
        "requesting_authority": requesting_authority(),
        "requested_authority": central_authority(),
        "names": NAMES,
    }
    return {**values, **overrides}


def footers(data: bytes) -> list[str]:
    document = docx.Document(io.BytesIO(data))
    return [s.footer._element.xml for s in document.sections]


def images(data: bytes) -> list[bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return [package.read(n) for n in package.namelist() if n.startswith("word/media/")]


def test_the_builtin_docx_shows_the_logo_the_lines_and_the_signatory():
    data = render_docx(mla_body("en"), house=house(), **options())
    top = paragraphs_before_title(data)
    assert top[:5] == ["Office of the Prosecutor General of Ukraine", *LINES]
    assert images(data) == [LOGO]
    paragraphs = [p.text for p in docx.Document(io.BytesIO(data)).paragraphs if p.text.strip()]
    assert paragraphs[-3:] == [*SIGNATORY, "Office of the Prosecutor General of Ukraine"]
    assert set(paragraphs[-4]) == {"_"}, "a line to sign on above the name"


def test_without_a_signatory_the_signature_still_says_name_function():
    for style in (None, house(signatory_name="", signatory_function="")):
        document = build_document(
            mla_body("en"),
            "en",
            requesting_authority=requesting_authority(),
            names=NAMES,
            house=style,
        )
        assert document.signature[1:] == [
            "Name, function",
            "Office of the Prosecutor General of Ukraine",
        ]
    letter = build_cover_letter(
        mla_body("en"),
        "en",
        requesting_authority=requesting_authority(),
        names=NAMES,
        house=house(),
    )
    assert letter.signature[1:] == [*SIGNATORY, "Office of the Prosecutor General of Ukraine"]
    assert letter.letterhead.lines == list(LINES) and letter.letterhead.contacts == []


def test_the_contact_stays_apart_from_the_signatory():
    document = build_document(
        mla_body("en"),
        "en",
        requesting_authority=requesting_authority(),
        names=NAMES,
        house=house(),
    )
    contact = next(s for s in document.sections if s.key == "contact")
    assert "Oksana Hrebeniuk" in [row.value for row in contact.rows]
    assert "Oksana Hrebeniuk" not in document.signature


def test_the_pdf_html_carries_the_logo_inline():
    html = render_html(mla_body("en"), house=house(), **options())
    assert '<img class="logo" src="data:image/png;base64,' in html
    assert "Olena Kovalenko" in html and "Deputy Minister of Justice" in html


@needs_poppler
def test_the_pdf_shows_the_logo_and_the_signatory(tmp_path):
    data = render_pdf(mla_body("en"), house=house(), **options())
    path = tmp_path / "house.pdf"
    path.write_bytes(data)
    listing = subprocess.run(  # noqa: S603 - fixed tool, our own file
        [PDFIMAGES, "-list", str(path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert [line.split()[3:5] for line in listing] == [["300", "100"]]
    assert_contains(pdf_text(data, tmp_path), [*LINES, *SIGNATORY], "pdf")
