"""Request documents: the vocabulary (labels), a neutral model, and DOCX and PDF renderers.

    from comity.drafting.documents.docx import render_docx
    from comity.drafting.documents.pdf import render_pdf

Both take the request body (a dict, possibly an incomplete draft), the language, an optional
second language for a bilingual document, and the two authorities (directory entries or None),
and the requesting authority's house style (logo, letterhead lines, signatory). A DOCX in the
authority's own house template is made by house/engine.py (docs/TEMPLATES.md).
"""
