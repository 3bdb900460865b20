"""What every piece of text typed into comity must be, wherever it comes from.

Text ends up in XML (DOCX), PDF, CSV, e-mail headers and file names. Some characters break those
or deceive the reader, so they are refused at the door with a message naming the problem:

- control characters (NUL and the other C0/C1 controls except tab and line breaks), lone
  surrogates, U+FFFE and U+FFFF: no document format can hold them;
- in a single line (a name, a reference, a title): line breaks, and the bidirectional embedding,
  override and isolate controls U+202A–U+202E and U+2066–U+2069, with which "gnp.exe" is shown as
  "exe.png".

Line breaks in longer text are stored as "\\n" whatever the sender used ("\\r\\n", "\\r").
"""

import datetime
import re
import unicodedata
from typing import Annotated

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from pydantic import AfterValidator, AwareDatetime, BeforeValidator, Field, StringConstraints
from pydantic_core import PydanticCustomError

BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
LINE_BREAKS = frozenset("\n\r\u2028\u2029\x85\x0b\x0c")
_ALLOWED_CONTROLS = frozenset("\t\n\r")
_NEWLINES = re.compile(r"\r\n?")


class TextProblem(ValueError):
    """A character that may not be in this text; the message says which and what to do."""


def _describe(char: str) -> str:
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f" {name}" if name else "")


def _first_bad(value: str, *, single_line: bool) -> tuple[str, str] | None:
    for char in value:
        code = ord(char)
        if 0xD800 <= code <= 0xDFFF:
            return char, _("an unpaired surrogate (broken encoding)")
        if code in (0xFFFE, 0xFFFF):
            return char, _("a character that documents cannot hold")
        if single_line and char in LINE_BREAKS:
            return char, _("a line break; this field holds a single line")
        if single_line and char in BIDI_CONTROLS:
            return char, _("a bidirectional control character, which can disguise the text")
        if char not in _ALLOWED_CONTROLS and unicodedata.category(char) == "Cc":
            return char, _("a control character")
    return None


def clean_text(value: str, *, single_line: bool = False) -> str:
    """`value` with its line breaks made "\\n", or TextProblem when it holds a refused character."""
    found = _first_bad(value, single_line=single_line)
    if found is not None:
        char, what = found
        raise TextProblem(
            _("The text contains %(what)s (%(char)s). Remove it and try again.")
            % {"what": what, "char": _describe(char)}
        )
    return value if single_line else _NEWLINES.sub("\n", value)


# The same rules as JSON Schema patterns, so the API's description says what is enforced
# (lone surrogates cannot be written in a pattern; they are refused all the same).
LINE_PATTERN = r"^[^\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff]*$"
TEXT_PATTERN = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]*$"


# --- For pydantic models (the API and the request body) ----------------------------------------
def _pydantic(single_line: bool):
    def check(value: str) -> str:
        try:
            return clean_text(value, single_line=single_line)
        except TextProblem as exc:
            raise PydanticCustomError("text_character", str(exc)) from None

    return AfterValidator(check)


Line = Annotated[
    str, _pydantic(single_line=True), Field(json_schema_extra={"pattern": LINE_PATTERN})
]
"""One line of text: a name, a reference, a title."""
Text = Annotated[
    str, _pydantic(single_line=False), Field(json_schema_extra={"pattern": TEXT_PATTERN})
]
"""Free text that may run over several lines."""


# An e-mail address as the API describes and checks it (empty: none): something@domain.tld,
# without spaces or control characters, stored in lower case.
EMAIL_PATTERN = (
    r"^([^@\s\x00-\x1f\x7f-\x9f]+@[^@\s\x00-\x1f\x7f-\x9f.]+(\.[^@\s\x00-\x1f\x7f-\x9f.]+)+)?$"
)
Email = Annotated[
    str, StringConstraints(max_length=254, pattern=EMAIL_PATTERN), AfterValidator(str.lower)
]


# --- For Django forms -----------------------------------------------------------------------------
def validate_line(value: str) -> None:
    try:
        clean_text(value, single_line=True)
    except TextProblem as exc:
        raise ValidationError(str(exc), code="text_character") from None


def validate_text(value: str) -> None:
    try:
        clean_text(value)
    except TextProblem as exc:
        raise ValidationError(str(exc), code="text_character") from None


# --- Dates in addresses -----------------------------------------------------------------------------
def _iso_date(value):
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value  # already a day (from a form, not from JSON)
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            pass
    raise PydanticCustomError("date_parsing", _("Give a date as YYYY-MM-DD."))


IsoDate = Annotated[datetime.date, BeforeValidator(_iso_date)]
"""A date written YYYY-MM-DD, and nothing else (not a number of seconds); a day that a form has
already read passes as it is."""


def _iso_moment(value):
    if isinstance(value, (str, datetime.datetime)):
        return value  # pydantic reads the ISO 8601 text (and requires its offset)
    raise PydanticCustomError(
        "datetime_parsing", _("Give a date and time as YYYY-MM-DDTHH:MM with its offset, e.g. Z.")
    )


IsoMoment = Annotated[AwareDatetime, BeforeValidator(_iso_moment)]
"""A moment written in ISO 8601 with its offset (2030-03-01T09:00:00Z), not a number of
seconds."""
