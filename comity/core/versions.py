"""Optimistic locking in the API: a record's version as its ETag, and the version a writer saw.

A client sends the ETag it last saw in `If-Match` (or the number in a `version` field) with a
change; a record that has moved on since is refused with 409 by the endpoint.
"""

from django.utils.translation import gettext as _
from ninja import Header

from comity.core.errors import ApiError, field_error

IF_MATCH = Header(
    "",
    alias="If-Match",
    pattern=r'^(|\*|(W/)?"[0-9]{1,9}"|[0-9]{1,9})$',
    description='The ETag of the version you last saw (e.g. "3"); a change to a record that has '
    "moved on since is refused with 409.",
)


def etag(obj) -> str:
    return f'"{obj.version}"'


def expected_version(if_match: str | None, version=None) -> int | None:
    """The version a writer last saw, from If-Match ("3", W/"3" or *) or a `version` field."""
    if if_match and if_match.strip() != "*":
        tag = if_match.split(",")[0].strip().removeprefix("W/").strip('"')
        if not tag.isdigit():
            raise ApiError(
                _("The request is not valid."),
                errors=[
                    field_error(
                        "If-Match",
                        _('Send the ETag of the version you last saw, e.g. "3".'),
                    )
                ],
            )
        return int(tag)
    if version is None:
        return None
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise ApiError(
            _("The request is not valid."),
            errors=[field_error("version", _("Give the version number you last saw, e.g. 3."))],
        )
    return version


def moved_on(message: str, *, current, current_body: dict, retry: str) -> ApiError:
    """The 409 answer to a writer who is behind: what happened, how to retry (`retry`, which
    names the current version), and the record as it is now with its ETag."""
    return ApiError(
        message,
        status=409,
        errors=[field_error("version", retry)],
        extra={"current": current_body},
        headers={"ETag": etag(current)},
    )
