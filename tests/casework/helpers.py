"""Cases for the tests of the case register, opened the way an officer opens them."""

import datetime

from django.utils import timezone

from comity.casework import services
from tests.factories import AuthorityFactory, UserFactory, country


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
