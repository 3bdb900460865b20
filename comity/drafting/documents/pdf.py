"""The request as PDF: the neutral model, rendered by templates/drafting/document.html, printed by
WeasyPrint with the fonts shipped in comity/drafting/fonts (so no system font is needed) and the
style of templates/drafting/document.css.

Each language part has its own named page, so the running header (confidentiality marking) and
the "Page X of Y" footer are in that part's language and direction.
"""

from __future__ import annotations

import atexit
import functools
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import mark_safe

from comity.drafting.documents.context import document_parts
from comity.drafting.documents.model import (
    PAGE_FIELDS,
    Letter,
    Page,
    for_rtl,
    has_rtl,
)

FONTS_DIR = Path(__file__).resolve().parent.parent / "fonts"
TEMPLATE = "drafting/document.html"
STYLESHEET = Path(__file__).resolve().parent.parent / "templates" / "drafting" / "document.css"

# (family, weight, file). Naming the files in one place keeps the CSS and the repo in step.
FONT_FACES = (
    ("Noto Sans", 400, "NotoSans-Regular.ttf"),
    ("Noto Sans", 700, "NotoSans-Bold.ttf"),
    ("Noto Naskh Arabic", 400, "NotoNaskhArabic-Regular.ttf"),
    ("Noto Naskh Arabic", 700, "NotoNaskhArabic-Bold.ttf"),
    ("Noto Sans SC", 400, "NotoSansSC-Regular.ttf"),
    ("Noto Sans SC", 700, "NotoSansSC-Bold.ttf"),
    ("Noto Sans KR", 400, "NotoSansKR-Regular.otf"),
    ("Noto Sans KR", 700, "NotoSansKR-Bold.otf"),
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
    """@page rules of one language part: markings on top, "Page X of Y" below (in the order of
    the language: "{pages}ページ中{page}ページ" puts the total first)."""
    counter = " ".join(
        f"counter({part})" if i % 2 else css_string(part)
        for i, part in enumerate(PAGE_FIELDS.split(page.page_template))
        if part
    )
    rules = [f"@bottom-center {{ content: {counter}; direction: {page.direction}; }}"]
    if page.markings:
        marking = css_string(" · ".join(page.markings))
        rules.append(f"@top-center {{ content: {marking}; direction: {page.direction}; }}")
    return f"@page {name} {{ {' '.join(rules)} }}"


def render_html(body: Mapping[str, Any], **options) -> str:
    """The HTML that render_pdf prints, with the page rules of its parts but not the shared
    style (STYLESHEET); `options` as for `context.document_parts`."""
    return _html(document_parts(body, **options))


def _html(parts_in) -> str:
    """The HTML of parts given as (document, letter) pairs, either of which may be None."""
    parts, pages = [], []
    for number, (document, letter) in enumerate(parts_in, start=1):
        name = f"part{number}"
        first = document if document is not None else letter
        pages.append(_page_rules(name, first.page))
        parts.append(
            {
                "name": name,
                "document": for_rtl(document, ltr_spans) if document is not None else None,
                "letter": for_rtl(letter, ltr_spans) if letter is not None else None,
            }
        )
    first = parts[0]["document"] or parts[0]["letter"]
    return render_to_string(
        TEMPLATE,
        {
            "parts": parts,
            "language": first.language,
            "direction": first.direction,
            "title": first.title,
            "page_rules": mark_safe("\n".join(pages)),
        },
    )


@functools.cache
def _fonts_and_style():
    """The font configuration and the parsed style sheet that every document uses, made once per
    process (comity.drafting.rendering makes them before forking its children). Without them
    WeasyPrint copies the fonts (22 MB, mostly Noto Sans SC) into a new temporary folder and has
    Fontconfig scan them for each document, and parses the style again.

    The style sheet goes to WeasyPrint as a user style sheet, the only kind it takes already
    parsed; the document's own <style> holds only its page rules, so the two never compete.
    """
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    style = CSS(string=f"{_font_faces()}\n{STYLESHEET.read_text()}", font_config=fonts)
    return fonts, style


# WeasyPrint removes its copy of the fonts when the configuration is collected; at exit that has
# to happen before the interpreter takes its modules apart. (A forked rendering child ends with
# os._exit and leaves the folder to the web process.)
atexit.register(_fonts_and_style.cache_clear)


@functools.cache
def _styled(style: str):
    """Fonts and a style sheet of another kind of document (certificates, reports, messages),
    parsed once per process and style."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    return fonts, CSS(string=f"{_font_faces()}\n{style}", font_config=fonts)


atexit.register(_styled.cache_clear)


def print_html(html: str, style: str) -> bytes:
    """Any comity HTML document as PDF, with the fonts of every script and `style`."""
    from weasyprint import HTML

    fonts, sheet = _styled(style)
    return HTML(string=html, base_url=FONTS_DIR.as_uri() + "/").write_pdf(
        font_config=fonts, stylesheets=[sheet]
    )


def render_pdf(body: Mapping[str, Any], **options) -> bytes:
    """The request as PDF; `options` as for `context.document_parts`."""
    return _print(render_html(body, **options))


def render_letter_pdf(letter: Letter) -> bytes:
    """A letter about a request (model.Letter) as PDF."""
    return _print(_html([(None, letter)]))


def _print(html: str) -> bytes:
    from weasyprint import HTML

    fonts, style = _fonts_and_style()
    document = HTML(string=html, base_url=FONTS_DIR.as_uri() + "/")
    return document.write_pdf(font_config=fonts, stylesheets=[style])
