"""Demo content for `make run`: one demo account and a few entries marked as example data.

Never loaded by the reference loader. Every object created here has is_example=True, and the UI
shows an "Example data" badge on it.
"""

import datetime
import secrets

from django.db import transaction
from django.utils import timezone

from comity.accounts.models import Role, User
from comity.casework.transfer import import_register
from comity.directory import services
from comity.directory.models import Authority
from comity.installation import demo_liaison, demo_networks

DEMO_USERNAME = "demo"
EXAMPLE_SOURCE = "Example data created by the demo step of `make run`; not a real authority."

EXAMPLE_AUTHORITIES = [
    {
        "country": "DEU",
        "name": "Example Central Authority for Mutual Legal Assistance",
        "kind": "central_authority",
        "competences": ["mla", "extradition"],
        "instruments": ["UNTOC", "UNCAC", "CETS-185"],
        "languages": ["de", "en"],
        "channels": ["direct", "email"],
        "email": "mla@example.org",
        "address": "Example Street 1\n10000 Example City",
        "time_zone": "Europe/Berlin",
        "office_hours": "Mon–Fri 09:00–16:00",
        "formalities": ["signature", "advance_copy"],
    },
    {
        "country": "NGA",
        "name": "Example Central Authority Unit",
        "kind": "central_authority",
        "competences": ["mla", "extradition", "asset_recovery"],
        "instruments": ["UNTOC", "UNCAC"],
        "languages": ["en"],
        "channels": ["direct", "diplomatic"],
        "email": "central.authority@example.org",
        "time_zone": "Africa/Lagos",
    },
    {
        "country": "GHA",
        "name": "Example Office of the Attorney-General, MLA Desk",
        "kind": "central_authority",
        "competences": ["mla"],
        "instruments": ["UNTOC"],
        "languages": ["en"],
        "channels": ["direct", "email"],
        "email": "mla.desk@example.org",
        "time_zone": "Africa/Accra",
    },
    {
        "country": "GBR",
        "name": "Example 24/7 Cybercrime Contact Point",
        "kind": "contact_point_24_7",
        "competences": ["preservation_24_7", "police"],
        "instruments": ["CETS-185"],
        "languages": ["en"],
        "channels": ["email", "interpol"],
        "phone": "+44 20 7946 0999",
        "email": "cyber247@example.org",
        "urgent": {
            "channels": ["email"],
            "phone": "+44 20 7946 0999",
            "notes": "Reachable around the clock.",
        },
        "time_zone": "Europe/London",
    },
    {
        "country": "UKR",
        "name": "Example Financial Intelligence Unit",
        "kind": "fiu",
        "competences": ["fiu"],
        "languages": ["uk", "en"],
        "channels": ["electronic_platform"],
        "email": "fiu@example.org",
        "time_zone": "Europe/Kyiv",
    },
]


def _password() -> str:
    return "-".join(secrets.token_urlsafe(4) for _ in range(4))


@transaction.atomic
def create_demo(*, reset_password: bool = False) -> tuple[User, str | None]:
    """Create the demo account and example entries. Returns (user, new password or None)."""
    home = Authority.objects.filter(
        country_id="UKR", name="Ministry of Justice", kind="central_authority"
    ).first()
    if home is None:
        raise RuntimeError("Load the reference data first: comity load-reference")
    for data in EXAMPLE_AUTHORITIES:
        if not Authority.objects.filter(country_id=data["country"], name=data["name"]).exists():
            authority = services.create_authority(
                data={**data, "source": EXAMPLE_SOURCE, "is_example": True}, actor=None
            )
            services.save_contact(
                authority=authority,
                actor=None,
                data={
                    "name": "Example Contact Person",
                    "title": "Duty officer",
                    "email": data.get("email", ""),
                    "is_example": True,
                },
            )
    user = User.objects.filter(username=DEMO_USERNAME).first()
    password = None
    if user is None:
        user = User(
            username=DEMO_USERNAME,
            first_name="Demo",
            last_name="Officer",
            email="demo@example.org",
            authority=home,
            role=Role.AUTHORITY_ADMIN,
            is_example=True,
        )
        reset_password = True
    if reset_password:
        password = _password()
        user.set_password(password)
    user.save()
    _example_cases(home, user)
    demo_networks.create(user)
    demo_liaison.create(password)
    return user, password


def _example_cases(home: Authority, user: User) -> None:
    """A few example cases in the demo authority's register (marked as example data)."""
    if home.cases.exists():
        return
    today = timezone.localdate()

    def day(ago: int) -> str:
        return (today - datetime.timedelta(days=ago)).isoformat()

    import_register(
        owner=home,
        actor=user,
        cases=[
            {
                "direction": "incoming",
                "kind": "mla",
                "counterpart_state": "DEU",
                "our_reference": "EXAMPLE-IN-0001",
                "their_reference": "EXAMPLE-BfJ-77",
                "opened_on": day(120),
                "requested_deadline": day(10),
                "subject": "Example: bank records of a shell company",
                "offences": ["Money laundering"],
                "entities": [
                    {"kind": "company", "value": "Example Trading GmbH"},
                    {"kind": "person", "role": "suspect", "value": "Jürgen Beispiel"},
                ],
                "history": [
                    {"to": "registered", "on": day(118)},
                    {"to": "under_review", "on": day(110)},
                    {"to": "forwarded", "on": day(100)},
                    {"to": "in_execution", "on": day(90)},
                ],
                "assigned_to": user.pk,
                "is_example": True,
            },
            {
                "direction": "outgoing",
                "kind": "mla",
                "counterpart_state": "FRA",
                "our_reference": "EXAMPLE-OUT-0001",
                "opened_on": day(200),
                "channel": "direct",
                "transmitted_on": day(200),
                "subject": "Example: hearing of a witness by video link",
                "entities": [{"kind": "person", "role": "witness", "value": "Олена Приклад"}],
                "history": [
                    {"to": "acknowledged", "on": day(185)},
                    {"to": "partially_executed", "on": day(60)},
                ],
                "assigned_to": user.pk,
                "is_example": True,
            },
        ],
    )
