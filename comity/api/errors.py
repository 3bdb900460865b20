"""The API's exception handlers: every error leaves as JSON in the shape of comity.core.errors."""

from django.http import Http404
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, HttpError, ValidationError

from comity.core.errors import ApiError, field_errors


def install_error_handlers(api):
    @api.exception_handler(ValidationError)
    def validation_error(request, exc):
        errors = field_errors(exc.errors)
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
        if exc.status_code == 400 and str(exc).startswith("Cannot parse request body"):
            # Not JSON, or JSON but not an object (api/parser.py).
            errors = [{"field": "body", "message": _("Send a JSON object.")}]
            return api.create_response(
                request, {"detail": _("The request is not valid."), "errors": errors}, status=400
            )
        return api.create_response(
            request, {"detail": str(exc), "errors": []}, status=exc.status_code
        )

    @api.exception_handler(ApiError)
    def api_error(request, exc):
        response = api.create_response(request, exc.body(), status=exc.status)
        for name, value in exc.headers.items():
            response[name] = value
        return response
