"""Building house templates for tests: a DOCX with the paragraphs, header and footer given."""

import io

import docx


def template_docx(
    paragraphs: list[str], *, header: list[str] = (), footer: list[str] = (), table=None
) -> bytes:
    """A Word document whose body holds `paragraphs` (one run each), `table` (rows of cell texts)
    after them, and whose header and footer hold the lines given."""
    doc = docx.Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    if table:
        grid = doc.add_table(rows=0, cols=len(table[0]))
        for row in table:
            cells = grid.add_row().cells
            for cell, text in zip(cells, row, strict=True):
                cell.text = text
    section = doc.sections[0]
    for container, lines in ((section.header, header), (section.footer, footer)):
        if lines:
            container.paragraphs[0].text = lines[0]
            for line in lines[1:]:
                container.add_paragraph(line)
    saved = io.BytesIO()
    doc.save(saved)
    return saved.getvalue()
