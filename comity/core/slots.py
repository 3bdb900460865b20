"""A few slots for heavy work, shared by every web worker of this machine.

Rendering a document can keep a worker busy for seconds. So that one user, or a few, cannot take
every worker of the installation with downloads, each piece of such work claims a slot: a file lock
in COMITY_HOME/locks that the operating system releases when the holder ends, however it ends. A
claim that finds every slot taken does not wait: it fails with Busy, and the caller answers at once.
"""

import fcntl
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings


class Busy(Exception):
    """Every slot called `name` is taken."""

    def __init__(self, name: str):
        super().__init__(name)
        self.name = name


@contextmanager
def claim(name: str, *, capacity: int = 1):
    """Hold one of the `capacity` slots called `name` for the duration of the block."""
    folder = Path(settings.COMITY_HOME) / "locks"
    folder.mkdir(mode=0o700, exist_ok=True)
    for index in range(max(1, capacity)):
        handle = (folder / f"{name}.{index}.lock").open("a+")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            continue
        try:
            yield index
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
            handle.close()
        return
    raise Busy(name)
