"""Showing audit entries: the fields an entry changed, and JSON values as readable text."""

import json
from dataclasses import dataclass

from django import template
from django.utils.translation import gettext as _

register = template.Library()


WITHHELD = object()  # a value the reader may not see (audit.selectors.withhold_values)


@dataclass(frozen=True)
class Change:
    field: str
    before: object
    after: object


@register.filter
def changes(entry) -> list[Change]:
    """One Change per field whose value differs between `before` and `after`."""
    before, after = entry.before or {}, entry.after or {}
    if getattr(entry, "withheld", False):
        fields = (
            entry.changed_fields if isinstance(before, dict) and isinstance(after, dict) else [""]
        )
        return [Change(f, WITHHELD, WITHHELD) for f in fields]
    if not isinstance(before, dict) or not isinstance(after, dict):
        return [Change("", entry.before, entry.after)]
    return [Change(f, before.get(f), after.get(f)) for f in entry.changed_fields]


@register.filter
def audit_value(value) -> str:
    """A snapshot value as text: lists joined, nothing as a dash, anything else as JSON."""
    if value is WITHHELD:
        return _("(withheld: the owning authority's own information)")
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list) and all(isinstance(v, str | int | float) for v in value):
        return ", ".join(str(v) for v in value) if value else "—"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)
