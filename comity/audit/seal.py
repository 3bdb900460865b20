"""What keeps the audit trail honest against someone who can write the database.

The hash chain (services.py) shows any change to an entry and any entry removed from the middle,
but whoever can write the database could rewrite an entry and recompute every hash after it, or
cut the newest entries off the end. Two things live outside the database to catch that:

- a **seal** on every entry: an HMAC of its hash with the audit key (COMITY_AUDIT_KEY, or derived
  from SECRET_KEY), which is never stored in the database. Recomputed hashes carry no valid seal.
- **checkpoints**: `comity audit checkpoint` appends the newest entry's number and hash, sealed,
  to a file (COMITY_AUDIT_CHECKPOINTS). A chain cut back before a checkpoint, or rewritten before
  it, no longer matches it. Each checkpoint's seal also covers the one before it, so a line
  changed or taken out of the middle of the file shows too.

`comity audit verify` checks links, hashes, seals and checkpoints (docs/OPERATIONS.md says what is
and is not detected).
"""

import hashlib
import hmac
import json
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils import timezone

_DERIVATION = b"comity audit seal, version 1"


def audit_key() -> bytes:
    """COMITY_AUDIT_KEY, or a key derived from SECRET_KEY when it is not set."""
    configured = getattr(settings, "COMITY_AUDIT_KEY", "")
    if configured:
        return configured.encode()
    return hmac.new(settings.SECRET_KEY.encode(), _DERIVATION, hashlib.sha256).digest()


def seal(text: str) -> str:
    return hmac.new(audit_key(), text.encode(), hashlib.sha256).hexdigest()


def sealed(text: str, mac: str) -> bool:
    return hmac.compare_digest(seal(text), mac or "")


def checkpoint_file() -> Path:
    return Path(settings.COMITY_AUDIT_CHECKPOINTS)


@dataclass(frozen=True)
class Checkpoint:
    sequence: int  # the id of the newest entry when the checkpoint was written
    hash: str
    count: int
    at: str
    mac: str

    def text(self, previous_mac: str) -> str:
        return f"{previous_mac}|{self.sequence}|{self.hash}|{self.count}|{self.at}"

    def as_line(self) -> str:
        return json.dumps(
            {
                "sequence": self.sequence,
                "hash": self.hash,
                "count": self.count,
                "at": self.at,
                "mac": self.mac,
            },
            sort_keys=True,
        )


def new_checkpoint(*, sequence: int, hash: str, count: int, previous_mac: str = "") -> Checkpoint:
    """A checkpoint sealed together with the one before it (`previous_mac`; "" for the first)."""
    at = timezone.now().isoformat(timespec="seconds")
    unsigned = Checkpoint(sequence, hash, count, at, "")
    return Checkpoint(sequence, hash, count, at, seal(unsigned.text(previous_mac)))


def append(checkpoint: Checkpoint, path: Path | None = None) -> Path:
    """Append one checkpoint line; the file is created readable by its owner only."""
    path = path or checkpoint_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    new = not path.exists()
    with path.open("a", encoding="utf-8") as handle:
        handle.write(checkpoint.as_line() + "\n")
    if new:
        path.chmod(0o600)
    return path


class CheckpointFileError(Exception):
    """A line of the checkpoint file cannot be read, or its seal is wrong."""


def read(path: Path | None = None) -> list[Checkpoint]:
    path = path or checkpoint_file()
    if not path.exists():
        return []
    checkpoints = []
    previous_mac = ""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            point = Checkpoint(
                int(raw["sequence"]), raw["hash"], int(raw["count"]), raw["at"], raw["mac"]
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise CheckpointFileError(f"line {number} of {path} cannot be read") from exc
        if not sealed(point.text(previous_mac), point.mac):
            raise CheckpointFileError(
                f"line {number} of {path} does not carry a valid seal: the file was changed "
                "(a line edited, or taken out before it), or it was written with another audit key"
            )
        checkpoints.append(point)
        previous_mac = point.mac
    return checkpoints
