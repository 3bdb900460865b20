"""The shape of an error answer, as API.md promises: {"detail": ..., "errors": [{"field", "message"}]}.

Raise ApiError from an endpoint (or a service called by one) to answer with a 4xx; the API's
exception handlers (comity/api/errors.py) turn it into JSON.
"""

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
