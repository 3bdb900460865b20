"""Protections every answer gets: the Content Security Policy, no caching of pages, limits on
the size of what is sent, and no control characters in addresses or forms."""

import json
import re
import unicodedata

from django.conf import settings
from django.http import HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render
from django.utils.translation import gettext as _

# No inline scripts or styles: every script and stylesheet is a static file of our own.
POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'self'; object-src 'none'"
)
API_PREFIX = "/api/"
# Addresses that take a whole State's directory entries at once, or files (an authority's logo
# and DOCX house template, a received request's JSON): COMITY_MAX_IMPORT_BYTES.
IMPORT_PATHS = ("/api/v1/authorities/import", "/cases/import/")
UPLOAD_PATHS = re.compile(r"^/directory/[0-9a-f-]{36}/letterhead/$")
# The upload form of a case's files: one file of COMITY_CASE_UPLOAD_MAX_BYTES and its few fields.
CASE_FILE_PATHS = re.compile(r"^/cases/[0-9a-f-]{36}/files/$")
FORM_OVERHEAD = 64 * 1024


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", POLICY)
        if settings.HTTPS:
            response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        return response


class NoStoreMiddleware:
    """Pages and downloads are not kept by browsers or proxies: they may be confidential.

    Static files (served before this runs, with their own long-lived headers) are not affected.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Cache-Control" not in response.headers:
            response.headers["Cache-Control"] = "no-store"
        return response


def _error(request, status: int, field: str, message: str) -> HttpResponse:
    """An error answer before any view runs: JSON for the API, a page otherwise."""
    if request.path.startswith(API_PREFIX):
        body = {"detail": message, "errors": [{"field": field, "message": message}]}
        return HttpResponse(
            json.dumps(body, ensure_ascii=False),
            status=status,
            content_type="application/json; charset=utf-8",
        )
    return render(request, f"web/errors/{status}.html", {"message": message}, status=status)


def body_limit(path: str) -> int:
    if path.startswith(IMPORT_PATHS) or UPLOAD_PATHS.match(path):
        return settings.COMITY_MAX_IMPORT_BYTES
    if CASE_FILE_PATHS.match(path):
        return settings.COMITY_CASE_UPLOAD_MAX_BYTES + FORM_OVERHEAD
    return settings.COMITY_MAX_BODY_BYTES


class BodyLimitMiddleware:
    """Refuse a body over the limit of its address (413) before reading any of it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = body_limit(request.path)
        if length > limit:
            return _error(
                request,
                413,
                "body",
                _(
                    "What you sent is %(size)s; the most this address accepts is %(limit)s. "
                    "Send less at a time, or move long texts to annexes."
                )
                % {"size": _size(length), "limit": _size(limit)},
            )
        return self.get_response(request)


def _size(count: int) -> str:
    if count >= 1024 * 1024:
        return f"{count / (1024 * 1024):.1f} MB"
    return f"{max(1, round(count / 1024))} KB"


def _bad_character(value: str) -> bool:
    return any(
        unicodedata.category(ch) == "Cc" and ch not in "\t\n\r" for ch in value if ord(ch) < 160
    )


class RefuseControlCharactersMiddleware:
    """A NUL or another control character in the address or a form field is refused (400).

    No legitimate input holds one; databases, search indexes and documents fail on them.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        sources = [request.GET]
        content_type = request.META.get("CONTENT_TYPE", "")
        if request.method == "POST" and content_type.startswith(
            ("application/x-www-form-urlencoded", "multipart/form-data")
        ):
            try:
                sources.append(request.POST)
            except MultiPartParserError:
                return _error(
                    request,
                    400,
                    "body",
                    _("The form could not be read. Reload the page and send it again."),
                )
        for source in sources:
            for field, values in source.lists():
                if _bad_character(field) or any(_bad_character(v) for v in values):
                    return _error(
                        request,
                        400,
                        field if not _bad_character(field) else "",
                        _(
                            "The field “%(field)s” contains a control character (such as NUL). "
                            "Remove it and try again."
                        )
                        % {"field": field.replace("\x00", "")[:100]},
                    )
        return self.get_response(request)
