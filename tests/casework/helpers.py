"""Cases for the reminder and letter tests, stored as the services leave them."""

import datetime

from django.utils import timezone

from comity.casework import deadlines
from comity.casework.models import Case
from comity.casework.vocabulary import Direction, Status


def make_case(owner, *, created_by, **fields) -> Case:
    values = {
        "direction": Direction.OUTGOING,
        "kind": "mla",
        "status": Status.SENT,
        "counterpart_state_id": "DEU",
        "our_reference": f"UKR-OUT-2026/{Case.objects.count() + 1:05d}",
        "opened_on": datetime.date(2026, 3, 2),
        "updated_at": timezone.now(),
        **fields,
    }
    case = Case(owner=owner, created_by=created_by, **values)
    case.deadline = deadlines.effective_deadline(case) if case.is_open else None
    case.save()
    return case
