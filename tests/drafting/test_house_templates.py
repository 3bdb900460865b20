"""Word documents from an authority's own house template (docxtpl, sandboxed): the DOCX still holds
every value the drafter entered, the letterhead and the signatory; every page carries the DRAFT
mark and "Page X of Y", added when the template lacks them; parts in two languages and cover
letters make one file; Arabic parts run right to left. The default template that ships is the one
its code builds.
"""

import copy
import io
import re
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docxtpl import DocxTemplate
from lxml import etree

from comity.drafting.documents.context import document_parts
from comity.drafting.documents.house import DEFAULT_TEMPLATE, PLACEHOLDERS
from comity.drafting.documents.house.default import build_default_template
from comity.drafting.documents.house.engine import part_context, render_house_docx
from comity.drafting.documents.labels import labels
from tests.drafting.house import template_docx
from tests.drafting.test_documents import assert_contains, docx_text, entered_values, mla_body
from tests.drafting.test_documents_formal import headers, paragraphs_before_title
from tests.drafting.test_house_documents import (
    LINES,
    LOGO,
    SIGNATORY,
    footers,
    house,
    images,
    options,
)

# A template of the authority's own: its own words around the placeholders, a header without the
# markings and a footer without page numbers (comity adds both).
CUSTOM = template_docx(
    [
        "{%p if logo %}",
        "{{ logo }}",
        "{%p endif %}",
        "KESTREL MINISTRY HOUSE STYLE — {{ authority_name }}",
        "{%p for line in letterhead_lines %}",
        "{{ line }}",
        "{%p endfor %}",
        "{{ place_date }}",
        "{{ addressee_label }}: {{ addressee_lines|join(', ') }}",
        "{{ title }}",
        "{%p for row in references %}",
        "{{ row.label }}: {{ row.value }}",
        "{%p endfor %}",
        "{{p body }}",
        "{%p for line in signature_lines %}",
        "{{ line }}",
        "{%p endfor %}",
    ],
    header=["Ministry of Justice of Ukraine — outgoing correspondence"],
    footer=["Registered under the Kestrel rules"],
)


def test_a_custom_template_holds_every_entered_value_the_letterhead_and_the_signatory():
    body = mla_body("en")
    data = render_house_docx(body, house=house(template=CUSTOM), **options())
    text = docx_text(data)
    assert_contains(
        text,
        [
            *entered_values(body, "en"),
            *LINES,
            *SIGNATORY,
            "KESTREL MINISTRY HOUSE STYLE — Office of the Prosecutor General of Ukraine",
            "Registered under the Kestrel rules",
        ],
        "house template docx",
    )
    assert "15 Riznytska Street" not in text, "the lines replace the directory's address"
    assert images(data) == [LOGO]
    assert len(docx.Document(io.BytesIO(data)).inline_shapes) == 1


def test_a_custom_template_without_the_markings_gets_them_on_every_page():
    data = render_house_docx(mla_body("en"), house=house(template=CUSTOM), **options())
    for header in headers(data):
        assert "DRAFT · CONFIDENTIAL · URGENT" in header
        assert "outgoing correspondence" in header, "the template's own header stays"


def test_a_custom_template_without_page_numbers_gets_page_x_of_y():
    data = render_house_docx(mla_body("en"), house=house(template=CUSTOM), **options())
    for footer in footers(data):
        assert " PAGE " in footer and " NUMPAGES " in footer
        assert "Page " in footer and " of " in footer
        assert "Kestrel rules" in footer


@pytest.mark.parametrize(("lang", "first"), [("en", " PAGE "), ("ja", " NUMPAGES ")])
def test_page_x_of_y_follows_the_order_of_the_language(lang, first):
    """Japanese names the total first ("{pages}ページ中{page}ページ"), in a house template's footer
    and in the one added to a template without page numbers."""
    for template in (DEFAULT_TEMPLATE.read_bytes(), CUSTOM):
        data = render_house_docx(
            mla_body(lang), house=house(template=template), **options(language=lang)
        )
        for footer in footers(data):
            assert "{page" not in footer
            second = " PAGE " if first == " NUMPAGES " else " NUMPAGES "
            assert footer.index(first) < footer.index(second)


def test_the_default_template_shows_the_markings_once_and_a_final_request_none():
    template = DEFAULT_TEMPLATE.read_bytes()
    draft = render_house_docx(mla_body("en"), house=house(template=template), **options())
    assert [header.count("DRAFT") for header in headers(draft)] == [1]
    body = copy.deepcopy(mla_body("en"))
    body["confidentiality"], body["urgency"] = {}, {}
    final = render_house_docx(body, house=house(template=template), **options(final=True))
    assert not any(header.strip() for header in headers(final))
    assert all(" PAGE " in footer for footer in footers(final))


def test_the_default_template_holds_every_entered_value():
    body = mla_body("fr")
    data = render_house_docx(
        body, house=house(template=DEFAULT_TEMPLATE.read_bytes()), **options(language="fr")
    )
    assert_contains(docx_text(data), [*entered_values(body, "fr"), *LINES, *SIGNATORY], "fr")
    assert paragraphs_before_title(data)[:2] == [
        "Office of the Prosecutor General of Ukraine",
        LINES[0],
    ]


def test_a_bilingual_document_with_cover_letters_is_one_file_marked_in_both_languages():
    data = render_house_docx(
        mla_body("en"),
        house=house(template=DEFAULT_TEMPLATE.read_bytes()),
        **options(bilingual="uk", with_cover_letter=True),
    )
    text = docx_text(data)
    for lang in ("en", "uk"):
        assert labels(lang)["title.mla"] in text
        assert labels(lang)["text.cover"].split("{")[0].strip() in text
    header = " ".join(headers(data))
    assert "DRAFT" in header and labels("uk")["word.draft"] in header
    assert images(data) == [LOGO], "one picture, shown in each of the four parts"
    assert len(docx.Document(io.BytesIO(data)).inline_shapes) == 4


def test_an_arabic_document_from_a_template_runs_right_to_left():
    data = render_house_docx(
        mla_body("ar"),
        house=house(template=DEFAULT_TEMPLATE.read_bytes()),
        **options(language="ar"),
    )
    document = docx.Document(io.BytesIO(data))
    texts = [p for p in document.paragraphs if p.text.strip()]
    assert texts and all(
        p._p.pPr is not None and p._p.pPr.find(qn("w:bidi")) is not None for p in texts
    )
    assert labels("ar")["word.draft"] in " ".join(headers(data))


def test_a_template_sees_exactly_the_placeholders_it_may_use():
    tpl = DocxTemplate(io.BytesIO(DEFAULT_TEMPLATE.read_bytes()))
    tpl.init_docx()
    document, letter = next(document_parts(mla_body("en"), with_cover_letter=True, **options()))
    for part in (document, letter):
        values = part_context(tpl, part, house=house(), mark="DRAFT", page=document.page)
        assert set(values) == PLACEHOLDERS


def test_the_committed_default_template_is_what_the_code_builds():
    """If this fails, run `comity house-template` and commit default.docx."""
    assert build_default_template() == DEFAULT_TEMPLATE.read_bytes()


def test_every_placeholder_is_documented():
    text = (Path(__file__).resolve().parents[2] / "docs" / "TEMPLATES.md").read_text()
    rows = re.findall(r"^\| (`[a-z_]+`(?:, `[a-z_]+`)*) \|", text, re.M)
    documented = {name for row in rows for name in re.findall(r"`([a-z_]+)`", row)}
    assert documented == PLACEHOLDERS


def test_python_docx_keeps_writing_core_properties_once_docxtpl_is_loaded():
    """docxcompose, loaded with docxtpl, repoints python-docx's "cp" prefix for the whole process."""
    import comity.drafting.documents.house.engine  # noqa: F401 - loads docxtpl and docxcompose

    doc = docx.Document()
    doc.core_properties.last_modified_by = "Ministry of Justice"
    saved = io.BytesIO()
    doc.save(saved)
    with zipfile.ZipFile(saved) as package:
        core = etree.fromstring(package.read("docProps/core.xml"))
    found = core.find(
        "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}lastModifiedBy"
    )
    assert found is not None and found.text == "Ministry of Justice"
