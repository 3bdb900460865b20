"""The request body of API.md, as a typed, versioned document.

A draft may be incomplete: every field has a default, and completeness is the rules engine's job
(drafting/rules), not the schema's. The schema only refuses what is malformed (a date that is not a
date, an unknown request kind), so that saving never fails for a missing fact.
"""

import copy
import datetime
import json
import re
from typing import Annotated, Literal

from django.utils.translation import gettext as _
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    StringConstraints,
    ValidationError,
    create_model,
    model_validator,
)
from pydantic_core import PydanticCustomError

from comity.core.errors import field_errors
from comity.core.text import TEXT_PATTERN, Line, Text, clean_text
from comity.geo.codes import StateCodeOrEmpty
from comity.treaties.vocabulary import OffenceCategory, RequestKind

FORMAT_VERSION = 1

# Limits (docs/CONFIGURATION.md, "Limits"): a request is a letter, not an archive. The longest
# parts of real requests (the summary of facts of a large fraud case, the text of a provision)
# fit well inside these; anything longer belongs in an annex.
SHORT = 200  # a name, a reference, a date written out
MEDIUM = 2_000  # an address, a description, a reason
LONG = 20_000  # the text of a provision, a procedure to follow, questions to put
FACTS = 60_000  # the summary of the facts (about 20 pages)
MAX_PERSONS = 100
MAX_OFFENCES = 50
MAX_MEASURES = 50
MAX_ANNEXES = 200
MAX_MEASURE_FIELDS = 30
MAX_MEASURE_ITEMS = 500
MAX_MONTHS = 2_400  # 200 years, as max_penalty_years


def _whole(value):
    """2.0 is the whole number 2 in JSON (and JSON Schema); 2.5 and "2" stay refused."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def whole_number(**limits):
    """A JSON integer (2.0 included) within `limits` (ge, le), stated in the JSON Schema too.

    The limits come before the conversion: pydantic then writes them as minimum/maximum.
    """
    return Annotated[int, Strict(), Field(**limits), BeforeValidator(_whole)]


Short = Annotated[Line, StringConstraints(max_length=SHORT)]
Medium = Annotated[Text, StringConstraints(max_length=MEDIUM)]
Long = Annotated[Text, StringConstraints(max_length=LONG)]
# The requesting side is always the drafting authority's: the server fills it in, and refuses a
# body that names another (drafting/services.py). Clients need not send it.
READ_ONLY = {"readOnly": True}


class Part(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Proceedings(Part):
    stage: Literal["", "investigation", "prosecution", "trial", "appeal", "enforcement"] = ""
    authority: Medium = Field("", description="Name and functions of the authority conducting them")
    case_number: Short = ""
    description: Long = Field("", description="Subject matter and nature (UNTOC 18(15)(b))")


class Offence(Part):
    label: Short = ""
    statute: Short = Field("", description="The provision, e.g. art. 209 Criminal Code")
    provision_text: Long = Field("", description="Text of the provision (needed for extradition)")
    max_penalty: Short = ""
    max_penalty_years: float | None = Field(None, ge=0, le=200)
    category: OffenceCategory | None = None
    limitation: Medium = Field("", description="Statute of limitations: rule and date it runs out")
    death_penalty: bool = Field(
        False, description="Punishable by death under the law of the requesting State"
    )


class Person(Part):
    role: Literal[
        "",
        "person_sought",
        "suspect",
        "accused",
        "sentenced",
        "witness",
        "victim",
        "expert",
        "account_holder",
        "other",
    ] = ""
    name: Short = ""
    date_of_birth: datetime.date | None = None
    place_of_birth: Short = ""
    nationality: Short = Field("", description="ISO alpha-3, e.g. UKR")
    identity_documents: Medium = ""
    address: Medium = ""
    description: Medium = Field("", description="Physical description, photographs, fingerprints")
    location: Medium = Field("", description="Where the person is believed to be")


MEASURE_FIELD_NAME = r"^[A-Za-z0-9_]{1,64}$"


class Measure(Part):
    """An assistance measure: its type, and the fields its catalogue entry declares
    (drafting/measures.py), each a text or a list of texts."""

    model_config = ConfigDict(
        extra="allow",
        str_strip_whitespace=True,
        json_schema_extra={
            "maxProperties": MAX_MEASURE_FIELDS + 2,
            "propertyNames": {"pattern": MEASURE_FIELD_NAME},
            "additionalProperties": {
                "anyOf": [
                    {"type": "string", "maxLength": LONG, "pattern": TEXT_PATTERN},
                    {
                        "type": "array",
                        "maxItems": MAX_MEASURE_ITEMS,
                        "items": {"type": "string", "maxLength": LONG, "pattern": TEXT_PATTERN},
                    },
                    {"type": "null"},
                ]
            },
        },
    )
    type: Annotated[Line, StringConstraints(max_length=64)]
    id: Annotated[Line, StringConstraints(max_length=64)] = Field(
        "", description="Stable id of the measure within the request"
    )

    @model_validator(mode="after")
    def _fields_are_text(self):
        """A measure's own fields (its catalogue's) are text or dates, within the limits."""
        extra = self.model_extra or {}
        if len(extra) > MAX_MEASURE_FIELDS:
            raise PydanticCustomError(
                "too_many_fields",
                "A measure has at most {limit} fields.",
                {"limit": MAX_MEASURE_FIELDS},
            )
        for name, value in extra.items():
            if not re.fullmatch(MEASURE_FIELD_NAME, name):
                raise PydanticCustomError(
                    "field_name", _("“{name}” is not a field name."), {"name": name[:64]}
                )
            if value is None:
                continue
            extra[name] = _measure_value(name, value)
        return self


def _measure_value(name: str, value):
    """One field of a measure: a text or a list of texts (account numbers, identifiers)."""
    items = value if isinstance(value, list) else [value]
    if not all(isinstance(item, str) for item in items) or len(items) > MAX_MEASURE_ITEMS:
        raise PydanticCustomError(
            "field_value",
            _("The field “{name}” holds text, or a list of at most {limit} texts."),
            {"name": name, "limit": MAX_MEASURE_ITEMS},
        )
    if sum(len(item) for item in items) > LONG:
        raise PydanticCustomError(
            "string_too_long",
            _("The field “{name}” has more than {limit} characters."),
            {"name": name, "limit": LONG},
        )
    try:
        cleaned = [clean_text(item) for item in items]
    except ValueError as exc:
        raise PydanticCustomError("text_character", str(exc)) from None
    return cleaned if isinstance(value, list) else cleaned[0]


class Urgency(Part):
    urgent: bool = False
    deadline: datetime.date | None = None
    reason: Medium = ""


class Confidentiality(Part):
    required: bool = False
    reason: Medium = ""


class UseLimits(Part):
    stated: bool = False
    text: Medium = Field(
        "", description="Use of the evidence the requesting State undertakes (18(19))"
    )


class Warrant(Part):
    kind: Literal["", "arrest_warrant", "judgment", "indictment", "confiscation_order"] = ""
    issued_by: Short = ""
    date: datetime.date | None = None
    reference: Short = ""
    enforceable: bool = False
    sentence: Medium = Field("", description="Sentence imposed and remaining to be served")
    # In months, so that the thresholds of the treaties can be checked (UN Model Treaty on
    # Extradition art. 2(1), ETS-024 2(1), ETS-112 3(1)(c)); `sentence` keeps the words.
    sentence_months: float | None = Field(
        None, ge=0, le=MAX_MONTHS, description="Sentence imposed, in months"
    )
    remaining_months: float | None = Field(
        None,
        ge=0,
        le=MAX_MONTHS,
        description="Part of the sentence remaining to be served on the date of the request, "
        "in months",
    )
    indeterminate: bool = Field(False, description="The sentence is indeterminate (life)")
    in_absentia: bool = Field(False, description="The judgment was rendered in absentia")
    time_in_custody: Medium = Field(
        "",
        description="Time the person has already spent in custody for these offences, with the "
        "dates, to be deducted from the sentence",
    )


class Undertakings(Part):
    full_request_to_follow: bool = False
    mla_request_to_follow: bool = False
    speciality: bool = False
    reciprocity: bool = False
    return_to_serve: bool = Field(
        False,
        description="A national of the requested State who is surrendered may be returned there "
        "to serve the sentence (UNTOC 16(11))",
    )
    prosecution_if_refused: bool = Field(
        False,
        description="If extradition is refused because the person is a national of the requested "
        "State, it is asked to prosecute or to enforce the sentence (UNTOC 16(10), (12))",
    )


# The undertakings in the order a request states them (the form, the document).
UNDERTAKINGS = (
    "full_request_to_follow",
    "mla_request_to_follow",
    "speciality",
    "reciprocity",
    "prosecution_if_refused",
    "return_to_serve",
)


class Assurances(Part):
    """What an extradition request assures or states so that a ground for refusal does not apply.

    Each is text, because the requested State judges whether it is sufficient; the checks only ask
    for it where the facts of the request call for it (drafting/rules/extradition_grounds.py).
    """

    death_penalty: Medium = Field(
        "",
        description="That the death penalty will not be imposed or, if imposed, not carried out "
        "(UN Model Treaty on Extradition art. 4(d); ETS-024 11)",
    )
    retrial: Medium = Field(
        "",
        description="For a judgment in absentia: the right to a retrial that safeguards the "
        "rights of the defence (UN Model Treaty on Extradition art. 3(g); ETS-098 3)",
    )
    ne_bis_in_idem: Medium = Field(
        "",
        description="Whether the person has been finally judged, or proceedings were dropped, for "
        "the same acts (UN Model Treaty on Extradition art. 3(d); ETS-024 9)",
    )
    offence_nature: Medium = Field(
        "",
        description="Why an offence that may look political, purely military or fiscal is "
        "extraditable (ETS-024 3-5; ETS-098 2)",
    )


class Transmission(Part):
    """How the request travels, when not from central authority to central authority."""

    channel: Literal["", "central_authority", "diplomatic", "interpol", "direct"] = ""
    reason: Medium = Field(
        "",
        description="Why the request is not addressed to the central authority (UNTOC 18(13))",
    )
    notice: Short = Field(
        "",
        description="INTERPOL notice or diffusion the request refers to (e.g. a Red Notice "
        "number), for a request that travels through INTERPOL",
    )


class Property(Part):
    description: Medium = ""
    location: Medium = ""
    value: Short = ""
    owner: Medium = ""


class Contact(Part):
    name: Short = ""
    phone: Short = ""
    email: Short = ""


class Annex(Part):
    title: Short
    kind: Literal[
        "", "judgment", "law", "sentence_served", "consent", "confiscation_order", "other"
    ] = Field("", description="What the annex is, where a check looks for it (e.g. ETS-112 6(2))")
    description: Medium = ""
    pages: whole_number(ge=0, le=100_000) | None = None


class RequestBody(Part):
    """A request as it travels: self-contained, with its format version."""

    format: Literal["comity.request"] = "comity.request"
    format_version: int = FORMAT_VERSION
    kind: RequestKind
    requesting_state: StateCodeOrEmpty = Field(
        StateCodeOrEmpty.NONE,
        description="Always the State of the drafting authority",
        json_schema_extra=READ_ONLY,
    )
    requested_state: StateCodeOrEmpty = Field(
        StateCodeOrEmpty.NONE, description="Empty until chosen"
    )
    requesting_authority: Short = Field(
        "",
        description="Directory id (UUID); always the drafting authority",
        json_schema_extra=READ_ONLY,
    )
    requested_authority: Short = Field("", description="Directory id (UUID) or name")
    legal_bases: list[Annotated[Line, StringConstraints(max_length=40)]] = Field(
        default_factory=list, max_length=20, description="Instrument codes"
    )
    reference: Short = ""
    their_reference: Short = ""
    proceedings: Proceedings = Field(default_factory=Proceedings)
    offences: list[Offence] = Field(default_factory=list, max_length=MAX_OFFENCES)
    facts: Annotated[Text, StringConstraints(max_length=FACTS)] = Field(
        "", description="Summary of the relevant facts (UNTOC 18(15)(c))"
    )
    persons: list[Person] = Field(default_factory=list, max_length=MAX_PERSONS)
    measures: list[Measure] = Field(default_factory=list, max_length=MAX_MEASURES)
    purpose: Long = Field("", description="Purpose of the evidence or action (UNTOC 18(15)(f))")
    procedure: Long = Field("", description="Particular procedure to follow (UNTOC 18(15)(d))")
    urgency: Urgency = Field(default_factory=Urgency)
    confidentiality: Confidentiality = Field(default_factory=Confidentiality)
    use_limits: UseLimits = Field(default_factory=UseLimits)
    dual_criminality: Long = Field(
        "", description="Why the conduct is an offence in the requested State too"
    )
    warrant: Warrant = Field(default_factory=Warrant)
    undertakings: Undertakings = Field(default_factory=Undertakings)
    assurances: Assurances = Field(default_factory=Assurances)
    transmission: Transmission = Field(default_factory=Transmission)
    property: Property = Field(default_factory=Property)
    contact: Contact = Field(default_factory=Contact)
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")] = Field(
        "en", description="Language of the request, ISO 639-1 (e.g. en, de)"
    )
    annexes: list[Annex] = Field(default_factory=list, max_length=MAX_ANNEXES)


def empty_body(*, kind: str, requesting_state: str) -> dict:
    return RequestBody(kind=kind, requesting_state=requesting_state).model_dump(mode="json")


# --- A change to some parts of a request (PATCH) ---------------------------------------------------
# Every part of the body may be given, except those the server keeps: the format and the requesting
# side. `version` is the version the client last saw (or If-Match).
_KEPT = {"format", "format_version", "requesting_state", "requesting_authority"}


def _optional(info):
    """The same field with its constraints and description, but no default: absent is unchanged."""
    field = copy.copy(info)
    field.default, field.default_factory = None, None
    return field


RequestPatch = create_model(
    "RequestPatch",
    __config__=ConfigDict(extra="forbid", str_strip_whitespace=True),
    version=(
        whole_number(ge=1) | None,
        Field(None, description="The version you last saw (or send If-Match)"),
    ),
    **{
        name: (info.annotation, _optional(info))
        for name, info in RequestBody.model_fields.items()
        if name not in _KEPT
    },
)


def parse_patch(payload: dict) -> dict:
    """The parts a PATCH replaces, as JSON values; RequestInputError-like errors for bad ones."""
    from comity.drafting.services import RequestInputError

    try:
        patch = RequestPatch.model_validate_json(json.dumps(payload), strict=True)
    except ValidationError as exc:
        raise RequestInputError(field_errors(exc.errors())) from exc
    return patch.model_dump(mode="json", exclude_unset=True)


def patch_json_schema() -> dict:
    """RequestPatch for the OpenAPI document; its parts refer to the components of RequestBody."""
    schema = RequestPatch.model_json_schema(ref_template="#/components/schemas/{model}")
    schema.pop("$defs", None)
    return schema
