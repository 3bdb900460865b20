"""Writes to requests. Every save keeps a version; every change is audited."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from pydantic import ValidationError

from comity.audit.models import Action
from comity.audit.services import record
from comity.drafting.models import Request, RequestVersion, Status
from comity.drafting.schema import RequestBody

# The request life cycle: allowed (from, to) pairs, in one place.
TRANSITIONS = {
    (Status.DRAFT, Status.FINAL),
    (Status.FINAL, Status.DRAFT),
}


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


def validate_body(data: dict) -> dict:
    """The body in canonical JSON form, or RequestInputError with a message per field."""
    try:
        return RequestBody.model_validate(data).model_dump(mode="json")
    except ValidationError as exc:
        raise RequestInputError(
            [
                {"field": ".".join(str(p) for p in error["loc"]), "message": error["msg"]}
                for error in exc.errors()
            ]
        ) from exc


def _columns(request: Request, body: dict) -> None:
    request.kind = body["kind"]
    request.requesting_state_id = body["requesting_state"].upper()
    request.requested_state_id = (body.get("requested_state") or "").upper() or None
    request.reference = body.get("reference", "")[:100]


def _changed_keys(before: dict, after: dict) -> list[str]:
    return sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))


@transaction.atomic
def create_request(*, owner, data: dict, actor) -> Request:
    """A new draft owned by `owner` (the drafter's authority), version 1."""
    body = validate_body(data)
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


@transaction.atomic
def update_request(*, request: Request, data: dict, actor, note: str = "") -> Request:
    """Replace the body (validated), keep a new version, audit which parts changed."""
    if request.status != Status.DRAFT:
        raise TransitionNotAllowed(request.status, "edit")
    body = validate_body(data)
    changed = _changed_keys(request.data, body)
    if not changed:
        return request
    before = {k: request.data.get(k) for k in changed}
    request.data = body
    _columns(request, body)
    request.version += 1
    request.save()
    RequestVersion.objects.create(
        request=request, number=request.version, data=body, author=actor, note=note[:200]
    )
    record(
        actor=actor,
        action=Action.UPDATE,
        obj=request,
        before=before,
        after={k: body.get(k) for k in changed},
        note=note,
    )
    return request


@transaction.atomic
def transition(*, request: Request, to: str, actor) -> Request:
    """Move a request through its life cycle; making it final needs a request without errors."""
    if (request.status, to) not in TRANSITIONS:
        raise TransitionNotAllowed(request.status, to)
    if to == Status.FINAL:
        from comity.drafting.rules import context_for, run_checks

        errors = [
            c
            for c in run_checks(request.data, context=context_for(request.data))
            if c.severity == "error"
        ]
        if errors:
            raise RequestNotReady(errors)
        request.finalised_at = timezone.now()
    else:
        request.finalised_at = None
    before = request.status
    request.status = to
    request.save(update_fields=["status", "finalised_at", "updated_at"])
    record(
        actor=actor,
        action=Action.UPDATE,
        obj=request,
        before={"status": before},
        after={"status": to},
    )
    return request


@transaction.atomic
def delete_request(*, request: Request, actor) -> None:
    if request.status != Status.DRAFT:
        raise TransitionNotAllowed(request.status, "delete")
    record(
        actor=actor,
        action=Action.DELETE,
        obj=request,
        before={"kind": request.kind, "reference": request.reference, "versions": request.version},
    )
    request.delete()


@transaction.atomic
def export_request(*, request: Request, actor) -> dict:
    """The request as its portable JSON document; the export is audited."""
    record(
        actor=actor,
        action=Action.EXPORT,
        obj=request,
        note=f"json v{request.version}",
    )
    return request.data
