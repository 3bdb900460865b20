"""Rotation of the informal channel's keys: a new key first, every encrypted value rewritten
with it, then the older keys can go. Used by `comity liaison-keys`."""

import json
import os
from pathlib import Path

from cryptography.fernet import Fernet
from django.db import transaction

from comity.liaison import attachments, vault
from comity.liaison.models import Attachment, Entity, Message, ProtectedPerson

ENCRYPTED = (
    (Message, ("subject", "body", "handling_note")),
    (Entity, ("value",)),
    (Attachment, ("name",)),
    (ProtectedPerson, ("identity", "measures")),
)


def _write(path: Path, data: dict) -> None:
    """Replace the key file atomically, readable by comity's user only."""
    temporary = path.with_suffix(".tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as out:
        json.dump(data, out)
    os.replace(temporary, path)


def rotate(*, drop_old: bool = False) -> int:
    """Put a new key first in the key file, rewrite every encrypted value with it, and (with
    `drop_old`) forget the older keys. Returns how many values were rewritten. Keys given by
    COMITY_LIAISON_KEYS are rotated by the operator: add the new key first, run `rewrap`, then
    remove the old one."""
    if os.environ.get("COMITY_LIAISON_KEYS"):
        raise vault.VaultError(
            "The keys come from COMITY_LIAISON_KEYS: put the new key first there, then run "
            "`comity liaison-keys rewrap`."
        )
    path = vault._key_file()
    data = vault._load()
    data["keys"] = [Fernet.generate_key().decode(), *data["keys"]]
    _write(path, data)
    vault.reset()
    count = rewrap()
    if drop_old:
        data["keys"] = data["keys"][:1]
        _write(path, data)
        vault.reset()
    return count


@transaction.atomic
def rewrap() -> int:
    """Rewrite every encrypted value and file with the current (first) key. A file is
    replaced under its key, so a failure part-way leaves files under either key: both are in
    the key file until `--drop-old`, which runs only after every file was rewritten."""
    count = 0
    for model, fields in ENCRYPTED:
        rows = model.objects.values_list("pk", *fields)
        for pk, *values in rows.iterator():
            # values_list goes through from_db_value: these are the plain texts; saving them
            # encrypts them again with the current key.
            model.objects.filter(pk=pk).update(**dict(zip(fields, values, strict=True)))
            count += 1
    for attachment in Attachment.objects.filter(message__purged_at__isnull=True).iterator():
        attachments.rewrap(attachment)
        count += 1
    return count
