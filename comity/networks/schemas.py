"""The JSON shapes of networks, focal points, meetings and action items (API.md, part 10)."""

import datetime
import uuid
from typing import Annotated

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from ninja import Field, Schema
from pydantic import AfterValidator, AwareDatetime, HttpUrl, StringConstraints

from comity.core.text import Line, Text
from comity.directory.vocabulary import FocalPointRole
from comity.geo.codes import StateCode
from comity.networks.vocabulary import Attendance, EventKind, EventStatus, ParticipantRole

Title = Annotated[Line, StringConstraints(min_length=1, max_length=300)]


def _email(value: str) -> str:
    try:
        validate_email(value)
    except ValidationError as exc:
        raise ValueError("not an e-mail address, e.g. name@example.org") from exc
    return value.lower()


EmailStr = Annotated[Line, StringConstraints(max_length=254), AfterValidator(_email)]


class NetworkMemberOut(Schema):
    country: StateCode
    role: FocalPointRole
    authority: uuid.UUID | None
    authority_name: str | None
    person_name: str = Field(..., description="Only for signed-in callers")
    source: str
    as_of: datetime.date | None
    is_example: bool


class FocalPointOut(Schema):
    id: int
    state: StateCode
    authority: uuid.UUID | None
    person: str = Field(..., description="Only for signed-in callers")
    role: FocalPointRole
    start: datetime.date | None
    end: datetime.date | None = Field(..., description="None while the term runs")
    handover_note: str
    email: str | None = Field(None, description="Only for the network's members")
    phone: str | None = Field(None, description="Only for the network's members")


class NetworkOut(Schema):
    code: str
    name: str
    names: dict[str, str]
    description: str
    website: str
    source: str
    as_of: datetime.date | None
    is_example: bool
    member_count: int


class NetworkDetailOut(NetworkOut):
    members: list[NetworkMemberOut]
    focal_points: list[FocalPointOut] = Field(
        ..., description="Every term, current and past (the history of rotations)"
    )


class NetworkList(Schema):
    count: int
    items: list[NetworkOut]


class FocalPointIn(Schema):
    state: StateCode
    role: FocalPointRole = FocalPointRole.FOCAL_POINT
    start: datetime.date
    authority: uuid.UUID | None = None
    person: Annotated[Line, StringConstraints(max_length=200)] = ""
    email: EmailStr | None = None
    phone: Annotated[Line, StringConstraints(max_length=32)] = ""
    handover_note: Text = ""
    source: Annotated[Line, StringConstraints(max_length=500)] = ""


class AgendaItemIO(Schema):
    title: Annotated[Line, StringConstraints(min_length=1, max_length=500)]
    notes: Text = ""
    documents: list[int] = Field(default_factory=list, description="Library document ids")


class ParticipantOut(Schema):
    id: int
    name: str
    email: str
    state: str | None
    authority: uuid.UUID | None
    organisation: str
    role: ParticipantRole
    invited_at: datetime.datetime | None
    registered_at: datetime.datetime | None
    attendance: Attendance


class ParticipantIn(Schema):
    name: Annotated[Line, StringConstraints(min_length=1, max_length=200)]
    email: EmailStr | None = None
    state: StateCode | None = None
    organisation: Annotated[Line, StringConstraints(max_length=300)] = ""
    role: ParticipantRole = ParticipantRole.DELEGATE


class ActionOut(Schema):
    id: int
    event: int
    title: str
    owner: str
    owner_email: str
    deadline: datetime.date
    done_at: datetime.datetime | None
    overdue: bool


class ActionIn(Schema):
    title: Annotated[Line, StringConstraints(min_length=1, max_length=500)]
    owner: Annotated[Line, StringConstraints(min_length=1, max_length=200)]
    owner_email: EmailStr | None = None
    deadline: datetime.date


class EventOut(Schema):
    id: int
    network: str | None
    kind: EventKind
    title: str
    description: str
    start: datetime.datetime
    end: datetime.datetime
    place: str
    online_url: str
    status: EventStatus
    agenda: list[AgendaItemIO]
    participants: list[ParticipantOut]
    minutes: str
    decisions: list[str]
    actions: list[ActionOut]
    is_example: bool


class EventList(Schema):
    count: int
    items: list[EventOut]


class EventIn(Schema):
    network: str | None = Field(None, description="Network code; none for a treaty body's meeting")
    kind: EventKind
    title: Title
    description: Text = ""
    start: AwareDatetime
    end: AwareDatetime
    place: Annotated[Line, StringConstraints(max_length=300)] = ""
    online_url: HttpUrl | None = None
    agenda: list[AgendaItemIO] = Field(default_factory=list)


class EventPatch(Schema):
    kind: EventKind | None = None
    title: Title | None = None
    description: Text | None = None
    start: AwareDatetime | None = None
    end: AwareDatetime | None = None
    place: Annotated[Line, StringConstraints(max_length=300)] | None = None
    online_url: HttpUrl | None = None
    agenda: list[AgendaItemIO] | None = None
    minutes: Text | None = None
    decisions: list[Annotated[Line, StringConstraints(min_length=1)]] | None = None
    status: EventStatus | None = None
    attendance: dict[int, Attendance] | None = Field(
        None, description="Participant id -> attendance"
    )
