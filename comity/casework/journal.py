"""What every write to a case or to the records hanging off it does: it works on the case locked,
marks the case changed, leaves an event on it and an entry in the audit trail."""

import datetime

from django.utils import timezone

from comity.audit.models import Action
from comity.audit.services import record
from comity.casework.models import Case, CaseEvent
from comity.core import rows


def locked(case: Case) -> Case:
    """The case read afresh under a lock for this transaction (a 404 when it is gone)."""
    return rows.locked(Case.objects.select_related("owner", "counterpart_state"), case.pk)


def event(case, kind, *, actor, on=None, note="", details=None, frm="", to="") -> CaseEvent:
    """One event on `case`: what happened on day `on` (today by default), recorded now."""
    return CaseEvent.objects.create(
        case=case,
        kind=kind,
        from_status=frm,
        to_status=to,
        on=on or timezone.localdate(),
        at=timezone.now(),
        actor=actor if getattr(actor, "pk", None) else None,
        note=note,
        details=details or {},
    )


def log(
    case: Case,
    kind: str,
    *,
    actor,
    after: dict,
    on: datetime.date | None = None,
    note: str = "",
    details: dict | None = None,
    action: str = Action.UPDATE,
) -> CaseEvent:
    """Mark `case` changed, leave an event of `kind` and audit `after` on the case."""
    case.updated_at = timezone.now()
    case.save(update_fields=["updated_at"])
    written = event(case, kind, actor=actor, on=on, note=note, details=details)
    record(actor=actor, action=action, obj=case, after={"event": kind, **after}, note=note[:500])
    return written
