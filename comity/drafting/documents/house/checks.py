"""What an authority's house style must be before it is saved: each check raises HouseStyleError
with a message, in the user's language, that says what is wrong and how to fix it.

A logo is checked by its content (Pillow), not by its name. A template is checked as a file (a
DOCX package of reasonable size), then as a template (each placeholder well formed and one comity
fills in, the body in a paragraph of its own), then by rendering a sample request with it, within
the rendering time bound: what fails here would otherwise fail on the day a request is due.
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile

from django.conf import settings
from django.utils.translation import gettext as _
from PIL import Image, ImageFile, UnidentifiedImageError

from comity.core.deadline import ChildFailed, DeadlineExceeded, run_with_deadline
from comity.core.text import TextProblem, clean_text
from comity.drafting.documents.model import House, Logo, Names

MAX_LOGO_BYTES = 1024 * 1024
LOGO_PIXELS = (16, 4000)  # the shortest and the longest side a logo may have, in pixels
LOGO_FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg"}
MAX_LINES = 6
MAX_LINE_LENGTH = 200
MAX_TEMPLATE_BYTES = 5 * 1024 * 1024
# A DOCX is a zip archive: what it may hold once unpacked (a few megabytes of XML and pictures
# in practice), so that a small archive cannot unpack into gigabytes.
MAX_TEMPLATE_UNPACKED = 60 * 1024 * 1024
MAX_TEMPLATE_MEMBERS = 2000


class HouseStyleError(Exception):
    """One field of a house style that cannot be saved, and why."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


def _megabytes(count: int) -> str:
    return f"{count / (1024 * 1024):.1f} MB"


# --- The logo -----------------------------------------------------------------------------------


def check_logo(data: bytes) -> Logo:
    """The logo as documents print it, or HouseStyleError: a PNG or JPEG image (by its content),
    at most MAX_LOGO_BYTES, each side within LOGO_PIXELS."""
    if not data:
        raise HouseStyleError("logo", _("The logo file is empty. Choose a PNG or JPEG image."))
    if len(data) > MAX_LOGO_BYTES:
        raise HouseStyleError(
            "logo",
            _(
                "The logo is %(size)s; it may be at most %(limit)s. Save it smaller (600 pixels "
                "wide is plenty for a letterhead) and upload it again."
            )
            % {"size": _megabytes(len(data)), "limit": _megabytes(MAX_LOGO_BYTES)},
        )
    unreadable = HouseStyleError(
        "logo",
        _(
            "The logo is not a PNG or JPEG image that can be read (whatever its name says). "
            "Save it as PNG or JPEG from an image editor and upload it again."
        ),
    )
    try:
        with Image.open(io.BytesIO(data), formats=tuple(LOGO_FORMATS)) as image:
            kind, (width, height) = image.format, image.size
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise unreadable from exc
    low, high = LOGO_PIXELS
    if not (low <= width <= high and low <= height <= high):
        raise HouseStyleError(
            "logo",
            _(
                "The logo is %(width)d × %(height)d pixels; each side must be between %(low)d "
                "and %(high)d pixels. Resize it and upload it again."
            )
            % {"width": width, "height": height, "low": low, "high": high},
        )
    try:  # decode it all: a truncated or corrupt file fails here, not in a document
        _decode_strictly(data)
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise unreadable from exc
    return Logo(data=data, content_type=LOGO_FORMATS[kind], width=width, height=height)


def _decode_strictly(data: bytes) -> None:
    """Decode the whole image, refusing a truncated one. WeasyPrint, once imported, tells Pillow
    to accept truncated images for the whole process (ImageFile.LOAD_TRUNCATED_IMAGES); a logo
    is checked with Pillow's own default, then the setting is put back."""
    accepting = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        with Image.open(io.BytesIO(data), formats=tuple(LOGO_FORMATS)) as image:
            image.load()
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = accepting


# --- Lines of text ------------------------------------------------------------------------------


def check_line(field: str, value: str) -> str:
    """One line of text (a signatory's name or function), stripped."""
    value = (value or "").strip()
    try:
        value = clean_text(value, single_line=True)
    except TextProblem as exc:
        raise HouseStyleError(field, str(exc)) from exc
    if len(value) > MAX_LINE_LENGTH:
        raise HouseStyleError(
            field,
            _("This line has %(count)d characters; it may have at most %(limit)d. Shorten it.")
            % {"count": len(value), "limit": MAX_LINE_LENGTH},
        )
    return value


def check_lines(lines: list[str]) -> list[str]:
    """The letterhead lines without empty ones: at most MAX_LINES, each one line of text."""
    found = [check_line("letterhead_lines", line) for line in lines]
    found = [line for line in found if line]
    if len(found) > MAX_LINES:
        raise HouseStyleError(
            "letterhead_lines",
            _(
                "The letterhead has %(count)d lines; it may have at most %(limit)d. Join or "
                "remove lines."
            )
            % {"count": len(found), "limit": MAX_LINES},
        )
    return found


# --- The template -------------------------------------------------------------------------------


def check_template(data: bytes) -> None:
    """Nothing, or HouseStyleError: `data` must be a DOCX house template that renders a sample
    request (docs/TEMPLATES.md), within COMITY_RENDER_TIMEOUT seconds."""
    if not data:
        raise HouseStyleError("template", _("The template file is empty. Choose a DOCX file."))
    if len(data) > MAX_TEMPLATE_BYTES:
        raise HouseStyleError(
            "template",
            _(
                "The template is %(size)s; it may be at most %(limit)s. Make its pictures "
                "smaller and upload it again."
            )
            % {"size": _megabytes(len(data)), "limit": _megabytes(MAX_TEMPLATE_BYTES)},
        )
    _check_package(data)
    seconds = settings.COMITY_RENDER_TIMEOUT
    try:
        problem = run_with_deadline(template_problem, data, seconds=seconds)
    except DeadlineExceeded as exc:
        raise HouseStyleError(
            "template",
            _(
                "Filling in a sample request with this template took more than %(seconds)d "
                "seconds. Remove long or nested loops ({%% for %%}) from it and upload it again."
            )
            % {"seconds": seconds},
        ) from exc
    except ChildFailed as exc:
        raise HouseStyleError(
            "template",
            _(
                "This template could not be tried with a sample request. Start again from the "
                "default template, change it step by step, and upload it again."
            ),
        ) from exc
    if problem:
        raise HouseStyleError("template", problem)


def _not_docx() -> HouseStyleError:
    return HouseStyleError(
        "template",
        _(
            "The file is not a Word document (DOCX). Save it from Word or LibreOffice as “Word "
            "document (.docx)”, not .doc, .odt or .dotx, and upload it again."
        ),
    )


def _check_package(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            members = package.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise _not_docx() from exc
    names = {member.filename for member in members}
    if "word/document.xml" not in names or "[Content_Types].xml" not in names:
        raise _not_docx()
    unpacked = sum(member.file_size for member in members)
    if len(members) > MAX_TEMPLATE_MEMBERS or unpacked > MAX_TEMPLATE_UNPACKED:
        raise HouseStyleError(
            "template",
            _(
                "Once unpacked, the template would take %(size)s; it may take at most %(limit)s. "
                "Remove large pictures or embedded files from it and upload it again."
            )
            % {"size": _megabytes(unpacked), "limit": _megabytes(MAX_TEMPLATE_UNPACKED)},
        )


# The sample request a template is tried with: every part of the document has something in it.
SAMPLE_BODY = {
    "kind": "mla",
    "requesting_state": "UKR",
    "requested_state": "DEU",
    "legal_bases": ["UNTOC"],
    "reference": "SAMPLE/1",
    "their_reference": "SAMPLE/2",
    "facts": "A sample summary of the facts.",
    "measures": [{"type": "testimony", "witness": "A sample witness"}],
    "purpose": "A sample purpose.",
    "confidentiality": {"required": True},
    "urgency": {"urgent": True, "deadline": "2030-01-31"},
    "contact": {"name": "A sample contact", "email": "contact@example.org"},
    "annexes": [{"title": "A sample annex", "pages": 2}],
}
SAMPLE_NAMES = Names(states={"UKR": {"en": "Ukraine"}, "DEU": {"en": "Germany"}})


def _sample_logo() -> Logo:
    saved = io.BytesIO()
    Image.new("RGB", (120, 40), (31, 41, 55)).save(saved, "PNG")
    return Logo(data=saved.getvalue(), content_type="image/png", width=120, height=40)


def _sample_authorities():
    from comity.directory.models import Authority

    requesting = Authority(
        name="Sample Ministry of Justice",
        country_id="UKR",
        address="1 Sample Street\n01001 Kyiv",
        phone="+380 44 000 00 00",
        email="mla@example.org",
    )
    return requesting, Authority(name="Sample Federal Office of Justice", country_id="DEU")


def template_problem(data: bytes) -> str:
    """What is wrong with a house template, in the user's language; empty when it renders a
    sample request into a document that opens. Runs in a child process (check_template)."""
    from docxtpl import DocxTemplate
    from jinja2 import TemplateSyntaxError, meta

    from comity.drafting.documents.house import PLACEHOLDERS
    from comity.drafting.documents.house.engine import (
        HouseTemplateError,
        environment,
        render_house_docx,
    )

    try:
        tpl = DocxTemplate(io.BytesIO(data))
        tpl.init_docx()
        parts = list(_template_xml(tpl))
    except Exception:  # any failure to read the package means the same to the user
        return _not_docx().message
    for where, text in _paragraph_texts(tpl):
        if _unbalanced(text):
            return _broken(
                where, _("a placeholder opened and not closed, or closed and not opened"), text
            )
    env = environment()
    used: set[str] = set()
    for where, xml in parts:
        try:
            used |= meta.find_undeclared_variables(env.parse(xml))
        except TemplateSyntaxError as exc:
            return _broken(where, exc.message, _near(xml, exc.lineno))
    unknown = sorted(used - PLACEHOLDERS)
    if unknown:
        return _(
            "The template uses %(names)s, which comity does not fill in. Use only the "
            "placeholders listed on this page (check the spelling), then upload it again."
        ) % {"names": ", ".join(unknown)}
    text = re.sub(r"<[^>]+>", "", tpl.get_xml())
    if not re.search(r"\{\{p +body *\}\}", text):
        return _(
            "The template has no {{p body }}, the place where the text of the request goes. "
            "Write {{p body }} alone in a paragraph of its own (as in the default template), "
            "then upload it again."
        )
    house = House(
        logo=_sample_logo(),
        signatory_name="A. Sample",
        signatory_function="Sample function",
        template=data,
    )
    requesting, requested = _sample_authorities()
    try:
        rendered = render_house_docx(
            SAMPLE_BODY,
            house=house,
            language="en",
            with_cover_letter=True,
            requesting_authority=requesting,
            requested_authority=requested,
            names=SAMPLE_NAMES,
            today=datetime.date(2030, 1, 1),
        )
    except HouseTemplateError as exc:
        return _(
            "Filling in a sample request stopped at a placeholder: %(problem)s. Correct it as "
            "described in the list of placeholders and upload the template again."
        ) % {"problem": str(exc)}
    except Exception as exc:  # the user needs the reason, whatever it is
        return _(
            "Filling in a sample request with this template failed (%(problem)s). Place "
            "placeholders in ordinary paragraphs and table cells, not inside fields, text boxes "
            "or tracked changes, and upload it again."
        ) % {"problem": str(exc)[:200] or exc.__class__.__name__}
    try:
        import docx

        docx.Document(io.BytesIO(rendered))
    except Exception:  # whatever the reason, the file is no use
        return _(
            "A document made from this template cannot be opened. Place placeholders in "
            "ordinary paragraphs and table cells, not inside fields or text boxes, and upload it "
            "again."
        )
    return ""


def _broken(where: str, problem: str, text: str) -> str:
    return _(
        "The template has a broken placeholder %(where)s: %(problem)s, in “%(text)s”. Check "
        "that each {{ … }} and {%% … %%} is complete, closed and spelled as in the list of "
        "placeholders, then upload the template again."
    ) % {"where": where, "problem": problem, "text": text[:120]}


_DELIMITERS = re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}")
_CLOSING = {"{{": "}}", "{%": "%}", "{#": "#}"}


def _unbalanced(text: str) -> bool:
    """Whether a paragraph opens a placeholder it does not close, or closes one it did not open.
    docxtpl would join it to the next placeholder and drop the text between them unnoticed."""
    expected = None
    for found in _DELIMITERS.finditer(text):
        token = found.group()
        if token in _CLOSING:
            if expected is not None:
                return True
            expected = _CLOSING[token]
        elif token != expected:
            return True
        else:
            expected = None
    return expected is not None


def _paragraph_texts(tpl):
    """(where, text) of each paragraph of the text, the headers and the footers."""
    from docx.oxml.ns import qn
    from lxml import etree

    paragraph, run_text = qn("w:p"), qn("w:t")
    roots = [(_("in the text"), tpl.docx.element.body)]
    for uri, where in ((tpl.HEADER_URI, _("in a header")), (tpl.FOOTER_URI, _("in a footer"))):
        roots += [
            (where, etree.fromstring(part.blob)) for _key, part in tpl.get_headers_footers(uri)
        ]
    for where, root in roots:
        for element in root.iter(paragraph):
            yield where, "".join(t.text or "" for t in element.iter(run_text))


def _template_xml(tpl):
    """(where, XML prepared as docxtpl renders it) for the text, each header and each footer;
    one line per paragraph, so a syntax error's line number points at a paragraph."""
    where = {tpl.HEADER_URI: _("in a header"), tpl.FOOTER_URI: _("in a footer")}
    found = [(_("in the text"), tpl.patch_xml(tpl.get_xml()))]
    for uri in (tpl.HEADER_URI, tpl.FOOTER_URI):
        for _key, part in tpl.get_headers_footers(uri):
            found.append((where[uri], tpl.patch_xml(tpl.get_part_xml(part))))
    return [(place, re.sub(r"<w:p([ >])", r"\n<w:p\1", xml)) for place, xml in found]


def _near(xml: str, lineno: int | None) -> str:
    """The text of the paragraph at `lineno` (and the one before, when that one is empty)."""
    lines = xml.splitlines()
    if not lineno or lineno > len(lines):
        return "…"
    texts = [re.sub(r"<[^>]+>", "", line).strip() for line in lines[max(0, lineno - 2) : lineno]]
    text = " ".join(t for t in texts if t)
    return text[:120] or "…"
