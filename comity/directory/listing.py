"""One directory search result as the API writes it, and its stored, pre-written form.

A search answer is `{"count": n, "items": [...]}` with each item in the AuthorityOut shape (API.md).
Writing an item means decoding seven JSON columns and encoding them again; rather than doing that
for every result of every search, the service that saves an entry writes the item once into
`Authority.listing` (without `stale`, which depends on the day) and a search copies the stored text.
`item` below is the one definition of the shape: the stored text is `json.dumps` of it, read back
from the database, so a stored listing and a freshly written item are the same bytes.
"""

import datetime
import json

from django.db import transaction

from comity.core import generations
from comity.directory.models import Authority

# The columns of AuthorityOut, in its order.
COLUMNS = ("id", *Authority.ENTRY_FIELDS)
KEYS = ("id", "country", *COLUMNS[2:])
_URGENT_KEYS = ("channels", "phone", "email", "notes")


def item(row: tuple) -> dict:
    """A row of COLUMNS (as values_list reads it) in the AuthorityOut shape, without `stale`."""
    out = dict(zip(KEYS, row, strict=True))
    out["id"] = str(out["id"])
    urgent = out["urgent"] or {}
    out["urgent"] = {key: urgent.get(key, [] if key == "channels" else "") for key in _URGENT_KEYS}
    verified_on = out["verified_on"]
    out["verified_on"] = verified_on.isoformat() if verified_on else None
    return out


def is_stale(verified_on: datetime.date | None, stale_before: datetime.date) -> bool:
    """Authority.is_stale for a given cut-off day: never verified, or verified before it."""
    return verified_on is None or verified_on < stale_before


def stored(row: tuple) -> str:
    """The text kept in Authority.listing for a row of COLUMNS."""
    return json.dumps(item(row))


def with_stale(listing: str, stale: bool) -> str:
    """A stored listing completed with its `stale` key, as the last key of the object."""
    return f'{listing[:-1]}, "stale": {"true" if stale else "false"}}}'


def rows_of(ids) -> list[tuple]:
    """The COLUMNS of the entries with these ids, as values_list reads them."""
    return list(Authority.objects.filter(pk__in=ids).values_list(*COLUMNS))


def refresh(authority: Authority) -> None:
    """Write an entry's listing from what was just saved. Called by the directory services."""
    row = Authority.objects.filter(pk=authority.pk).values_list(*COLUMNS).get()
    authority.listing = stored(row)
    Authority.objects.filter(pk=authority.pk).update(listing=authority.listing)


def refresh_all() -> int:
    """Rewrite every listing that differs from its entry; the number rewritten.

    Run after every migrate: entries saved before this column existed, or by a version that wrote
    the shape differently, are brought up to date in one transaction.
    """
    stale = [
        (row[0], text)
        for *row, current in Authority.objects.values_list(*COLUMNS, "listing").iterator(2000)
        if (text := stored(tuple(row))) != current
    ]
    with transaction.atomic():
        for pk, text in stale:
            Authority.objects.filter(pk=pk).update(listing=text)
        if stale:
            generations.renew(generations.DIRECTORY)
    return len(stale)
