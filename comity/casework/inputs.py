"""Checking what a person typed for the records hanging off a case: every problem is collected,
one message per field, and raised together as CaseInputError."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from comity.casework.services import CaseInputError
from comity.core.errors import field_error
from comity.core.text import TextProblem, clean_text


class Checks:
    """The problems found so far; `done()` raises them, if any, as one CaseInputError."""

    def __init__(self):
        self.errors: list[dict] = []

    def add(self, field: str, message: str) -> None:
        if not any(e["field"] == field for e in self.errors):
            self.errors.append(field_error(field, message))

    def text(
        self,
        field: str,
        value,
        *,
        max_length: int,
        required: str = "",
        single_line: bool = True,
    ) -> str:
        """`value` stripped; `required` is the message when it is empty (optional when "")."""
        value = (value or "").strip()
        if not value:
            if required:
                self.add(field, required)
            return ""
        if len(value) > max_length:
            self.add(
                field,
                _("Too long: at most %(max)d characters; shorten it.") % {"max": max_length},
            )
            return value
        try:
            return clean_text(value, single_line=single_line)
        except TextProblem as exc:
            self.add(field, str(exc))
            return value

    def past_day(
        self,
        field: str,
        value,
        *,
        required: str,
        not_before: datetime.date | None = None,
        not_before_message: str = "",
    ) -> datetime.date | None:
        """A day that is not in the future (and not before `not_before`, when given)."""
        if not isinstance(value, datetime.date):
            self.add(field, required)
            return None
        if value > timezone.localdate():
            self.add(field, _("This day is in the future; give the day it happened."))
        elif not_before is not None and value < not_before:
            self.add(field, not_before_message)
        return value

    def done(self) -> None:
        if self.errors:
            raise CaseInputError(self.errors)
