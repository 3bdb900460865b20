"""A message's files: judged by their content (the case register's accepted types: PDF, DOCX,
PNG, JPEG, TIFF, ZIP), at most COMITY_LIAISON_UPLOAD_MAX_BYTES, and stored encrypted (vault) in
the "liaison" storage under a random key. The storage alone reveals neither content nor name."""

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from comity.casework.files import clean_name, file_type
from comity.casework.services import CaseInputError
from comity.core.errors import field_error
from comity.liaison import vault
from comity.liaison.models import Attachment, Message

STORAGE = "liaison"
MAX_FILES = 10


def limit() -> int:
    return min(settings.COMITY_LIAISON_UPLOAD_MAX_BYTES, settings.COMITY_CASE_UPLOAD_MAX_BYTES)


def check(uploads) -> list[dict]:
    """Errors for files that may not be sent, each on "attachments[i]"."""
    errors = []
    if len(uploads) > MAX_FILES:
        errors.append(
            field_error("attachments", _("Send at most %(n)d files at once.") % {"n": MAX_FILES})
        )
    for index, upload in enumerate(uploads):
        field = f"attachments[{index}]"
        if upload.size and upload.size > limit():
            errors.append(
                field_error(
                    field,
                    _("%(name)s is %(size)s; the most a message accepts is %(limit)s.")
                    % {
                        "name": upload.name,
                        "size": filesizeformat(upload.size),
                        "limit": filesizeformat(limit()),
                    },
                )
            )
            continue
        try:
            file_type(upload)
        except CaseInputError as exc:
            errors += [field_error(field, f"{upload.name}: {e['message']}") for e in exc.errors]
    return errors


def store(message: Message, uploads) -> list[Attachment]:
    """Write the (checked) files encrypted; the caller's transaction removes the rows on failure
    and `discard` the files."""
    made = []
    for upload in uploads:
        kind = file_type(upload)
        upload.seek(0)
        attachment = Attachment(
            message=message,
            name=clean_name(upload.name, kind),
            content_type=kind.content_type,
            size=upload.size,
        )
        storages[STORAGE].save(attachment.key, ContentFile(vault.encrypt_bytes(upload.read())))
        attachment.save()
        made.append(attachment)
    return made


def discard(attachments) -> None:
    for attachment in attachments:
        storages[STORAGE].delete(attachment.key)


def content(attachment: Attachment) -> bytes:
    with storages[STORAGE].open(attachment.key, "rb") as handle:
        return vault.decrypt_bytes(handle.read())


def rewrap(attachment: Attachment) -> None:
    """Encrypt the file again with the current key (key rotation)."""
    storage = storages[STORAGE]
    with storage.open(attachment.key, "rb") as handle:
        token = vault.rewrap_bytes(handle.read())
    storage.delete(attachment.key)
    storage.save(attachment.key, ContentFile(token))
