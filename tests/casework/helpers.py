"""Cases for the tests of the case register: opened the way an officer opens them, or stored
directly as the services leave them (make_case, for states reached by many moves)."""

import datetime

from django.utils import timezone

from comity.casework import deadlines, services
from comity.casework.models import Case
from comity.casework.vocabulary import Direction, Status
from tests.factories import AuthorityFactory, UserFactory, country


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


def officer(authority=None, **kwargs):
    return UserFactory(authority=authority or AuthorityFactory(), **kwargs)


def incoming_case(actor, **data):
    country("DEU")
    return services.register_incoming(
        owner=actor.authority,
        actor=actor,
        data={
            "kind": "mla",
            "counterpart_state": "DEU",
            "received_on": (timezone.localdate() - datetime.timedelta(days=10)).isoformat(),
            **data,
        },
    )


def days_ago(count: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=count)
