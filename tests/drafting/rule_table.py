"""The parts of a rule-table case: edits to a complete body or to the requested State's facts."""

import dataclasses
from typing import NamedTuple


def B(path: str, value):
    """Edit: set a value in the body at a dotted path."""

    def edit(body, ctx):
        *parents, last = path.split(".")
        target = body
        for part in parents:
            target = target[int(part)] if isinstance(target, list) else target.setdefault(part, {})
        if isinstance(target, list):
            target[int(last)] = value
        else:
            target[last] = value
        return ctx

    return edit


def C(**facts):
    """Edit: change the requested State's facts."""
    return lambda body, ctx: dataclasses.replace(ctx, **facts)


class Case(NamedTuple):
    rule: str
    kind: str
    trigger: tuple
    fix: tuple
    field: str
