"""Writes to requests. Every save keeps a version; every change is audited.

A request belongs to the authority that drafts it, and speaks for it: its requesting State and
authority are always that authority's, whatever a body or an imported file says.

Two people may change the same draft at once. Every write reads the request afresh under a lock
and moves its version number by one; a writer who says which version they last saw
(`expected_version`) and is behind gets StaleVersion with the current request, never a silent
overwrite, and nobody gets a database error.
"""

import hashlib
import json

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from pydantic import ValidationError

from comity.audit.models import Action
from comity.audit.services import record, record_saved
from comity.core import access, rows
from comity.core.errors import field_errors
from comity.core.text import TextProblem, clean_text
from comity.directory.models import Authority
from comity.drafting.documents.house import checks
from comity.drafting.documents.house.checks import HouseStyleError
from comity.drafting.models import HouseStyle, Request, RequestVersion, Status
from comity.drafting.schema import RequestBody
from comity.geo.selectors import known_codes

# The request life cycle: allowed (from, to) pairs, in one place.
TRANSITIONS = {
    (Status.DRAFT, Status.FINAL),
    (Status.FINAL, Status.DRAFT),
}
TRANSITION_NOTES = {Status.FINAL: "made final", Status.DRAFT: "reopened as a draft"}
# How often an unconditional write retries when another one slipped in between (never on a
# conditional one: that is the caller's conflict to resolve).
_RETRIES = 3


class RequestInputError(Exception):
    """A body that is malformed (not merely incomplete): `errors` names each field."""

    def __init__(self, errors: list[dict]):
        super().__init__("; ".join(f"{e['field']}: {e['message']}" for e in errors))
        self.errors = errors


class RequestNotReady(Exception):
    """Finalising was refused: `checks` holds the blocking errors."""

    def __init__(self, checks: list):
        super().__init__(_("The request has errors to correct before it can be made final."))
        self.checks = checks


class TransitionNotAllowed(Exception):
    def __init__(self, current: str, target: str):
        super().__init__(
            _("A request cannot go from %(current)s to %(target)s.")
            % {"current": current, "target": target}
        )
        self.allowed = sorted(to for (frm, to) in TRANSITIONS if frm == current)


class StaleVersion(Exception):
    """The writer last saw version `seen`; `current` is the request as it is now."""

    def __init__(self, *, current: Request, seen: int):
        super().__init__(
            _(
                "This request was changed since you opened it: you saw version %(seen)d, it is "
                "now at version %(current)d. Nothing was saved."
            )
            % {"seen": seen, "current": current.version}
        )
        self.current = current
        self.seen = seen


def validate_body(data: dict, *, owner=None) -> dict:
    """The body in canonical JSON form, or RequestInputError with a message per field.

    With `owner` (the drafting authority), the requesting side is checked against it and filled
    in from it: a request never speaks for another State or authority.
    """
    errors = []
    if owner is not None:
        data = {**data}
        errors += _requesting_side(data, owner)
    try:
        # Strictly, as JSON: "5" is not a number and 0 is not a date, as the API says.
        body = RequestBody.model_validate_json(json.dumps(data), strict=True).model_dump(
            mode="json"
        )
    except ValidationError as exc:
        errors += field_errors(exc.errors())
        raise RequestInputError(errors) from exc
    errors += _states_known(body)
    if errors:
        raise RequestInputError(errors)
    return body


def _requesting_side(data: dict, owner) -> list[dict]:
    errors = []
    state = data.get("requesting_state")
    if state and str(state).upper() != owner.country_id:
        errors.append(
            {
                "field": "requesting_state",
                "message": _(
                    "A request is made in the name of your own authority's State, %(state)s. "
                    "Give %(state)s, or leave the field out."
                )
                % {"state": owner.country_id},
            }
        )
    authority = data.get("requesting_authority")
    if authority and str(authority) != str(owner.pk):
        errors.append(
            {
                "field": "requesting_authority",
                "message": _(
                    "A request is made in the name of your own authority (%(id)s). Give its id, "
                    "or leave the field out."
                )
                % {"id": owner.pk},
            }
        )
    data["requesting_state"] = owner.country_id
    data["requesting_authority"] = str(owner.pk)
    return errors


def _states_known(body: dict) -> list[dict]:
    codes = known_codes()
    return [
        {
            "field": field,
            "message": _("Unknown State “%(code)s”. Use an ISO 3166-1 alpha-3 code, e.g. DEU.")
            % {"code": body[field]},
        }
        for field in ("requesting_state", "requested_state")
        if body[field] and body[field].upper() not in codes
    ]


def _columns(request: Request, body: dict) -> None:
    request.kind = body["kind"]
    request.requesting_state_id = body["requesting_state"].upper()
    request.requested_state_id = (body.get("requested_state") or "").upper() or None
    request.reference = body.get("reference", "")


def _changed_keys(before: dict, after: dict) -> list[str]:
    return sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))


_STATE = (
    "data",
    "kind",
    "requesting_state_id",
    "requested_state_id",
    "reference",
    "status",
    "version",
    "updated_at",
    "finalised_at",
)


def _refreshed(request: Request, saved: Request) -> Request:
    """The caller's instance brought up to what was saved (callers keep using theirs)."""
    for name in _STATE:
        setattr(request, name, getattr(saved, name))
    return request


def _locked(pk) -> Request:
    return rows.locked(Request.objects.select_related("owner"), pk)


def _check_version(current: Request, expected_version: int | None) -> None:
    if expected_version is not None and int(expected_version) != current.version:
        raise StaleVersion(current=current, seen=int(expected_version))


def _save_new_version(current: Request, *, actor, note: str, fields: list[str]) -> None:
    """Write `current` as version + 1, only if nobody else did meanwhile; keep the version row."""
    seen = current.version
    current.version = seen + 1
    current.updated_at = timezone.now()
    values = {f: getattr(current, f) for f in fields}
    written = Request.objects.filter(pk=current.pk, version=seen).update(
        version=current.version, updated_at=current.updated_at, **values
    )
    if written != 1:
        raise StaleVersion(current=rows.reread(Request.objects, current.pk), seen=seen)
    RequestVersion.objects.create(
        request=current, number=current.version, data=current.data, author=actor, note=note[:200]
    )


@transaction.atomic
def create_request(*, owner, data: dict, actor) -> Request:
    """A new draft owned by `owner` (the drafter's authority), version 1."""
    body = validate_body(data, owner=owner)
    request = Request(owner=owner, data=body, created_by=actor)
    _columns(request, body)
    request.save()
    RequestVersion.objects.create(request=request, number=1, data=body, author=actor)
    record(
        actor=actor,
        action=Action.CREATE,
        obj=request,
        after={
            "kind": request.kind,
            "requested_state": request.requested_state_id,
            "reference": request.reference,
        },
    )
    return request


def update_request(
    *,
    request: Request,
    actor,
    data: dict | None = None,
    changes: dict | None = None,
    expected_version: int | None = None,
    note: str = "",
) -> Request:
    """Replace the body (`data`) or some of its parts (`changes`); return the request as saved.

    `changes` are applied to the body as it is when the write happens, so two people changing
    different parts at once both keep their change. With `expected_version`, the write happens
    only if the request is still at that version (StaleVersion otherwise). A new version is kept
    and the changed parts are audited; a write that changes nothing keeps the version as it is.
    """
    for attempt in range(_RETRIES):
        try:
            return _refreshed(
                request, _update(request.pk, actor, data, changes, expected_version, note)
            )
        except StaleVersion:
            if expected_version is not None or attempt == _RETRIES - 1:
                raise
        except IntegrityError as exc:  # a racing writer took the version number first
            if expected_version is not None or attempt == _RETRIES - 1:
                raise StaleVersion(
                    current=rows.reread(Request.objects, request.pk), seen=request.version
                ) from exc
    raise AssertionError("unreachable")


@transaction.atomic
def _update(pk, actor, data, changes, expected_version, note) -> Request:
    current = _locked(pk)
    if current.status != Status.DRAFT:
        raise TransitionNotAllowed(current.status, "edit")
    _check_version(current, expected_version)
    proposed = {**current.data, **changes} if changes is not None else data
    body = validate_body(proposed, owner=current.owner)
    changed = _changed_keys(current.data, body)
    if not changed:
        return current
    before = {k: current.data.get(k) for k in changed}
    current.data = body
    _columns(current, body)
    _save_new_version(
        current,
        actor=actor,
        note=note,
        fields=["data", "kind", "requesting_state_id", "requested_state_id", "reference"],
    )
    record(
        actor=actor,
        action=Action.UPDATE,
        obj=current,
        before=before,
        after={k: body.get(k) for k in changed},
        note=note,
    )
    return current


@transaction.atomic
def transition(*, request: Request, to: str, actor, expected_version: int | None = None) -> Request:
    """Move a request through its life cycle; making it final needs a request without errors.

    Each move is a new version (with the same body), so whoever saw the request before it moved
    is told, not overruled.
    """
    return _refreshed(request, _transition(request.pk, to, actor, expected_version))


@transaction.atomic
def _transition(pk, to: str, actor, expected_version: int | None) -> Request:
    current = _locked(pk)
    _check_version(current, expected_version)
    if (current.status, to) not in TRANSITIONS:
        raise TransitionNotAllowed(current.status, to)
    if to == Status.FINAL:
        from comity.drafting.rules import context_for, run_checks

        errors = [
            c
            for c in run_checks(current.data, context=context_for(current.data))
            if c.severity == "error"
        ]
        if errors:
            raise RequestNotReady(errors)
        current.finalised_at = timezone.now()
    else:
        # A request sent to another State stays as it was sent: its case says what became of it.
        if (
            Request.objects.filter(pk=current.pk, case__isnull=False)
            .exclude(case__status="draft")
            .exists()
        ):
            raise TransitionNotAllowed(current.status, to)
        current.finalised_at = None
    before = current.status
    current.status = to
    _save_new_version(
        current, actor=actor, note=TRANSITION_NOTES[to], fields=["status", "finalised_at"]
    )
    record(
        actor=actor,
        action=Action.UPDATE,
        obj=current,
        before={"status": before},
        after={"status": to},
    )
    return current


@transaction.atomic
def delete_request(*, request: Request, actor, expected_version: int | None = None) -> None:
    current = _locked(request.pk)
    _check_version(current, expected_version)
    if current.status != Status.DRAFT:
        raise TransitionNotAllowed(current.status, "delete")
    record(
        actor=actor,
        action=Action.DELETE,
        obj=current,
        before={"kind": current.kind, "reference": current.reference, "versions": current.version},
    )
    current.delete()


@transaction.atomic
def export_request(*, request: Request, actor) -> dict:
    """The request as its portable JSON document; the export is audited."""
    record(actor=actor, action=Action.EXPORT, obj=request, note=f"json v{request.version}")
    return request.data


# --- House styles ---------------------------------------------------------------------------------


class HouseStyleInputError(Exception):
    """A house style that cannot be saved: `errors` (HouseStyleError) says, per field, what to fix."""

    def __init__(self, errors: list[HouseStyleError]):
        super().__init__("; ".join(f"{e.field}: {e.message}" for e in errors))
        self.errors = errors


def house_style_state(style: HouseStyle) -> dict:
    """What the audit trail keeps of a house style: its texts, and of its files what identifies
    them (type, size, SHA-256), not their bytes."""

    def file(data: bytes, **facts) -> dict | None:
        if not data:
            return None
        return {**facts, "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}

    return {
        "letterhead_lines": list(style.letterhead_lines),
        "signatory_name": style.signatory_name,
        "signatory_function": style.signatory_function,
        "logo": file(
            bytes(style.logo),
            type=style.logo_type,
            pixels=f"{style.logo_width}×{style.logo_height}",
        ),
        "template": file(bytes(style.template), name=style.template_name),
    }


def _file_name(name: str) -> str:
    """An uploaded file's name as shown on the page: its last part, one line, at most 200."""
    name = name.replace("\\", "/").rsplit("/", 1)[-1].strip()
    try:
        return clean_text(name, single_line=True)[:200]
    except TextProblem:
        return "template.docx"


def set_house_style(
    *,
    authority: Authority,
    actor,
    letterhead_lines: list[str] | None = None,
    signatory_name: str | None = None,
    signatory_function: str | None = None,
    logo: bytes | None = None,
    remove_logo: bool = False,
    template: bytes | None = None,
    template_name: str = "",
    remove_template: bool = False,
) -> HouseStyle:
    """Set `authority`'s house style: what is given replaces what was there (None leaves it as it
    is; empty letterhead lines bring back the directory entry's address and contacts); the logo
    or the template can be removed.

    Everything is checked before anything is written (a template by rendering a sample request
    with it): one bad field and nothing is saved, and HouseStyleInputError lists every problem.
    Only the authority's administrators and site admins may set it (PermissionDenied).
    """
    if actor is not None and not access.may_create(actor, HouseStyle.access, owner=authority):
        raise PermissionDenied("Only an administrator of this authority may set its house style.")
    changes: dict = {}
    errors: list[HouseStyleError] = []

    def check(work, *args):
        try:
            return work(*args)
        except HouseStyleError as exc:
            errors.append(exc)
            return None

    if letterhead_lines is not None:
        changes["letterhead_lines"] = check(checks.check_lines, letterhead_lines)
    for field, value in (
        ("signatory_name", signatory_name),
        ("signatory_function", signatory_function),
    ):
        if value is not None:
            changes[field] = check(checks.check_line, field, value)
    if logo is not None:
        found = check(checks.check_logo, logo)
        if found is not None:
            changes.update(
                logo=found.data,
                logo_type=found.content_type,
                logo_width=found.width,
                logo_height=found.height,
            )
    elif remove_logo:
        changes.update(logo=b"", logo_type="", logo_width=0, logo_height=0)
    if template is not None:
        check(checks.check_template, template)
        changes.update(template=template, template_name=_file_name(template_name))
    elif remove_template:
        changes.update(template=b"", template_name="")
    if errors:
        raise HouseStyleInputError(errors)
    return _save_house_style(authority=authority, changes=changes, actor=actor)


@transaction.atomic
def _save_house_style(*, authority: Authority, changes: dict, actor) -> HouseStyle:
    # The authority's row is locked, so two administrators saving at once do not both create one.
    rows.locked(Authority.objects, authority.pk)
    style = HouseStyle.objects.filter(pk=authority.pk).first()
    before = None if style is None else house_style_state(style)
    style = style or HouseStyle(authority=authority)
    for field, value in changes.items():
        setattr(style, field, value)
    style.full_clean()
    style.save()
    record_saved(actor=actor, obj=style, before=before, after=house_style_state(style))
    return style
