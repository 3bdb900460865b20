"""The request body of API.md, as a typed, versioned document.

A draft may be incomplete: every field has a default, and completeness is the rules engine's job
(drafting/rules), not the schema's. The schema only refuses what is malformed (a date that is not a
date, an unknown request kind), so that saving never fails for a missing fact.
"""

import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from comity.treaties.vocabulary import OffenceCategory, RequestKind

FORMAT_VERSION = 1


class Part(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Proceedings(Part):
    stage: Literal["", "investigation", "prosecution", "trial", "appeal", "enforcement"] = ""
    authority: str = Field("", description="Name and functions of the authority conducting them")
    case_number: str = ""
    description: str = Field("", description="Subject matter and nature (UNTOC 18(15)(b))")


class Offence(Part):
    label: str = ""
    statute: str = Field("", description="The provision, e.g. art. 209 Criminal Code")
    provision_text: str = Field("", description="Text of the provision (needed for extradition)")
    max_penalty: str = ""
    max_penalty_years: float | None = Field(None, ge=0, le=200)
    category: OffenceCategory | None = None
    limitation: str = Field("", description="Statute of limitations: rule and date it runs out")


class Person(Part):
    role: Literal[
        "",
        "suspect",
        "accused",
        "sentenced",
        "witness",
        "victim",
        "expert",
        "account_holder",
        "other",
    ] = ""
    name: str = ""
    date_of_birth: datetime.date | None = None
    place_of_birth: str = ""
    nationality: str = Field("", description="ISO alpha-3")
    identity_documents: str = ""
    address: str = ""
    description: str = Field("", description="Physical description, photographs, fingerprints")
    location: str = Field("", description="Where the person is believed to be")


class Measure(Part):
    model_config = ConfigDict(extra="allow", str_strip_whitespace=True)
    type: str
    id: str = Field("", description="Stable id of the measure within the request")


class Urgency(Part):
    urgent: bool = False
    deadline: datetime.date | None = None
    reason: str = ""


class Confidentiality(Part):
    required: bool = False
    reason: str = ""


class UseLimits(Part):
    stated: bool = False
    text: str = Field(
        "", description="Use of the evidence the requesting State undertakes (18(19))"
    )


class Warrant(Part):
    kind: Literal["", "arrest_warrant", "judgment", "indictment", "confiscation_order"] = ""
    issued_by: str = ""
    date: datetime.date | None = None
    reference: str = ""
    enforceable: bool = False
    sentence: str = Field("", description="Sentence imposed and remaining to be served")


class Undertakings(Part):
    full_request_to_follow: bool = False
    mla_request_to_follow: bool = False
    speciality: bool = False
    reciprocity: bool = False


class Property(Part):
    description: str = ""
    location: str = ""
    value: str = ""
    owner: str = ""


class Contact(Part):
    name: str = ""
    phone: str = ""
    email: str = ""


class Annex(Part):
    title: str
    description: str = ""
    pages: int | None = Field(None, ge=0)


class RequestBody(Part):
    """A request as it travels: self-contained, with its format version."""

    format: Literal["comity.request"] = "comity.request"
    format_version: int = FORMAT_VERSION
    kind: RequestKind
    requesting_state: str = Field(..., min_length=3, max_length=3)
    requested_state: str = Field("", max_length=3)
    requesting_authority: str = Field("", description="Directory id (UUID) or name")
    requested_authority: str = Field("", description="Directory id (UUID) or name")
    legal_bases: list[str] = Field(default_factory=list, description="Instrument codes")
    reference: str = ""
    their_reference: str = ""
    proceedings: Proceedings = Field(default_factory=Proceedings)
    offences: list[Offence] = Field(default_factory=list)
    facts: str = Field("", description="Summary of the relevant facts (UNTOC 18(15)(c))")
    persons: list[Person] = Field(default_factory=list)
    measures: list[Measure] = Field(default_factory=list)
    purpose: str = Field("", description="Purpose of the evidence or action (UNTOC 18(15)(f))")
    procedure: str = Field("", description="Particular procedure to follow (UNTOC 18(15)(d))")
    urgency: Urgency = Field(default_factory=Urgency)
    confidentiality: Confidentiality = Field(default_factory=Confidentiality)
    use_limits: UseLimits = Field(default_factory=UseLimits)
    dual_criminality: str = Field(
        "", description="Why the conduct is an offence in the requested State too"
    )
    warrant: Warrant = Field(default_factory=Warrant)
    undertakings: Undertakings = Field(default_factory=Undertakings)
    property: Property = Field(default_factory=Property)
    contact: Contact = Field(default_factory=Contact)
    language: str = Field("en", description="Language of the document, ISO 639-1")
    annexes: list[Annex] = Field(default_factory=list)


def empty_body(*, kind: str, requesting_state: str) -> dict:
    return RequestBody(kind=kind, requesting_state=requesting_state).model_dump(mode="json")
