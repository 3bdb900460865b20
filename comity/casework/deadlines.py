"""The deadlines of a case and the internal targets per kind of request.

A case has up to three deadlines: the one the requesting State asked for, the authority's internal
target for the kind of request (counted from the day the case was sent or received), and a limit
set by law (e.g. the days a person may be held on provisional arrest). The case's `deadline` is the
earliest of them; a case past it while still open is overdue.

The targets are the installation's policy, not law: set them with COMITY_CASE_TARGETS
(docs/CONFIGURATION.md), e.g. "incoming.mla=60,outgoing.preservation=5".
"""

import datetime
from functools import cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from comity.casework.vocabulary import Direction
from comity.treaties.vocabulary import RequestKind

# Days from opening. Incoming: the time to execute. Outgoing: the time after which to enquire.
DEFAULT_TARGET_DAYS = {
    Direction.INCOMING: {
        RequestKind.MLA: 90,
        RequestKind.EXTRADITION: 90,
        RequestKind.PROVISIONAL_ARREST: 2,
        RequestKind.TRANSFER_SENTENCED: 180,
        RequestKind.TRANSFER_PROCEEDINGS: 120,
        RequestKind.CONFISCATION: 120,
        RequestKind.PRESERVATION: 2,
        RequestKind.JIT: 60,
    },
    Direction.OUTGOING: {
        RequestKind.MLA: 90,
        RequestKind.EXTRADITION: 120,
        RequestKind.PROVISIONAL_ARREST: 7,
        RequestKind.TRANSFER_SENTENCED: 180,
        RequestKind.TRANSFER_PROCEEDINGS: 120,
        RequestKind.CONFISCATION: 120,
        RequestKind.PRESERVATION: 7,
        RequestKind.JIT: 60,
    },
}
# How many days ahead a deadline counts as "due soon" (reminders, the home page).
DUE_SOON_DAYS = 7


@cache
def target_days() -> dict[str, dict[str, int]]:
    """The targets in force: the defaults with the installation's settings over them."""
    table = {d: dict(kinds) for d, kinds in DEFAULT_TARGET_DAYS.items()}
    for item in getattr(settings, "COMITY_CASE_TARGETS", []):
        key, _, days = item.partition("=")
        direction, _, kind = key.strip().partition(".")
        if direction not in table or kind not in RequestKind.values or not days.strip().isdigit():
            raise ImproperlyConfigured(
                f"COMITY_CASE_TARGETS: {item!r} is not DIRECTION.KIND=DAYS, "
                "e.g. incoming.mla=60 (directions: incoming, outgoing)."
            )
        table[direction][kind] = int(days)
    return table


def target_date(direction: str, kind: str, opened_on: datetime.date | None) -> datetime.date | None:
    if opened_on is None:
        return None
    days = target_days()[direction].get(kind)
    return None if days is None else opened_on + datetime.timedelta(days=days)


def earliest(*dates: datetime.date | None) -> datetime.date | None:
    known = [d for d in dates if d is not None]
    return min(known) if known else None


def effective_deadline(case) -> datetime.date | None:
    return earliest(case.requested_deadline, case.target_date, case.statutory_deadline)


def which_deadline(case) -> str:
    """Which of the three deadlines is the case's deadline ("requested", "target", "statutory")."""
    for name, value in (
        ("statutory", case.statutory_deadline),
        ("requested", case.requested_deadline),
        ("target", case.target_date),
    ):
        if value is not None and value == case.deadline:
            return name
    return ""
