"""The files of a case: letters, e-mails, execution results and annexes.

A file is judged by its content, never by its name: PDF, DOCX, PNG, JPEG, TIFF or ZIP, at most
COMITY_CASE_UPLOAD_MAX_BYTES, and a ZIP (a DOCX is one) whose central directory can be read and
does not unpack to more than 100 times that size. It is stored through the "casework" storage
(settings.STORAGES) under a random key, with its SHA-256; the name the user gave is kept, cleaned,
only for downloads.
"""

import hashlib
import re
import secrets
import unicodedata
import zipfile
from dataclasses import dataclass
from typing import NoReturn

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.storage import storages
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from comity.audit.models import Action
from comity.audit.services import record
from comity.casework import journal, selectors
from comity.casework.inputs import Checks
from comity.casework.models import Attachment, Case
from comity.casework.services import CaseInputError
from comity.casework.vocabulary import AttachmentKind, EventKind
from comity.core.errors import field_error

STORAGE = "casework"
# How much larger than the upload limit the content of a ZIP may be once unpacked.
UNPACKED_RATIO = 100
DOCX_PART = "word/document.xml"
NAME_MAX = 200


@dataclass(frozen=True)
class FileType:
    content_type: str
    extensions: tuple[str, ...]


PDF = FileType("application/pdf", (".pdf",))
DOCX = FileType(
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document", (".docx",)
)
PNG = FileType("image/png", (".png",))
JPEG = FileType("image/jpeg", (".jpg", ".jpeg"))
TIFF = FileType("image/tiff", (".tif", ".tiff"))
ZIP = FileType("application/zip", (".zip",))

# Leading bytes of each accepted type; a ZIP is looked into to tell a DOCX.
SIGNATURES = (
    (b"%PDF-", PDF),
    (b"\x89PNG\r\n\x1a\n", PNG),
    (b"\xff\xd8\xff", JPEG),
    (b"II*\x00", TIFF),
    (b"MM\x00*", TIFF),
    (b"PK\x03\x04", ZIP),
)
ACCEPTED = "PDF, DOCX, PNG, JPEG, TIFF, ZIP"


def _refuse(message: str) -> NoReturn:
    raise CaseInputError([field_error("file", message)])


def file_type(upload) -> FileType:
    """The type of an uploaded file by its content, or CaseInputError on "file"."""
    limit = settings.COMITY_CASE_UPLOAD_MAX_BYTES
    if not upload or not upload.size:
        _refuse(_("The file is empty. Choose the file again."))
    if upload.size > limit:
        _refuse(
            _(
                "The file is %(size)s; the most a case accepts is %(limit)s. Split it or compress it."
            )
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
        )
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    found = next((kind for magic, kind in SIGNATURES if head.startswith(magic)), None)
    if found is None:
        _refuse(
            _(
                "This file is not one of the accepted kinds (%(kinds)s), whatever its name says. "
                "Save it as PDF and upload it again."
            )
            % {"kinds": ACCEPTED}
        )
    return _zip_type(upload, limit) if found is ZIP else found


def _zip_type(upload, limit: int) -> FileType:
    """DOCX or ZIP, read from the central directory alone (nothing is unpacked)."""
    try:
        with zipfile.ZipFile(upload) as package:
            entries = package.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        upload.seek(0)
        raise CaseInputError(
            [
                field_error(
                    "file",
                    _("This ZIP file is damaged and cannot be read. Make it again and upload it."),
                )
            ]
        ) from exc
    upload.seek(0)
    if sum(entry.file_size for entry in entries) > UNPACKED_RATIO * limit:
        _refuse(
            _(
                "This ZIP file would unpack to more than %(limit)s. Upload its files one by one "
                "instead."
            )
            % {"limit": filesizeformat(UNPACKED_RATIO * limit)}
        )
    return DOCX if any(entry.filename == DOCX_PART for entry in entries) else ZIP


def clean_name(name: str, kind: FileType) -> str:
    """The user's file name fit for a download: no folders, no control or direction characters,
    no characters file systems refuse, and an extension that says what the content is."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = "".join(
        " " if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") else ch
        for ch in base
        if ch not in '<>:"|?*'
    )
    base = " ".join(base.split()).strip(" .")
    if not base.lower().endswith(kind.extensions):
        base = f"{base or 'document'}{kind.extensions[0]}"
    stem, dot, extension = base.rpartition(".")
    return f"{stem[: NAME_MAX - len(extension) - 1]}{dot}{extension}"


def _sha256(upload) -> str:
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def _storage_key() -> str:
    key = secrets.token_hex(20)
    return f"{key[:2]}/{key}"


def add_attachment(
    *, case: Case, actor, upload, kind: str, title: str, dated, incoming: bool
) -> Attachment:
    """Attach an uploaded file to `case`, after checking the details and the content.

    The file is written only once everything is valid, and removed again when the database
    refuses the row: a failed save leaves no file behind.
    """
    if not selectors.may_contribute(actor, case):
        raise PermissionDenied(_("You may not add files to this case."))
    checks = Checks()
    if kind not in AttachmentKind.values:
        checks.add("kind", _("Choose what kind of document this is."))
    title = checks.text(
        "title", title, max_length=300, required=_("Give the document a title, e.g. its subject.")
    )
    dated = checks.past_day(
        "dated", dated, required=_("Give the date of the document (YYYY-MM-DD).")
    )
    try:
        found = file_type(upload)
    except CaseInputError as exc:
        checks.errors.extend(exc.errors)
    checks.done()
    attachment = Attachment(
        kind=kind,
        incoming=bool(incoming),
        title=title,
        dated=dated,
        file_name=clean_name(upload.name, found),
        content_type=found.content_type,
        size=upload.size,
        sha256=_sha256(upload),
        uploaded_by=actor,
    )
    storage = storages[STORAGE]
    attachment.storage_key = storage.save(_storage_key(), upload)
    try:
        _record(case, attachment, actor=actor)
    except BaseException:
        storage.delete(attachment.storage_key)
        raise
    return attachment


@transaction.atomic
def _record(case: Case, attachment: Attachment, *, actor) -> None:
    attachment.case = journal.locked(case)
    attachment.save(force_insert=True)
    journal.log(
        attachment.case,
        EventKind.ATTACHMENT,
        actor=actor,
        on=attachment.dated,
        note=attachment.title,
        details={"attachment": str(attachment.pk), "kind": attachment.kind},
        after={
            "attachment": str(attachment.pk),
            "title": attachment.title,
            "file_name": attachment.file_name,
            "size": attachment.size,
            "sha256": attachment.sha256,
        },
    )


def open_attachment(attachment: Attachment):
    """The stored file of `attachment`, open for reading (the caller closes it)."""
    return storages[STORAGE].open(attachment.storage_key, "rb")


def download(*, attachment: Attachment, actor):
    """The stored file of `attachment` for `actor`, the download written to the audit trail."""
    stored = open_attachment(attachment)
    record(
        actor=actor,
        action=Action.DOWNLOAD,
        obj=attachment.case,
        after={"attachment": str(attachment.pk), "file_name": attachment.file_name},
    )
    return stored
