"""What a case is made of when it is written: one typed shape for the pages and the API.

`CaseFields` is the whole set of details a person may give or change; every field is optional so
that a change (PATCH) names only what it changes. The services check what needs the database
(the State exists, the assignee works for the authority) and what needs the whole case.
"""

import uuid
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from comity.casework.vocabulary import EntityKind, Priority
from comity.core.text import IsoDate, Line, Text
from comity.directory.vocabulary import Channel
from comity.treaties.vocabulary import RequestKind

Short = Annotated[Line, StringConstraints(max_length=200)]
Reference = Annotated[Line, StringConstraints(max_length=100)]
Name = Annotated[Line, StringConstraints(min_length=1, max_length=300)]
Offence = Annotated[Line, StringConstraints(min_length=1, max_length=200)]
InstrumentCode = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$")]
Note = Annotated[Text, StringConstraints(max_length=5_000)]
MAX_ENTITIES = 100


class Part(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Entity(Part):
    kind: EntityKind = EntityKind.PERSON
    role: Annotated[Line, StringConstraints(max_length=40)] = ""
    value: Name = Field(..., description="The name of the person or company, or the account number")
    date_of_birth: IsoDate | None = None
    nationality: Annotated[str, StringConstraints(pattern=r"^([A-Z]{3})?$")] = ""


class CaseFields(Part):
    """The details of a case that people write. Dates as YYYY-MM-DD.

    A detail left out is not changed. null clears a detail that may be empty (a text, a list, a
    date, a link); the kind, the State, our reference and the priority cannot be null.
    """

    kind: RequestKind = None
    counterpart_state: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")] = None
    counterpart_authority: uuid.UUID | None = None
    counterpart_name: Annotated[Line, StringConstraints(max_length=300)] | None = None
    our_reference: Reference = None
    their_reference: Short | None = None
    legal_bases: list[InstrumentCode] | None = Field(None, max_length=20)
    offences: list[Offence] | None = Field(None, max_length=50)
    subject: Annotated[Line, StringConstraints(max_length=300)] | None = None
    priority: Priority = None
    assigned_to: int | None = None
    executing_authority: uuid.UUID | None = None
    channel: Channel | None = None
    transmitted_on: IsoDate | None = None
    tracking_number: Annotated[Line, StringConstraints(max_length=100)] | None = None
    language: Annotated[str, StringConstraints(pattern=r"^([a-z]{2})?$")] | None = None
    requested_deadline: IsoDate | None = None
    target_date: IsoDate | None = None
    statutory_deadline: IsoDate | None = None
    statutory_basis: Short | None = None
    entities: list[Entity] | None = Field(None, max_length=MAX_ENTITIES)


class NewIncoming(CaseFields):
    """An incoming request as registered: the State it came from and the day it arrived."""

    received_on: IsoDate


# What null means for a detail that may be empty: "" for a text, [] for a list (None otherwise).
EMPTY = {
    "counterpart_name": "",
    "their_reference": "",
    "legal_bases": [],
    "offences": [],
    "subject": "",
    "channel": "",
    "tracking_number": "",
    "language": "",
    "statutory_basis": "",
    "entities": [],
}
# The details stored as NULL when cleared.
NULLABLE = frozenset(
    {
        "counterpart_authority",
        "assigned_to",
        "executing_authority",
        "transmitted_on",
        "requested_deadline",
        "target_date",
        "statutory_deadline",
    }
)
