"""Reads of requests: lists, versions and their differences."""

from comity.core import access
from comity.core.access import Permission
from comity.drafting.models import Request, RequestVersion


def requests_for(user):
    """The requests of `user`'s authority (the access policy's AuthorityOwned rule)."""
    return Request.objects.restrict(user).select_related("requesting_state", "requested_state")


def request_for(user, pk, *, to_edit: bool = False) -> Request | None:
    """The request if `user` may see it (or change it, with to_edit); None means 404."""
    permission = Permission.CHANGE if to_edit else Permission.VIEW
    return (
        Request.objects.restrict(user, permission)
        .select_related("owner", "requesting_state", "requested_state")
        .filter(pk=pk)
        .first()
    )


def can_draft(user) -> bool:
    """Whether `user` may start requests for their authority (every role but viewer)."""
    return user.is_authenticated and access.may_create(user, Request.access, owner=user.authority)


def _flatten(value, prefix="") -> dict[str, str]:
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            out.update(_flatten(item, f"{prefix}.{key}" if prefix else key))
        return out
    if isinstance(value, list):
        out = {}
        for index, item in enumerate(value):
            out.update(_flatten(item, f"{prefix}.{index}"))
        return out
    return {prefix: "" if value is None else str(value)}


def compare_versions(old: RequestVersion, new: RequestVersion) -> list[tuple[str, str, str]]:
    """(field path, old value, new value) for every field that differs between two versions."""
    a, b = _flatten(old.data), _flatten(new.data)
    return [
        (k, a.get(k, ""), b.get(k, ""))
        for k in sorted(a.keys() | b.keys())
        if a.get(k, "") != b.get(k, "")
    ]
