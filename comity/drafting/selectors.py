"""Reads of requests: lists, versions and their differences."""

from comity.core import access
from comity.core.access import Permission
from comity.directory.services import fold
from comity.drafting.documents.labels import document_languages
from comity.drafting.documents.model import House, Logo
from comity.drafting.models import HouseStyle, Request, RequestVersion
from comity.geo.selectors import localized_country_choices
from comity.treaties.selectors import profile_for


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


def house_style(authority, *, with_template: bool = False) -> HouseStyle | None:
    """The authority's house style row, if it has one; its template bytes only when asked."""
    rows = HouseStyle.objects.filter(authority=authority)
    return (rows if with_template else rows.defer("template")).first()


def house_for(authority, *, with_template: bool = False) -> House | None:
    """The authority's house style as its documents use it (None: the built-in style).

    Read for the owner of a request, whoever renders it: not restricted to a user."""
    style = house_style(authority, with_template=with_template)
    if style is None:
        return None
    logo = None
    if style.logo_type:
        logo = Logo(
            data=bytes(style.logo),
            content_type=style.logo_type,
            width=style.logo_width,
            height=style.logo_height,
        )
    return House(
        logo=logo,
        lines=tuple(style.letterhead_lines),
        signatory_name=style.signatory_name,
        signatory_function=style.signatory_function,
        template=bytes(style.template) if with_template else b"",
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


def _searchable(request: Request, names: dict[str, str]) -> str:
    """What a search across requests looks in: references, persons, States, offences, facts."""
    data = request.data or {}
    parts = [
        request.reference,
        data.get("reference", ""),
        data.get("their_reference", ""),
        request.requested_state_id or "",
        names.get(request.requested_state_id or "", ""),
        *(p.get("name", "") for p in data.get("persons", []) if isinstance(p, dict)),
        *(o.get("label", "") for o in data.get("offences", []) if isinstance(o, dict)),
        *(o.get("statute", "") for o in data.get("offences", []) if isinstance(o, dict)),
        (data.get("proceedings") or {}).get("case_number", ""),
    ]
    return fold(" ".join(str(part) for part in parts if part))


def find_requests(user, q: str, *, limit: int = 200) -> list[Request]:
    """The requests `user` may see whose reference, persons, requested State (code or name in
    the user's language), offences or case number contain every word of `q`, newest first.

    The authority's requests are read and matched in Python: an authority holds hundreds to a
    few thousand requests, and the words live inside the request body."""
    words = fold(q).split()
    names = dict(localized_country_choices())
    found = []
    for request in requests_for(user).order_by("-updated_at").iterator():
        text = _searchable(request, names)
        if all(word in text for word in words):
            found.append(request)
            if len(found) >= limit:
                break
    return found


def recent_with_checks(user, *, limit: int = 10) -> list[tuple[Request, int, int]]:
    """The latest requests `user` may see, each with its number of errors and warnings."""
    from comity.drafting.rules import context_for, run_checks

    out = []
    for request in requests_for(user).order_by("-updated_at")[:limit]:
        checks = run_checks(request.data, context=context_for(request.data))
        errors = sum(1 for c in checks if c.severity == "error")
        warnings = sum(1 for c in checks if c.severity == "warning")
        out.append((request, errors, warnings))
    return out


def accepted_languages(state: str, kind: str, addressee=None) -> list[str]:
    """The document languages `state` accepts for this kind of request: its requirement
    profile's, then the addressee's directory entry's."""
    profile = profile_for(state, kind)
    accepted = [
        *(profile.languages if profile else ()),
        *(getattr(addressee, "languages", None) or ()),
    ]
    offered = document_languages()
    return [code for code in dict.fromkeys(accepted) if code in offered]
