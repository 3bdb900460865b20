"""The shape of an error answer, as API.md promises: {"detail": ..., "errors": [{"field", "message"}]}.

Raise ApiError from an endpoint (or a service called by one) to answer with a 4xx; the API's
exception handlers (comity/api/errors.py) turn it into JSON.
"""

from django.utils.translation import gettext as _
from ninja import Field, Schema


class ApiError(Exception):
    """A 4xx answer with what went wrong and, per field, how to fix it."""

    def __init__(
        self,
        detail: str,
        *,
        status: int = 400,
        errors: list[dict] | None = None,
        extra: dict | None = None,
        headers: dict | None = None,
    ):
        super().__init__(detail)
        self.detail = detail
        self.status = status
        self.errors = errors or []
        self.extra = extra or {}
        self.headers = headers or {}

    def body(self) -> dict:
        return {"detail": self.detail, "errors": self.errors, **self.extra}


def field_error(field: str, message: str) -> dict:
    return {"field": field, "message": message}


def model_errors(exc) -> list[dict]:
    """A model's ValidationError (from full_clean) as field errors, one per field."""
    return [field_error(name, " ".join(messages)) for name, messages in exc.message_dict.items()]


class FieldErrorOut(Schema):
    field: str = Field(
        ..., description="The field (dotted path) the problem is in; empty for the whole input"
    )
    message: str = Field(
        ..., description="What is wrong and how to fix it, in the caller's language"
    )


class ErrorOut(Schema):
    """Every 4xx answer of the API."""

    detail: str
    errors: list[FieldErrorOut]


# The error answers an operation may give, for its `response=` declaration (OpenAPI).
ERRORS = {400: ErrorOut, 401: ErrorOut, 404: ErrorOut, 413: ErrorOut}


# --- Validation errors in the caller's language ----------------------------------------------------
def _listed(ctx: dict, error: dict) -> str:
    expected = str(ctx.get("expected", ""))
    if expected.count(",") < 12:
        return _("Use one of: %(expected)s.") % {"expected": expected}
    if "'UKR'" in expected:
        return _("Unknown State. Use an ISO 3166-1 alpha-3 code in capitals, e.g. DEU.")
    return _("Not one of the allowed values; the API description lists them.")


_MESSAGES = {
    "missing": lambda c, e: _("This field is required."),
    "extra_forbidden": lambda c, e: _("This field is not part of the request: check its name."),
    "string_too_long": lambda c, e: (
        _("Too long: at most %(max)s characters.") % {"max": c.get("max_length")}
    ),
    "string_too_short": lambda c, e: (
        _("Too short: at least %(min)s characters.") % {"min": c.get("min_length")}
    ),
    "too_long": lambda c, e: _("Too many items: at most %(max)s.") % {"max": c.get("max_length")},
    "too_short": lambda c, e: _("Too few items: at least %(min)s.") % {"min": c.get("min_length")},
    "string_type": lambda c, e: _("Give text here."),
    "string_pattern_mismatch": lambda c, e: _("The text does not have the expected form."),
    "int_type": lambda c, e: _("Give a whole number here."),
    "int_parsing": lambda c, e: _("Give a whole number here."),
    "int_from_float": lambda c, e: _("Give a whole number here."),
    "float_type": lambda c, e: _("Give a number here."),
    "float_parsing": lambda c, e: _("Give a number here."),
    "bool_type": lambda c, e: _("Give true or false here."),
    "bool_parsing": lambda c, e: _("Give true or false here."),
    "date_type": lambda c, e: _("Give a date as YYYY-MM-DD."),
    "date_parsing": lambda c, e: _("Give a date as YYYY-MM-DD."),
    "date_from_datetime_parsing": lambda c, e: _("Give a date as YYYY-MM-DD."),
    "date_from_datetime_inexact": lambda c, e: _("Give a date as YYYY-MM-DD."),
    "uuid_type": lambda c, e: _("Give an id in UUID form (32 hexadecimal digits)."),
    "uuid_parsing": lambda c, e: _("Give an id in UUID form (32 hexadecimal digits)."),
    "enum": _listed,
    "literal_error": _listed,
    "greater_than_equal": lambda c, e: _("At least %(limit)s.") % {"limit": c.get("ge")},
    "less_than_equal": lambda c, e: _("At most %(limit)s.") % {"limit": c.get("le")},
    "greater_than": lambda c, e: _("More than %(limit)s.") % {"limit": c.get("gt")},
    "less_than": lambda c, e: _("Less than %(limit)s.") % {"limit": c.get("lt")},
    "list_type": lambda c, e: _("Give a list here."),
    "dict_type": lambda c, e: _("Give an object here."),
    "model_type": lambda c, e: _("Give an object here."),
    "model_attributes_type": lambda c, e: _("Give an object here."),
    "json_invalid": lambda c, e: (
        _("The body is not valid JSON: %(error)s") % {"error": c.get("error", "")}
    ),
    "json_type": lambda c, e: _("The body must be JSON."),
}


def describe(error: dict) -> str:
    """A pydantic error as a sentence in the caller's language (comity's own errors as they are)."""
    make = _MESSAGES.get(error.get("type", ""))
    if make is None:
        return str(error.get("msg", "")).removeprefix("Value error, ")
    return make(error.get("ctx") or {}, error)


def field_path(location) -> str:
    """The dotted path of a field from a pydantic location, without where it came from and
    without the names pydantic gives the members of a union ("literal['']")."""
    return ".".join(
        str(p)
        for p in location
        if p not in ("body", "query", "path", "payload", "header") and "[" not in str(p)
    )


def field_errors(errors) -> list[dict]:
    """pydantic's errors as API.md's [{"field", "message"}], one per field."""
    out: dict[str, str] = {}
    for error in errors:
        out.setdefault(field_path(error.get("loc", ())), describe(error))
    return [{"field": field, "message": message} for field, message in out.items()]
