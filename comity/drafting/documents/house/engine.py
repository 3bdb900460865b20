"""A request as DOCX in an authority's house template (docxtpl: Jinja2 inside a DOCX).

Templates are uploaded by users, so they run in Jinja's SandboxedEnvironment with StrictUndefined
(a misspelt placeholder is an error, not a silent gap), and see plain values only: strings, lists
of strings, rows with a label and a value, and two inserts (the logo and the body) that have no
attribute to reach through. The body, from the salutation to the closing, is written by the
built-in renderer (docx.body_docx) and goes in as a subdocument: the request says the same as in
the built-in layout, in the template's styles.

Each part of a document (the cover letter, the request, the request in a second language) is the
template rendered once; the parts follow one another in one file, each from a new page, under the
first part's header and footer. Every page must carry the markings (DRAFT, CONFIDENTIAL, URGENT)
and "Page X of Y": where the template's headers do not show `{{ draft_mark }}`, the markings are
added at the top of the header, and where its headers and footers have no page number field,
"Page X of Y" is added to the footer.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import nsmap, qn
from docx.shared import Cm, Pt
from docx.text.paragraph import Paragraph
from docxcompose.composer import Composer
from docxtpl import DocxTemplate, InlineImage
from jinja2 import StrictUndefined
from jinja2.exceptions import SecurityError, TemplateError
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree

from comity.drafting.documents.context import document_parts
from comity.drafting.documents.docx import _PPR_ORDER, _child, _to_bytes, body_docx, page_numbers
from comity.drafting.documents.labels import labels
from comity.drafting.documents.model import (
    CoverLetter,
    Document,
    House,
    Page,
    for_rtl,
    plain,
)

# docxcompose (imported by docxtpl) points python-docx's prefix "cp" at the custom-properties
# namespace, for the whole process: python-docx then writes a document's core properties (title,
# author) wrongly. Put the prefix back; docxcompose's own queries name their namespaces.
nsmap["cp"] = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"

LOGO_HEIGHT, LOGO_WIDTH = Cm(2.0), Cm(7.0)
# Repeating a text or a list in a template: enough for a rule of dashes, not for a gigabyte.
_MAX_REPEAT = 1000


class HouseTemplateError(Exception):
    """The house template could not be filled in with this request; the message says where."""


class _Sandbox(SandboxedEnvironment):
    """The sandbox, also refusing ** and large repetitions ("x" * 10**9), which would take the
    renderer's memory before its time bound stops it."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context, operator, left, right):
        if operator == "**":
            raise SecurityError("the power operator (**) is not available in house templates")
        if isinstance(left, (str, list, tuple)) or isinstance(right, (str, list, tuple)):
            count = right if isinstance(left, (str, list, tuple)) else left
            if isinstance(count, int) and count > _MAX_REPEAT:
                raise SecurityError(f"a repetition may be at most {_MAX_REPEAT} long")
        return super().call_binop(context, operator, left, right)


def environment() -> SandboxedEnvironment:
    """A fresh sandbox for one rendering; autoescape, since the values go into XML."""
    return _Sandbox(autoescape=True, undefined=StrictUndefined)


class Insert:
    """XML that a template prints (the logo, the body) but cannot look into: its one attribute
    starts with "_", which the sandbox refuses."""

    __slots__ = ("_xml",)

    def __init__(self, xml: Callable[[], str]):
        self._xml = xml

    def __html__(self) -> str:
        return self._xml()

    def __str__(self) -> str:
        return self._xml()


# --- The values of one part ---------------------------------------------------------------------


def _logo(tpl: DocxTemplate, house: House) -> Insert | str:
    logo = house.logo
    if logo is None:
        return ""
    height = LOGO_HEIGHT
    if logo.width * LOGO_HEIGHT > logo.height * LOGO_WIDTH:  # wide: the width decides
        height = int(LOGO_WIDTH * logo.height / logo.width)
    image = InlineImage(tpl, io.BytesIO(logo.data), height=height)
    return Insert(image.__html__)


class _Composer(Composer):
    """Brings one document's body into another: the styles, numbering, pictures and other parts
    it uses. docxcompose does this element by element and lists every style again for each one;
    done for the whole body at once, it is many times faster."""

    def attach(self, doc) -> list:
        """`doc`'s body elements, now referring to this document's parts (styles, pictures, ...)."""
        self.reset_reference_mapping()
        self._create_style_id_mapping(doc)
        body = doc.element.body
        if body.sectPr is not None:
            body.remove(body.sectPr)
        self.add_referenced_parts(doc.part, self.doc.part, body)
        self.add_styles(doc, body)
        self.add_numberings(doc, body)
        self.add_images(doc, body)
        self.add_diagrams(doc, body)
        self.add_shapes(doc, body)
        self.add_footnotes(doc, body)
        self.remove_header_and_footer_references(doc, body)
        self.add_styles_from_other_parts(doc)
        return list(body)

    def renumber(self) -> None:
        """Unique ids for bookmarks and pictures, once every body is in place."""
        self.renumber_bookmarks()
        self.renumber_docpr_ids()
        self.renumber_nvpicpr_ids()


def _body(tpl: DocxTemplate, part: Document | CoverLetter) -> Insert:
    elements = _Composer(tpl.get_docx()).attach(body_docx(part))
    xml = "".join(etree.tostring(element, encoding="unicode") for element in elements)
    return Insert(lambda: xml)


def markings(parts: list[Document | CoverLetter]) -> str:
    """The markings of every page, in each language of the document ("DRAFT · CONFIDENTIAL",
    then the same in the second language): the parts share the first part's header."""
    seen: list[str] = []
    for part in parts:
        text = " · ".join(part.page.markings)
        if text and text not in seen:
            seen.append(text)
    return " / ".join(seen)


def _small_run(paragraph, text: str = ""):
    run = paragraph.add_run(text)
    run.font.size = Pt(8.5)
    return run


def _page_numbers(page: Page) -> Insert:
    """The runs of "Page X of Y" in the language's order, for {{r page_numbers }}."""
    paragraph = Paragraph(OxmlElement("w:p"), None)
    page_numbers(paragraph, page.page_template, words=_small_run, numbers=_small_run)
    xml = "".join(etree.tostring(run, encoding="unicode") for run in paragraph._p)
    return Insert(lambda: xml)


def part_context(
    tpl: DocxTemplate, part: Document | CoverLetter, *, house: House, mark: str, page: Page
) -> dict[str, Any]:
    """The values a template sees for one part: house.PLACEHOLDERS (docs/TEMPLATES.md)."""
    t = labels(part.language)
    letter = isinstance(part, CoverLetter)
    shown = for_rtl(part)
    by_label = {plain(row.label): row for row in shown.references}
    date = by_label.pop(t["word.date"], None)
    references = [row for row in shown.references if plain(row.label) in by_label]
    letterhead = shown.letterhead
    return {
        "part": "cover_letter" if letter else "request",
        "language": part.language,
        "direction": part.direction,
        "rtl": part.direction == "rtl",
        "draft": t["word.draft"] in part.page.markings,
        "confidential": t["word.confidential"] in part.page.markings,
        "urgent": t["word.urgent"] in part.page.markings,
        "draft_mark": mark,
        "page_numbers": _page_numbers(page),
        "logo": _logo(tpl, house),
        "authority_name": letterhead.name if letterhead else "",
        "letterhead_lines": letterhead.text_lines() if letterhead else [],
        "place_date": (date.value if date else "") if letter else shown.place_date,
        "addressee_label": shown.addressee_label,
        "addressee_lines": list(shown.addressee),
        "title": "" if letter else shown.title,
        "references": references,
        "reference": _value(by_label, t["word.our_reference"]),
        "their_reference": _value(by_label, t["word.their_reference"]),
        "body": _body(tpl, shown),
        "signatory_name": house.signatory_name,
        "signatory_function": house.signatory_function,
        "signature_lines": list(shown.signature),
        "annexes": list(shown.annexes if letter else _annexes(shown)),
        "enclosure": f"{shown.enclosure.label}: {shown.enclosure.value}" if letter else "",
    }


def _value(rows: Mapping, label: str) -> str:
    row = rows.get(label)
    return row.value if row else ""


def _annexes(document: Document) -> list[str]:
    return [
        item for section in document.sections if section.key == "annexes" for item in section.items
    ]


# --- Rendering ----------------------------------------------------------------------------------


def _render_part(template: bytes, part, *, house: House, mark: str, page: Page):
    tpl = DocxTemplate(io.BytesIO(template))
    tpl.init_docx()
    tpl.render(part_context(tpl, part, house=house, mark=mark, page=page), environment(), True)
    if part.direction == "rtl":
        _right_to_left(tpl.docx.element.body)
    return tpl.docx


def _right_to_left(element) -> None:
    """Every paragraph of a right-to-left part runs right to left, the template's own included
    (in such a paragraph Word reads "right" alignment as "end": a date set to the right in the
    template goes to the left, where an Arabic letter has it)."""
    for paragraph in element.iter(qn("w:p")):
        _child(paragraph.get_or_add_pPr(), "w:bidi", _PPR_ORDER)


def _reopened(doc):
    """The document read afresh: docxtpl puts the rendered headers and footers in new parts,
    which python-docx's own view of the package only sees once the file is read again."""
    saved = io.BytesIO()
    doc.save(saved)
    return docx.Document(io.BytesIO(saved.getvalue()))


def _parts(body: Mapping[str, Any], options: dict) -> list[Document | CoverLetter]:
    return [
        part
        for document, letter in document_parts(body, **options)
        for part in (letter, document)
        if part is not None
    ]


def render_house_docx(body: Mapping[str, Any], *, house: House, **options) -> bytes:
    """The request as DOCX in `house.template`; `options` as for `context.document_parts`."""
    parts = _parts(body, {**options, "house": house})
    mark, page = markings(parts), parts[0].page
    try:
        documents = [
            _render_part(house.template, part, house=house, mark=mark, page=page) for part in parts
        ]
    except TemplateError as exc:
        raise HouseTemplateError(exc.message or type(exc).__name__) from exc
    except (ValueError, KeyError, etree.LxmlError) as exc:
        raise HouseTemplateError(str(exc)[:200] or type(exc).__name__) from exc
    doc = _reopened(_join(documents))
    if page.direction == "rtl":
        for _section, headers, footers in _in_use(doc):
            for part in (*headers, *footers):
                _right_to_left(part._element)
    _ensure_markings(doc, mark, page)
    _ensure_page_numbers(doc, page)
    return _to_bytes(doc)


def _join(documents: list):
    """The parts one after the other, each from a new page, in the first part's sections."""
    first = documents[0]
    if len(documents) > 1:
        composer = _Composer(first)
        for doc in documents[1:]:
            first.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            end = first.element.body.sectPr
            for element in composer.attach(doc):
                if end is not None:
                    end.addprevious(element)
                else:
                    first.element.body.append(element)
        composer.renumber()
    return first


# --- What every page carries --------------------------------------------------------------------


def _in_use(doc) -> Iterator[tuple[object, list, list]]:
    """(section, its headers, its footers) as Word prints them: the first-page ones only when the
    section has a different first page, the even-page ones only when the document has them."""
    even = doc.settings.odd_and_even_pages_header_footer
    for section in doc.sections:
        headers, footers = [section.header], [section.footer]
        if section.different_first_page_header_footer:
            headers.append(section.first_page_header)
            footers.append(section.first_page_footer)
        if even:
            headers.append(section.even_page_header)
            footers.append(section.even_page_footer)
        yield section, headers, footers


def _text(part) -> str:
    return "".join(t.text or "" for t in part._element.iter(qn("w:t")))


_PAGE_FIELD = re.compile(r"\bPAGE\b")


def _has_page_field(part) -> bool:
    element = part._element
    instructions = [node.text or "" for node in element.iter(qn("w:instrText"))]
    instructions += [node.get(qn("w:instr"), "") for node in element.iter(qn("w:fldSimple"))]
    return any(_PAGE_FIELD.search(text) for text in instructions)


def _ensure_markings(doc, mark: str, page: Page) -> None:
    if not mark:
        return
    for _section, headers, _footers in _in_use(doc):
        for header in headers:
            if mark in _text(header):
                continue
            paragraphs = header.paragraphs
            paragraph = (
                paragraphs[0].insert_paragraph_before() if paragraphs else header.add_paragraph()
            )
            _direction(paragraph, page)
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = paragraph.add_run(mark)
            run.bold = True
            run.font.size = Pt(10)


def _ensure_page_numbers(doc, page: Page) -> None:
    for _section, headers, footers in _in_use(doc):
        if any(_has_page_field(part) for part in (*headers, *footers)):
            continue
        for footer in footers:
            paragraph = footer.add_paragraph()
            _direction(paragraph, page)
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            page_numbers(paragraph, page.page_template, words=_small_run, numbers=_small_run)


def _direction(paragraph, page: Page) -> None:
    if page.direction == "rtl":
        _child(paragraph._p.get_or_add_pPr(), "w:bidi", _PPR_ORDER)
