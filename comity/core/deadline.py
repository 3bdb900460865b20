"""Running a heavy computation (rendering a document) with a time bound.

The work runs in a forked child process, which is killed when the time is up: the web worker
that asked answers with a clear error instead of being killed itself by the server's timeout.
The child must not touch the database (it shares the parent's connections); callers read
everything first and pass it in. A query in the child fails loudly instead of corrupting the
parent's connection.
"""

import gc
import multiprocessing
import traceback
from contextlib import ExitStack


class DeadlineExceeded(Exception):
    """The work did not finish in time; it was stopped."""

    def __init__(self, seconds: float):
        super().__init__(f"stopped after {seconds:g} s")
        self.seconds = seconds


class ChildFailed(Exception):
    """The work raised an exception in the child; the message carries its traceback."""


def _refuse_queries(execute, sql, params, many, context):
    raise RuntimeError("A time-bounded child process may not use the database.")


def _child(conn, work, args, kwargs):
    from django.db import connections

    # What the child inherits from the web process outlives it; without this, the first full
    # collection in the child would walk all of it, and writing to every object copies every
    # page of the parent's memory (about 100 ms for a long PDF).
    gc.freeze()
    try:
        with ExitStack() as stack:
            for connection in connections.all(initialized_only=True):
                stack.enter_context(connection.execute_wrapper(_refuse_queries))
            result = work(*args, **kwargs)
        conn.send(("ok", result))
    except BaseException:  # everything goes back to the parent, which decides what to raise
        conn.send(("error", traceback.format_exc()))
    finally:
        conn.close()


def run_with_deadline(work, *args, seconds: float, **kwargs):
    """`work(*args, **kwargs)` in a child process; its result, or DeadlineExceeded after `seconds`."""
    if seconds <= 0:
        return work(*args, **kwargs)
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(sender, work, args, kwargs), daemon=True)
    child.start()
    sender.close()
    try:
        if not receiver.poll(seconds):
            raise DeadlineExceeded(seconds)
        try:
            status, payload = receiver.recv()
        except EOFError as exc:  # the child died without answering (killed, out of memory)
            raise ChildFailed(f"the child process ended with code {child.exitcode}") from exc
    finally:
        if child.is_alive():
            child.kill()
        child.join(5)
        receiver.close()
    if status == "error":
        raise ChildFailed(payload)
    return payload
