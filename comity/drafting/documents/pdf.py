"""The request as PDF: the neutral model, rendered by templates/drafting/document.html, printed by
WeasyPrint with the fonts shipped in comity/drafting/fonts (so no system font is needed).

Each language part has its own named page, so the running header (confidentiality marking) and
the "Page X of Y" footer are in that part's language and direction.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import mark_safe

from comity.drafting.documents.context import names_for
from comity.drafting.documents.model import (
    Names,
    Page,
    build_cover_letter,
    build_document,
    for_rtl,
    has_rtl,
)

FONTS_DIR = Path(__file__).resolve().parent.parent / "fonts"
TEMPLATE = "drafting/document.html"

# (family, weight, file). Naming the files in one place keeps the CSS and the repo in step.
FONT_FACES = (
    ("Noto Sans", 400, "NotoSans-Regular.ttf"),
    ("Noto Sans", 700, "NotoSans-Bold.ttf"),
    ("Noto Naskh Arabic", 400, "NotoNaskhArabic-Regular.ttf"),
    ("Noto Naskh Arabic", 700, "NotoNaskhArabic-Bold.ttf"),
    ("Noto Sans SC", 400, "NotoSansSC-Regular.ttf"),
    ("Noto Sans SC", 700, "NotoSansSC-Bold.ttf"),
)


def ltr_spans(text: str) -> str:
    """Escaped text whose lines without right-to-left letters sit in <span dir="ltr">."""
    return mark_safe(
        "\n".join(
            f'<span dir="ltr">{escape(line)}</span>'
            if line.strip() and not has_rtl(line)
            else escape(line)
            for line in text.split("\n")
        )
    )


def css_string(text: str) -> str:
    """A CSS string literal that cannot end the string or the <style> element."""
    escaped = re.sub(r'[\\"<>\n]', lambda m: f"\\{ord(m.group()):x} ", text)
    return f'"{escaped}"'


def _font_faces() -> str:
    return "\n".join(
        f"@font-face {{ font-family: {css_string(family)}; font-weight: {weight}; "
        f"font-style: normal; src: url({css_string((FONTS_DIR / name).as_uri())}); }}"
        for family, weight, name in FONT_FACES
    )


def _page_rules(name: str, page: Page) -> str:
    """@page rules of one language part: markings on top, "Page X of Y" below."""
    before, _, rest = page.page_template.partition("{page}")
    middle, _, after = rest.partition("{pages}")
    counter = " ".join(
        p
        for p in (
            css_string(before) if before else "",
            "counter(page)",
            css_string(middle) if middle else "",
            "counter(pages)",
            css_string(after) if after else "",
        )
        if p
    )
    rules = [f"@bottom-center {{ content: {counter}; direction: {page.direction}; }}"]
    if page.markings:
        marking = css_string(" · ".join(page.markings))
        rules.append(f"@top-center {{ content: {marking}; direction: {page.direction}; }}")
    return f"@page {name} {{ {' '.join(rules)} }}"


def render_html(
    body: Mapping[str, Any],
    *,
    language: str,
    bilingual: str | None = None,
    requesting_authority=None,
    central_authority=None,
    with_cover_letter: bool = False,
    names: Names | None = None,
    today=None,
) -> str:
    """The HTML that render_pdf prints (also handy to inspect a document in a browser)."""
    names = names_for(body, names)
    languages = [language] + ([bilingual] if bilingual and bilingual != language else [])
    kwargs = {
        "requesting_authority": requesting_authority,
        "central_authority": central_authority,
        "names": names,
        "today": today,
    }
    parts, pages = [], []
    for lang in languages:
        document = for_rtl(build_document(body, lang, **kwargs), ltr_spans)
        letter = (
            for_rtl(build_cover_letter(body, lang, **kwargs), ltr_spans)
            if with_cover_letter
            else None
        )
        name = f"part{len(parts) + 1}"
        pages.append(_page_rules(name, document.page))
        parts.append({"name": name, "document": document, "letter": letter})
    first = parts[0]["document"]
    return render_to_string(
        TEMPLATE,
        {
            "parts": parts,
            "language": first.language,
            "direction": first.direction,
            "title": first.title,
            "font_faces": mark_safe(_font_faces()),
            "page_rules": mark_safe("\n".join(pages)),
        },
    )


def render_pdf(
    body: Mapping[str, Any],
    *,
    language: str,
    bilingual: str | None = None,
    requesting_authority=None,
    central_authority=None,
    with_cover_letter: bool = False,
    names: Names | None = None,
    today=None,
) -> bytes:
    """The request as PDF: the whole document in `language`, then (new page) in `bilingual`.

    `names` (States' and instruments' names) is read from the database when not given.
    """
    from weasyprint import HTML

    html = render_html(
        body,
        language=language,
        bilingual=bilingual,
        requesting_authority=requesting_authority,
        central_authority=central_authority,
        with_cover_letter=with_cover_letter,
        names=names,
        today=today,
    )
    return HTML(string=html, base_url=FONTS_DIR.as_uri() + "/").write_pdf()


def render_cover_letter_pdf(
    body: Mapping[str, Any],
    *,
    language: str,
    requesting_authority=None,
    central_authority=None,
    names: Names | None = None,
    today=None,
) -> bytes:
    """The cover letter alone."""
    from weasyprint import HTML

    letter = for_rtl(
        build_cover_letter(
            body,
            language,
            requesting_authority=requesting_authority,
            central_authority=central_authority,
            names=names_for(body, names),
            today=today,
        ),
        ltr_spans,
    )
    html = render_to_string(
        TEMPLATE,
        {
            "parts": [{"name": "part1", "document": None, "letter": letter}],
            "language": letter.language,
            "direction": letter.direction,
            "title": letter.heading,
            "font_faces": mark_safe(_font_faces()),
            "page_rules": mark_safe(_page_rules("part1", letter.page)),
        },
    )
    return HTML(string=html, base_url=FONTS_DIR.as_uri() + "/").write_pdf()
