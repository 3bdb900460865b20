"""What every write to the records hanging off a case does: it works on the case locked, marks the
case changed, leaves an event on it and an entry in the audit trail."""

import datetime

from django.utils import timezone

from comity.audit.models import Action
from comity.audit.services import record
from comity.casework.models import Case, CaseEvent
from comity.casework.services import _event, _locked


def locked(case: Case) -> Case:
    """The case read afresh under a lock for this transaction (a 404 when it is gone)."""
    return _locked(case.pk)


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
    event = _event(case, kind, actor=actor, on=on, note=note, details=details)
    record(actor=actor, action=action, obj=case, after={"event": kind, **after}, note=note[:500])
    return event
