"""The shape of an error answer, as API.md promises: {"detail": ..., "errors": [{"field", "message"}]}.

Raise ApiError from an endpoint (or a service called by one) to answer with a 4xx; the API's
exception handlers (comity/api/errors.py) turn it into JSON.
"""


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
