"""Demo content of the informal channel for `make run`: example FIUs of Ghana and Nigeria and
Nigeria's example police contact point, an example analyst at each FIU (signing in with the demo
account's password), and one example exchange under H2. All marked as example data."""

import datetime

from django.db import transaction
from django.utils import timezone

from comity.accounts.models import LiaisonRole, Role, User
from comity.directory import services as directory_services
from comity.directory.models import Authority
from comity.liaison import services
from comity.liaison.models import Message

EXAMPLE_SOURCE = "Example data created by the demo step of `make run`; not a real authority."
CONTACT_POINTS = [
    {
        "country": "GHA",
        "name": "Example Financial Intelligence Centre",
        "kind": "fiu",
        "competences": ["fiu"],
        "languages": ["en"],
        "channels": ["electronic_platform"],
        "email": "fic@example.org",
        "time_zone": "Africa/Accra",
    },
    {
        "country": "NGA",
        "name": "Example Financial Intelligence Unit",
        "kind": "fiu",
        "competences": ["fiu"],
        "languages": ["en"],
        "channels": ["electronic_platform"],
        "email": "nfiu@example.org",
        "time_zone": "Africa/Lagos",
    },
    {
        "country": "NGA",
        "name": "Example Police INTERPOL National Central Bureau",
        "kind": "police",
        "competences": ["police"],
        "languages": ["en"],
        "channels": ["interpol", "email"],
        "email": "ncb@example.org",
        "time_zone": "Africa/Lagos",
    },
]
ANALYSTS = [
    ("demo-gh-fiu", "Ama", "Mensah (example)", "GHA", "Example Financial Intelligence Centre"),
    ("demo-ng-fiu", "Chidi", "Okafor (example)", "NGA", "Example Financial Intelligence Unit"),
]


def _authority(data: dict) -> Authority:
    found = Authority.objects.filter(country_id=data["country"], name=data["name"]).first()
    if found is None:
        found = directory_services.create_authority(
            data={**data, "source": EXAMPLE_SOURCE, "is_example": True}, actor=None
        )
    return found


@transaction.atomic
def create(password: str | None) -> list[User]:
    """The example contact points, analysts and exchange; the analysts get `password` when one
    is given (a new demo password)."""
    for data in CONTACT_POINTS:
        _authority(data)
    analysts = []
    for username, first, last, country, name in ANALYSTS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(
                username=username,
                first_name=first,
                last_name=last,
                email=f"{username}@example.org",
                authority=Authority.objects.get(country_id=country, name=name),
                role=Role.OFFICER,
                liaison_role=LiaisonRole.SUPERVISOR,
                is_example=True,
            )
        if password:
            user.set_password(password)
        user.save()
        analysts.append(user)
    if not Message.objects.filter(is_example=True).exists():
        _exchange(*analysts)
    return analysts


def _exchange(ghana, nigeria) -> None:
    today = timezone.localdate()
    request = services.send(
        actor=ghana,
        to_authority=nigeria.authority,
        data={
            "kind": "request",
            "subject": "Example: two accounts of an example shipping company",
            "body": (
                "Example data. We analyse suspicious transfers to two accounts held in Nigeria "
                "by an example company. Please tell us the holders, the signatories and the "
                "movements since January 2025."
            ),
            "handling": "H2",
            "source_evaluation": "B",
            "information_evaluation": "2",
            "priority": "routine",
            "reply_by": today + datetime.timedelta(days=10),
            "entities": [
                {"type": "account", "value": "NG00 EXMP 0000 0000 0001"},
                {"type": "account", "value": "NG00 EXMP 0000 0000 0002"},
                {"type": "company", "value": "Example Harbour Shipping Ltd"},
            ],
        },
    )
    Message.objects.filter(pk=request.pk).update(is_example=True)
