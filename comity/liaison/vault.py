"""Confidentiality at rest for the informal channel: the subjects, bodies and notes of messages
and what they are about are encrypted before they reach the database, with keys held outside
it.

Keys come from COMITY_LIAISON_KEYS (Fernet keys separated by commas, the first one current) or,
by default, from the file $COMITY_HOME/liaison-keys.json (created on first use, readable by
comity's user only): {"keys": [current, older...], "index": key of the search index}. Any of the
keys decrypts; new text is written with the first. Rotation (`comity liaison-keys rotate`) puts
a new key first and rewrites every encrypted value with it; the older keys can then be dropped.

Searching encrypted text by value (an account number, a name) uses a blind index: an HMAC of the
normalised value under the index key, which reveals nothing without the key.
"""

import hashlib
import hmac
import json
import os
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.db import models
from django.db.models.query_utils import DeferredAttribute

PREFIX = "enc1:"


class VaultError(Exception):
    pass


def _key_file() -> Path:
    return Path(settings.COMITY_HOME) / "liaison-keys.json"


def _load() -> dict:
    from_env = os.environ.get("COMITY_LIAISON_KEYS", "").strip()
    if from_env:
        index = os.environ.get("COMITY_LIAISON_INDEX_KEY", "").strip()
        if not index:
            raise VaultError("COMITY_LIAISON_KEYS is set: set COMITY_LIAISON_INDEX_KEY too.")
        return {"keys": [k.strip() for k in from_env.split(",") if k.strip()], "index": index}
    path = _key_file()
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        data = {"keys": [Fernet.generate_key().decode()], "index": Fernet.generate_key().decode()}
        # Created readable by comity's user only, and never overwritten.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as out:
            json.dump(data, out)
        return data
    return json.loads(path.read_text())


@cache
def _keys() -> tuple[MultiFernet, bytes]:
    data = _load()
    if not data.get("keys"):
        raise VaultError("No key to encrypt the informal channel's messages with.")
    return MultiFernet([Fernet(k.encode()) for k in data["keys"]]), data["index"].encode()


def reset() -> None:
    """Forget the keys read (after a rotation, or in tests that change them)."""
    _keys.cache_clear()


def encrypt(text: str) -> str:
    if not text:
        return ""
    return PREFIX + _keys()[0].encrypt(text.encode()).decode()


def decrypt(value: str) -> str:
    if not value:
        return ""
    if not value.startswith(PREFIX):
        raise VaultError("A value that should be encrypted is not.")
    try:
        return _keys()[0].decrypt(value[len(PREFIX) :].encode()).decode()
    except InvalidToken as exc:
        raise VaultError("No key of this installation decrypts this value.") from exc


def rewrap(value: str) -> str:
    """The same value encrypted with the current key (for a rotation)."""
    if not value:
        return value
    return PREFIX + _keys()[0].rotate(value[len(PREFIX) :].encode()).decode()


def encrypt_bytes(data: bytes) -> bytes:
    """A file's content as stored: a Fernet token (attachments)."""
    return _keys()[0].encrypt(data)


def decrypt_bytes(token: bytes) -> bytes:
    try:
        return _keys()[0].decrypt(token)
    except InvalidToken as exc:
        raise VaultError("No key of this installation decrypts this file.") from exc


def rewrap_bytes(token: bytes) -> bytes:
    return _keys()[0].rotate(token)


def normalised(value: str) -> str:
    """What two spellings of one identifier share: letters and digits only, case and accents
    folded ("GB29 NWBK 6016-1331 9268 19" and "gb29nwbk60161331926819" are one account)."""
    folded = unicodedata.normalize("NFKD", value).casefold()
    return "".join(c for c in folded if c.isalnum())


def blind(value: str) -> str:
    """The search index entry of `value`: an HMAC that reveals nothing without the index key."""
    return hmac.new(_keys()[1], normalised(value).encode(), hashlib.sha256).hexdigest()


@dataclass(frozen=True, slots=True)
class Sealed:
    """A value as read from the table, decrypted only when someone reads it: a list of messages
    shows their subjects, and their bodies stay sealed."""

    token: str

    def open(self) -> str:
        return decrypt(self.token)

    def __str__(self) -> str:
        return self.open()


class Unsealing(DeferredAttribute):
    """The model attribute of an EncryptedText: plain text, decrypted on first read."""

    def __get__(self, instance, cls=None):
        value = super().__get__(instance, cls)
        if isinstance(value, Sealed):
            value = value.open()
            instance.__dict__[self.field.attname] = value
        return value

    def __set__(self, instance, value):
        # A data descriptor, so that reading goes through __get__ even once the value is in the
        # instance's __dict__.
        instance.__dict__[self.field.attname] = value


class EncryptedText(models.TextField):
    """Text kept encrypted in the database: the model sees plain text, the table a Fernet token.
    `values()` and `values_list()` give Sealed values (str() decrypts them)."""

    descriptor_class = Unsealing

    def from_db_value(self, value, expression, connection):
        return Sealed(value) if value else value

    def get_prep_value(self, value):
        if isinstance(value, Sealed):
            value = value.open()
        value = super().get_prep_value(value)
        return encrypt(value) if value else value
