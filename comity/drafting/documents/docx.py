"""The request as a Word document (python-docx), from the neutral model in model.py.

Fonts are named per script slot (w:rFonts ascii/hAnsi = Noto Sans, eastAsia = Noto Sans SC,
cs = Noto Naskh Arabic) so Word and LibreOffice pick the right face for each character; the runs
of a Japanese or Korean part name their own eastAsia face (Noto Sans JP, Noto Sans KR), whose Han
characters have the shapes those languages print, and carry the language as w:lang eastAsia.
Arabic paragraphs carry w:bidi and their runs w:rtl; in a bidi paragraph the natural start is the right
margin, so body text is right-aligned without a w:jc (Word reads w:jc left/right as start/end of
a bidi paragraph, and writing "right" would put Arabic text on the left margin).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping
from typing import Any

from docx import Document as new_docx
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT, WD_TABLE_DIRECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Pt, RGBColor
from docx.table import _Cell
from docx.text.run import Run

from comity.drafting.documents.context import document_parts
from comity.drafting.documents.model import (
    PAGE_FIELDS,
    CoverLetter,
    Document,
    Letter,
    Letterhead,
    Logo,
    Page,
    Row,
    for_rtl,
    has_rtl,
)

LATIN_FONT = "Noto Sans"
ARABIC_FONT = "Noto Naskh Arabic"
CHINESE_FONT = "Noto Sans SC"
# The eastAsia face of each East Asian document language (the styles name the Chinese one).
EAST_ASIAN_FONTS = {"zh": CHINESE_FONT, "ja": "Noto Sans JP", "ko": "Noto Sans KR"}
LOGO_HEIGHT, LOGO_WIDTH = Cm(2.0), Cm(7.0)

_LANG_TAGS = {
    "en": "en-GB",
    "fr": "fr-FR",
    "es": "es-ES",
    "ru": "ru-RU",
    "uk": "uk-UA",
    "ar": "ar-SA",
    "zh": "zh-CN",
    "ja": "ja-JP",
    "ko": "ko-KR",
    "tr": "tr-TR",
}
_RPR_ORDER = (
    "w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike",
    "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof", "w:snapToGrid",
    "w:vanish", "w:webHidden", "w:color", "w:spacing", "w:w", "w:kern", "w:position", "w:sz",
    "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign",
    "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath",
)  # fmt: skip
_PPR_ORDER = (
    "w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl",
    "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens",
    "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE",
    "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
    "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection",
    "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr",
    "w:sectPr", "w:pPrChange",
)  # fmt: skip
_SECTPR_AFTER_BIDI = ("w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange")


def _child(parent, tag: str, order: tuple[str, ...], **attrs):
    """parent's <tag> (created in schema order if missing), with attrs set."""
    found = parent.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        successors = order[order.index(tag) + 1 :]
        parent.insert_element_before(found, *successors)
    for key, value in attrs.items():
        found.set(qn(f"w:{key}"), value)
    return found


def _element(tag: str, **attrs):
    """<tag> with these w: attributes, in this order."""
    return OxmlElement(tag, {qn(f"w:{key}"): value for key, value in attrs.items()})


def _append_text(r, text: str) -> None:
    """One line of text into the run, as python-docx's `run.text` writes it (a tab becomes
    w:tab), without its pass over every character and the XPath query that first empties
    the run."""
    for i, piece in enumerate(text.split("\t")):
        if i:
            r.add_tab()
        if piece:
            r.add_t(piece)


def _set_fonts(rpr) -> None:
    fonts = _child(rpr, "w:rFonts", _RPR_ORDER)
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{attr}"), None)
    fonts.set(qn("w:ascii"), LATIN_FONT)
    fonts.set(qn("w:hAnsi"), LATIN_FONT)
    fonts.set(qn("w:eastAsia"), CHINESE_FONT)
    fonts.set(qn("w:cs"), ARABIC_FONT)


def _prepare_styles(doc) -> None:
    """Explicit fonts in every style (no theme fonts), black headings, complex-script twins."""
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr_default = defaults.find(qn("w:rPrDefault"))
        if rpr_default is not None and rpr_default.find(qn("w:rPr")) is not None:
            _set_fonts(rpr_default.find(qn("w:rPr")))
    normal = doc.styles["Normal"]
    normal.font.size = Pt(10.5)
    normal.paragraph_format.space_after = Pt(4)
    for style in styles.findall(qn("w:style")):
        rpr = style.find(qn("w:rPr"))
        if rpr is None:
            if style.get(qn("w:styleId")) != "Normal":
                continue
            rpr = OxmlElement("w:rPr")
            style.append(rpr)
        _set_fonts(rpr)
        size = rpr.find(qn("w:sz"))
        if size is not None:
            _child(rpr, "w:szCs", _RPR_ORDER, val=size.get(qn("w:val")))
        if rpr.find(qn("w:b")) is not None:
            _child(rpr, "w:bCs", _RPR_ORDER)
        if rpr.find(qn("w:i")) is not None:
            rpr.remove(rpr.find(qn("w:i")))
        color = rpr.find(qn("w:color"))
        if color is not None:
            for attr in ("themeColor", "themeShade", "themeTint"):
                color.attrib.pop(qn(f"w:{attr}"), None)
            color.set(qn("w:val"), "1F2937")
    for name, size in (("Title", 16), ("Heading 1", 12.5), ("Heading 2", 11), ("Heading 3", 10.5)):
        style = doc.styles[name]
        style.font.size = Pt(size)
        style.font.bold = True
        rpr = style.element.get_or_add_rPr()
        _child(rpr, "w:szCs", _RPR_ORDER, val=str(int(size * 2)))
        _child(rpr, "w:bCs", _RPR_ORDER)
        style.paragraph_format.space_before = Pt(12 if name != "Heading 3" else 6)
        style.paragraph_format.space_after = Pt(4)
        style.paragraph_format.keep_with_next = True
    title = doc.styles["Title"]
    title_ppr = title.element.get_or_add_pPr()
    border = title_ppr.find(qn("w:pBdr"))
    if border is not None:
        title_ppr.remove(border)
    title.font.color.rgb = RGBColor(0x1F, 0x29, 0x37)


class _Writer:
    """Writes paragraphs and tables for one language part of the document."""

    def __init__(self, doc, page: Page):
        self.doc = doc
        self.page = page
        self.rtl = page.direction == "rtl"
        self.tag = _LANG_TAGS.get(page.language, "en-GB")
        self._style_ids: dict[str, str] = {}
        # w:val is the language of Latin and Cyrillic text; in a Chinese, Japanese, Korean or
        # Arabic document that text is names and references, and tagging it zh-CN makes
        # LibreOffice break Latin words anywhere. The script's own language goes to eastAsia /
        # bidi.
        east_asian = EAST_ASIAN_FONTS.get(page.language)
        self.lang = {"val": self.tag if page.language != "ar" and not east_asian else "en-GB"}
        if east_asian:
            self.lang["eastAsia"] = self.tag
        # Japanese and Korean runs name their own East Asian face; the styles name the Chinese.
        self.east_asian_font = east_asian if east_asian != CHINESE_FONT else None
        if self.rtl:
            self.lang["bidi"] = self.tag

    def style_id(self, name: str) -> str:
        """The id of the (not default) style called `name`. Assigning a style by name in
        python-docx reads every style of the document twice, to find it and to compare it with
        the default, on each paragraph; a document has hundreds of styled paragraphs."""
        if name not in self._style_ids:
            self._style_ids[name] = self.doc.styles[name].style_id
        return self._style_ids[name]

    # -- runs and paragraphs --

    def run(self, paragraph, text: str = "", *, bold: bool = False, size: float | None = None):
        """A run of `text` (one line) in this part's language, w:rtl only when it has Arabic
        letters (w:rtl makes Word use the cs font for the whole run, which would set Latin text
        and numbers in the Arabic face)."""
        r = paragraph._p.add_r()
        r.append(self._run_properties(bold=bold, size=size, rtl=self.rtl and has_rtl(text)))
        _append_text(r, text)
        return Run(r, paragraph)

    def _run_properties(self, *, bold: bool, size: float | None, rtl: bool):
        """A run's w:rPr, its children written in schema order at once: python-docx's setters
        search the element for the place of each child they add, and a long document has
        thousands of runs."""
        rpr = OxmlElement("w:rPr")
        if self.east_asian_font:
            rpr.append(_element("w:rFonts", eastAsia=self.east_asian_font))
        if bold:
            rpr.extend([OxmlElement("w:b"), OxmlElement("w:bCs")])
        if size:
            half_points = str(int(size * 2))
            rpr.extend([_element("w:sz", val=half_points), _element("w:szCs", val=half_points)])
        if rtl:
            rpr.append(OxmlElement("w:rtl"))
        rpr.append(_element("w:lang", **self.lang))
        return rpr

    def _paragraph_properties(self, *, style: str | None, center: bool, after: float | None):
        """A new paragraph's w:pPr (None when it has none), children in schema order."""
        children = []
        if style is not None:
            children.append(_element("w:pStyle", val=self.style_id(style)))
        if self.rtl:
            children.append(OxmlElement("w:bidi"))
        if after is not None:
            children.append(_element("w:spacing", after=str(Pt(after).twips)))
        if center:
            children.append(_element("w:jc", val="center"))
        if not children:
            return None
        ppr = OxmlElement("w:pPr")
        ppr.extend(children)
        return ppr

    def direction(self, paragraph) -> None:
        if self.rtl:
            _child(paragraph._p.get_or_add_pPr(), "w:bidi", _PPR_ORDER)

    def paragraph(
        self,
        text: str = "",
        *,
        container=None,
        style: str | None = None,
        bold: bool = False,
        size: float | None = None,
        center: bool = False,
        after: float | None = None,
    ):
        """A paragraph; line breaks in `text` become w:br (free text stays as written)."""
        container = container if container is not None else self.doc
        paragraph = container.add_paragraph()
        properties = self._paragraph_properties(style=style, center=center, after=after)
        if properties is not None:
            paragraph._p.insert(0, properties)
        for i, line in enumerate(text.split("\n")):
            if i:
                paragraph.add_run().add_break(WD_BREAK.LINE)
            if line:
                self.run(paragraph, line, bold=bold, size=size)
        return paragraph

    def labelled(self, row: Row, *, container=None):
        paragraph = self.paragraph(container=container, after=0)
        self.run(paragraph, f"{row.label}: ", bold=True)
        for i, line in enumerate(row.value.split("\n")):
            if i:
                paragraph.add_run().add_break(WD_BREAK.LINE)
            self.run(paragraph, line)
        return paragraph

    # -- blocks --

    def table(self, rows: list[Row]) -> None:
        table = self.doc.add_table(rows=0, cols=2)
        table._tbl.tblStyle_val = self.style_id("Table Grid")
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        if self.rtl:
            table.table_direction = WD_TABLE_DIRECTION.RTL
        widths = (Cm(5.2), Cm(11.3))
        for row in rows:
            # Rows and cells built here: table.add_row() parses a new cell from text and sizes
            # it from the grid, then row.cells works out the whole grid, for every row.
            tr = table._tbl.add_tr()
            for text, width, bold in ((row.label, widths[0], True), (row.value, widths[1], False)):
                properties = OxmlElement("w:tcPr")
                properties.append(_element("w:tcW", type="dxa", w=str(width.twips)))
                tc = OxmlElement("w:tc")
                tc.extend([properties, OxmlElement("w:p")])
                tr.append(tc)
                self._cell(_Cell(tc, table), text, bold=bold)
        self.doc.add_paragraph().paragraph_format.space_after = Pt(2)

    def _cell(self, cell, text: str, *, bold: bool = False) -> None:
        paragraph = cell.paragraphs[0]
        paragraph._p.insert(0, self._paragraph_properties(style=None, center=False, after=0))
        for i, line in enumerate(text.split("\n")):
            if i:
                paragraph.add_run().add_break(WD_BREAK.LINE)
            if line:
                self.run(paragraph, line, bold=bold)

    def letterhead(self, letterhead: Letterhead | None) -> None:
        if letterhead is None:
            return
        self.logo(letterhead.logo)
        self.paragraph(letterhead.name, bold=True, size=12, after=0)
        for line in letterhead.lines:
            self.paragraph(line, size=9, after=0)
        for row in letterhead.contacts:
            paragraph = self.paragraph(after=0)
            self.run(paragraph, f"{row.label}: ", size=9)
            self.run(paragraph, row.value, size=9)
        rule = self.paragraph(after=10)
        borders = _child(rule._p.get_or_add_pPr(), "w:pBdr", _PPR_ORDER)
        bottom = OxmlElement("w:bottom")
        for key, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "6B7280")):
            bottom.set(qn(f"w:{key}"), value)
        borders.append(bottom)

    def logo(self, logo: Logo | None) -> None:
        """The authority's logo above its name, at most LOGO_HEIGHT high and LOGO_WIDTH wide."""
        if logo is None:
            return
        height = LOGO_HEIGHT
        if logo.width * LOGO_HEIGHT > logo.height * LOGO_WIDTH:  # wide: the width decides
            height = Emu(int(LOGO_WIDTH * logo.height / logo.width))
        self.paragraph(after=4).add_run().add_picture(io.BytesIO(logo.data), height=height)

    def place_date(self, text: str) -> None:
        """The place and date line, at the end of the line (right in ltr, left in rtl)."""
        paragraph = self.paragraph(text, after=6)
        if not self.rtl:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT

    def addressee(self, label: str, lines: list[str]) -> None:
        self.paragraph(after=6)
        self.paragraph(f"{label}:", bold=True, after=0)
        for line in lines:
            self.paragraph(line, after=0)
        self.paragraph(after=6)

    def signature(self, lines: list[str]) -> None:
        if not lines:
            return
        self.paragraph(after=24)
        for i, line in enumerate(lines):
            self.paragraph(line, bold=i == 0, after=0)

    # -- page furniture --

    def furniture(self, section) -> None:
        """Markings in the header, "Page X of Y" in the footer, in this part's language."""
        section.header.is_linked_to_previous = False
        section.footer.is_linked_to_previous = False
        header = section.header.paragraphs[0]
        header.text = ""
        if self.page.markings:
            self.direction(header)
            header.alignment = WD_ALIGN_PARAGRAPH.CENTER
            self.run(header, " · ".join(self.page.markings), bold=True, size=10)
        footer = section.footer.paragraphs[0]
        footer.text = ""
        self.direction(footer)
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        page_numbers(
            footer,
            self.page.page_template,
            words=lambda paragraph, text: self.run(paragraph, text, size=8.5),
            numbers=self.run,
        )
        if self.rtl:
            sectpr = section._sectPr
            if sectpr.find(qn("w:bidi")) is None:
                bidi = OxmlElement("w:bidi")
                sectpr.insert_element_before(bidi, *_SECTPR_AFTER_BIDI)


def _write_document(w: _Writer, document: Document) -> None:
    document = for_rtl(document)
    w.letterhead(document.letterhead)
    w.place_date(document.place_date)
    w.addressee(document.addressee_label, document.addressee)
    w.paragraph(document.title, style="Title", center=True)
    for row in document.references:
        w.labelled(row)
    w.paragraph(after=4)
    _write_body(w, document)
    w.signature(document.signature)


def _write_body(w: _Writer, document: Document) -> None:
    """From the salutation to the closing (a house template's `{{p body }}`)."""
    w.paragraph(document.salutation)
    w.paragraph(document.opening)
    for number, section in enumerate(document.sections, 1):
        w.paragraph(f"{number}. {section.heading}", style="Heading 1")
        for text in section.paragraphs:
            w.paragraph(text)
        if section.rows:
            w.table(section.rows)
        for block in section.blocks:
            w.paragraph(block.title, style="Heading 2")
            if block.rows:
                w.table(block.rows)
        for item in section.items:
            w.paragraph(item, after=2)
    w.paragraph(after=6)
    w.paragraph(document.closing)


def _write_cover_letter(w: _Writer, letter: CoverLetter) -> None:
    letter = for_rtl(letter)
    w.letterhead(letter.letterhead)
    for row in letter.references:
        w.labelled(row)
    w.addressee(letter.addressee_label, letter.addressee)
    _write_letter_body(w, letter)
    w.signature(letter.signature)
    w.paragraph(after=12)
    w.labelled(letter.enclosure)
    for item in letter.annexes:
        w.paragraph(item, after=0)


def _write_letter(w: _Writer, letter: Letter) -> None:
    letter = for_rtl(letter)
    w.letterhead(letter.letterhead)
    for row in letter.references:
        w.labelled(row)
    w.place_date(letter.place_date)
    w.addressee(letter.addressee_label, letter.addressee)
    _write_letter_body(w, letter)
    w.signature(letter.signature)


def _write_letter_body(w: _Writer, letter: CoverLetter | Letter) -> None:
    """From the subject to the closing (a house template's `{{p body }}`)."""
    w.labelled(letter.subject)
    w.paragraph(after=6)
    w.paragraph(letter.salutation)
    for text in letter.paragraphs:
        w.paragraph(text)
    w.paragraph(letter.closing)


def body_docx(part: Document | CoverLetter):
    """The body of one part (salutation to closing; a cover letter's from its subject) alone in
    a document with the built-in styles, which the house template renderer inserts as
    `{{p body }}`. `part` has been through for_rtl already."""
    doc = _new_docx()
    w = _Writer(doc, part.page)
    (_write_letter_body if isinstance(part, CoverLetter) else _write_body)(w, part)
    return doc


def page_field(paragraph, instruction: str, *, new_run) -> None:
    """A complex field (PAGE, NUMPAGES) that Word and LibreOffice update on opening, showing "1"
    until they do, of runs made by `new_run(paragraph, text)`."""
    for kind, text in (("begin", None), (None, instruction), ("separate", None)):
        element = new_run(paragraph, "")._r
        if kind:
            element.append(_element("w:fldChar", fldCharType=kind))
        else:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = f" {text} "
            element.append(instr)
    new_run(paragraph, "1")
    paragraph.add_run()._r.append(_element("w:fldChar", fldCharType="end"))


def page_numbers(paragraph, page_template: str, *, words, numbers) -> None:
    """ "Page X of Y" in the order of the language's words ("{pages}ページ中{page}ページ" puts the
    total first): the words as runs made by `words(paragraph, text)`, the numbers as PAGE and
    NUMPAGES fields of runs made by `numbers(paragraph, text)`."""
    for i, part in enumerate(PAGE_FIELDS.split(page_template)):
        if i % 2:
            page_field(paragraph, "PAGE" if part == "page" else "NUMPAGES", new_run=numbers)
        elif part:
            words(paragraph, part)


def _new_docx():
    doc = new_docx()
    _prepare_styles(doc)
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.top_margin = section.bottom_margin = Cm(2.2)
    section.left_margin = section.right_margin = Cm(2.2)
    section.header_distance = section.footer_distance = Cm(1.0)
    return doc


def _part_section(doc, first: bool):
    return doc.sections[0] if first else doc.add_section(WD_SECTION.NEW_PAGE)


def _to_bytes(doc) -> bytes:
    """The document's bytes, the same for the same request: the archive's time stamps are fixed,
    so a version of a request always gives the same file (and the same checksum)."""
    saved = io.BytesIO()
    doc.save(saved)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(saved.getvalue())) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


def render_docx(body: Mapping[str, Any], **options) -> bytes:
    """The request as DOCX; `options` as for `context.document_parts` (language, bilingual,
    with_cover_letter, authorities, names, today). Each part starts on a new page."""
    doc = _new_docx()
    first = True
    for document, letter in document_parts(body, **options):
        for write, part in ((_write_cover_letter, letter), (_write_document, document)):
            if part is None:
                continue
            w = _Writer(doc, part.page)
            w.furniture(_part_section(doc, first))
            first = False
            write(w, part)
    return _to_bytes(doc)


def render_letter_docx(letter: Letter) -> bytes:
    """A letter about a request (model.Letter) as DOCX, with the request's page furniture."""
    doc = _new_docx()
    w = _Writer(doc, letter.page)
    w.furniture(_part_section(doc, True))
    _write_letter(w, letter)
    return _to_bytes(doc)
