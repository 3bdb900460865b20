"""The file of a document: PDF, DOCX, HTML or plain text, judged by its content. The original is
kept through the "library" storage (settings.STORAGES); its text is read for search."""

import hashlib
import io
import re
import secrets
import zipfile
from dataclasses import dataclass
from html.parser import HTMLParser

from django.conf import settings
from django.core.files.storage import storages
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

STORAGE = "library"
DOCX_PART = "word/document.xml"
UNPACKED_RATIO = 100
TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "html": "text/html",
    "txt": "text/plain",
}


class FileProblem(ValueError):
    """What is wrong with a file, in the user's language."""


@dataclass(frozen=True)
class ReadFile:
    kind: str  # a key of TYPES
    text: str
    sha256: str


def read(data: bytes) -> ReadFile:
    """The kind and text of an uploaded file, or FileProblem."""
    limit = settings.COMITY_LIBRARY_UPLOAD_MAX_BYTES
    if not data:
        raise FileProblem(_("The file is empty. Choose the document's file."))
    if len(data) > limit:
        raise FileProblem(
            _("The file is larger than %(limit)s. Upload a smaller file or its text.")
            % {"limit": filesizeformat(limit)}
        )
    kind = sniff(data)
    try:
        text = {"pdf": _pdf_text, "docx": _docx_text, "html": _html_text, "txt": _plain}[kind](data)
    except FileProblem:
        raise
    except Exception as exc:
        raise FileProblem(
            _("The file could not be read as %(kind)s. Check that it opens, or upload its text.")
            % {"kind": kind.upper()}
        ) from exc
    return ReadFile(kind, _tidy(text), hashlib.sha256(data).hexdigest())


def sniff(data: bytes) -> str:
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        _check_zip(data)
        return "docx"
    head = data[:2048].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head:
        return "html"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise FileProblem(
            _("Upload a PDF, DOCX, HTML or plain text (UTF-8) file; this one is none of them.")
        ) from exc
    return "txt"


def _check_zip(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as exc:
        raise FileProblem(_("The DOCX file is damaged: its contents cannot be read.")) from exc
    if DOCX_PART not in names:
        raise FileProblem(
            _("Upload a PDF, DOCX, HTML or plain text (UTF-8) file; this one is none of them.")
        )
    if unpacked > UNPACKED_RATIO * settings.COMITY_LIBRARY_UPLOAD_MAX_BYTES:
        raise FileProblem(_("The DOCX file unpacks to an unreasonable size and was refused."))


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        raise FileProblem(_("The PDF is protected by a password. Upload an unprotected copy."))
    return "\n\n".join(page.extract_text() or "" for page in reader.pages)


def _docx_text(data: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(parts)


class _Text(HTMLParser):
    SKIP = frozenset({"script", "style", "head", "template", "noscript"})
    BREAKS = frozenset({"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6"})

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BREAKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.skipping:
            self.skipping -= 1

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def _html_text(data: bytes) -> str:
    parser = _Text()
    parser.feed(_plain(data))
    parser.close()
    return "".join(parser.parts)


def _plain(data: bytes) -> str:
    return data.decode("utf-8-sig", errors="replace")


def _tidy(text: str) -> str:
    text = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", text)
    text = re.sub(r"[ \t\u00a0]+", " ", text)
    return re.sub(r"\n\s*\n(\s*\n)+", "\n\n", text).strip()


def store(data: bytes, name: str) -> str:
    """Keep the original; returns its storage key."""
    from django.core.files.base import ContentFile

    extension = name.rsplit(".", 1)[-1].lower()[:8] if "." in name else "bin"
    key = f"{secrets.token_hex(16)}.{extension}"
    return storages[STORAGE].save(key, ContentFile(data))


def open_original(key: str):
    return storages[STORAGE].open(key, "rb")


def remove(key: str) -> None:
    if key:
        storages[STORAGE].delete(key)
