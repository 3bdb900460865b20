"""House templates: an authority's own DOCX layout for its request documents.

    engine.py    renders a request into the template (docxtpl: Jinja2 inside a DOCX, sandboxed)
    checks.py    what an upload must be: a logo, letterhead lines, a template that renders
    default.py   builds default.docx, the template comity ships (`comity house-template`)

The placeholders a template may use are listed in docs/TEMPLATES.md and in PLACEHOLDERS below.
"""

from pathlib import Path

DEFAULT_TEMPLATE = Path(__file__).with_name("default.docx")

# Every name a template may use (docs/TEMPLATES.md describes each). A template that uses another
# is refused when it is uploaded: a typo would otherwise only show when a document is rendered.
PLACEHOLDERS = frozenset(
    {
        "part",
        "language",
        "direction",
        "rtl",
        "draft",
        "confidential",
        "urgent",
        "draft_mark",
        "page_numbers",
        "logo",
        "authority_name",
        "letterhead_lines",
        "place_date",
        "addressee_label",
        "addressee_lines",
        "title",
        "references",
        "reference",
        "their_reference",
        "body",
        "signatory_name",
        "signatory_function",
        "signature_lines",
        "annexes",
        "enclosure",
    }
)
