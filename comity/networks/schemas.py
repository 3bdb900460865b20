"""The JSON shapes of networks, focal points, meetings and action items (API.md, part 10)."""

import datetime
import uuid
from typing import Annotated

from ninja import Field, Schema
from pydantic import BaseModel, HttpUrl, StringConstraints, UrlConstraints

from comity.core.text import Email, IsoDate, IsoMoment, Line, Text
from comity.directory.vocabulary import FocalPointRole
from comity.geo.codes import StateCode
from comity.networks.vocabulary import Attendance, MeetingKind, MeetingStatus, ParticipantRole

Title = Annotated[Line, StringConstraints(min_length=1, max_length=300)]


# A network's code in a query (a slug).
NetworkCode = Annotated[str, StringConstraints(max_length=32, pattern=r"^[-a-zA-Z0-9_]*$")]


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
    start: IsoDate
    authority: uuid.UUID | None = None
    person: Annotated[Line, StringConstraints(max_length=200)] = ""
    email: Email | None = None
    phone: Annotated[Line, StringConstraints(max_length=32)] = ""
    handover_note: Text = ""
    source: Annotated[Line, StringConstraints(max_length=500)] = ""


class AgendaItemIO(BaseModel):
    title: Annotated[Line, StringConstraints(min_length=1, max_length=500)]
    notes: Text = ""
    documents: list[Annotated[int, Field(ge=1, le=2**63 - 1)]] = Field(
        default_factory=list, max_length=50, description="Library document ids"
    )


class ParticipantOut(Schema):
    id: int
    name: str
    email: str = Field(..., description="Only for those who keep the meeting; else empty")
    state: str | None
    authority: uuid.UUID | None
    organisation: str
    role: ParticipantRole
    invited_at: datetime.datetime | None
    registered_at: datetime.datetime | None
    attendance: Attendance


class ParticipantIn(Schema):
    name: Annotated[Line, StringConstraints(min_length=1, max_length=200)]
    email: Email | None = None
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
    owner_email: Email | None = None
    deadline: IsoDate


class EventOut(Schema):
    id: int
    network: str | None
    kind: MeetingKind
    title: str
    description: str
    start: datetime.datetime
    end: datetime.datetime
    place: str
    online_url: str
    status: MeetingStatus
    agenda: list[AgendaItemIO]
    participants: list[ParticipantOut]
    minutes: str
    decisions: list[str]
    actions: list[ActionOut]
    is_example: bool


class EventList(Schema):
    count: int
    items: list[EventOut]


# Event.online_url holds 500 characters; the URL as written back may gain a closing slash.
MeetingUrl = Annotated[HttpUrl, UrlConstraints(max_length=490)]


class EventIn(Schema):
    network: str | None = Field(None, description="Network code; none for a treaty body's meeting")
    kind: MeetingKind
    title: Title
    description: Text = ""
    start: IsoMoment
    end: IsoMoment
    place: Annotated[Line, StringConstraints(max_length=300)] = ""
    online_url: MeetingUrl | None = None
    agenda: list[AgendaItemIO] = Field(default_factory=list)


class EventPatch(Schema):
    kind: MeetingKind | None = None
    title: Title | None = None
    description: Text | None = None
    start: IsoMoment | None = None
    end: IsoMoment | None = None
    place: Annotated[Line, StringConstraints(max_length=300)] | None = None
    online_url: MeetingUrl | None = None
    agenda: list[AgendaItemIO] | None = None
    minutes: Text | None = None
    decisions: list[Annotated[Line, StringConstraints(min_length=1)]] | None = None
    status: MeetingStatus | None = None
    attendance: dict[int, Attendance] | None = Field(
        None, description="Participant id -> attendance"
    )
