"""JSON errors in the shape API.md promises: {"detail": ..., "errors": [{"field", "message"}]}."""

from django.http import Http404
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, HttpError, ValidationError


class ApiError(Exception):
    """Raise from a service or endpoint to answer with a 4xx and field-level errors."""

    def __init__(self, detail: str, *, status: int = 400, errors: list[dict] | None = None):
        super().__init__(detail)
        self.detail = detail
        self.status = status
        self.errors = errors or []


def _field_of(location: tuple) -> str:
    parts = [str(p) for p in location if p not in ("body", "query", "path", "payload")]
    return ".".join(parts)


def install_error_handlers(api):
    @api.exception_handler(ValidationError)
    def validation_error(request, exc):
        errors = [
            {"field": _field_of(tuple(e.get("loc", ()))), "message": e.get("msg", "")}
            for e in exc.errors
        ]
        return api.create_response(
            request, {"detail": _("The request is not valid."), "errors": errors}, status=400
        )

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc):
        detail = _("Sign in, or send the header Authorization: Bearer <token>.")
        return api.create_response(request, {"detail": detail, "errors": []}, status=401)

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return api.create_response(request, {"detail": _("Not found."), "errors": []}, status=404)

    @api.exception_handler(HttpError)
    def http_error(request, exc):
        return api.create_response(
            request, {"detail": str(exc), "errors": []}, status=exc.status_code
        )

    @api.exception_handler(ApiError)
    def api_error(request, exc):
        return api.create_response(
            request, {"detail": exc.detail, "errors": exc.errors}, status=exc.status
        )
