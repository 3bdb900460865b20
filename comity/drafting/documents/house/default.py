"""The default house template (default.docx): the built-in layout written as a template, for
authorities to download, restyle in Word or LibreOffice and upload as their own.

Regenerate the committed file with `comity house-template` after changing this module; a test
checks that the file and this module agree. Placeholders: docs/TEMPLATES.md.
"""

from __future__ import annotations

import datetime

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from comity.drafting.documents.docx import _PPR_ORDER, _child, _new_docx, _to_bytes


def _paragraph(
    container,
    *runs: str | tuple[str, dict],
    style: str | None = None,
    align=None,
    after: float | None = 0,
    size: float | None = None,
):
    """A paragraph of runs: text, or (text, {"bold": True}) for a bold run."""
    paragraph = container.add_paragraph(style=style)
    if align is not None:
        paragraph.alignment = align
    if after is not None:
        paragraph.paragraph_format.space_after = Pt(after)
    for run in runs:
        text, options = (run, {}) if isinstance(run, str) else run
        added = paragraph.add_run(text)
        added.bold = options.get("bold")
        if size or options.get("size"):
            added.font.size = Pt(options.get("size") or size)
    return paragraph


def _rule(paragraph) -> None:
    """A thin line under the letterhead."""
    borders = _child(paragraph._p.get_or_add_pPr(), "w:pBdr", _PPR_ORDER)
    bottom = OxmlElement("w:bottom")
    for key, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "6B7280")):
        bottom.set(qn(f"w:{key}"), value)
    borders.append(bottom)


def build_default_template() -> bytes:
    """default.docx, byte for byte (fixed dates in its properties and its archive)."""
    doc = _new_docx()
    core = doc.core_properties
    core.title, core.author, core.last_modified_by = "comity house template", "comity", "comity"
    core.created = core.modified = datetime.datetime(2026, 1, 1)
    core.revision = 1
    section = doc.sections[0]

    header = section.header.paragraphs[0]
    header.text = ""
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = header.add_run("{{ draft_mark }}")
    run.bold, run.font.size = True, Pt(10)

    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("{{r page_numbers }}").font.size = Pt(8.5)

    body = doc
    _paragraph(body, "{%p if logo %}")
    _paragraph(body, "{{ logo }}", after=4)
    _paragraph(body, "{%p endif %}")
    _paragraph(body, ("{{ authority_name }}", {"bold": True, "size": 12}))
    _paragraph(body, "{%p for line in letterhead_lines %}")
    _paragraph(body, "{{ line }}", size=9)
    _paragraph(body, "{%p endfor %}")
    _rule(_paragraph(body, after=10))
    _paragraph(body, "{{ place_date }}", align=WD_ALIGN_PARAGRAPH.RIGHT, after=6)
    _paragraph(body, after=6)
    _paragraph(body, ("{{ addressee_label }}:", {"bold": True}))
    _paragraph(body, "{%p for line in addressee_lines %}")
    _paragraph(body, "{{ line }}")
    _paragraph(body, "{%p endfor %}")
    _paragraph(body, after=6)
    _paragraph(body, "{%p if title %}")
    _paragraph(body, "{{ title }}", style="Title", align=WD_ALIGN_PARAGRAPH.CENTER, after=None)
    _paragraph(body, "{%p endif %}")
    _paragraph(body, "{%p for row in references %}")
    _paragraph(body, ("{{ row.label }}: ", {"bold": True}), "{{ row.value }}")
    _paragraph(body, "{%p endfor %}")
    _paragraph(body, after=4)
    _paragraph(body, "{{p body }}")
    _paragraph(body, after=24)
    _paragraph(body, "{%p for line in signature_lines %}")
    _paragraph(body, ("{{ line }}", {"bold": True}))
    _paragraph(body, "{%p endfor %}")
    _paragraph(body, "{%p if enclosure %}")
    _paragraph(body, after=12)
    _paragraph(body, ("{{ enclosure }}", {"bold": True}))
    _paragraph(body, "{%p for annex in annexes %}")
    _paragraph(body, "{{ annex }}")
    _paragraph(body, "{%p endfor %}")
    _paragraph(body, "{%p endif %}")

    return _to_bytes(doc)
