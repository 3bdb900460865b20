"""The shapes of the treaty endpoints' answers (API.md), for the OpenAPI document.

Every legal fact carries its source and as-of date; "unknown" is an answer of its own.
"""

import datetime
import uuid

from ninja import Field, Schema

from comity.geo.codes import StateCode
from comity.treaties.vocabulary import (
    Applies,
    ConsentType,
    DeclarationMeaning,
    DualCriminality,
    OffenceCategory,
    RequestKind,
    Ternary,
)


class ReasonOut(Schema):
    text: str
    source: str = Field(..., description="URL or citation")
    source_standing: str | None = Field(
        None,
        description="depositary, treaty_office, official_journal, authority or secondary; "
        "null when the source is the instrument's own text or a citation",
    )
    as_of: datetime.date | None


class ConditionOut(ReasonOut):
    provision: str = Field(..., description="e.g. UNTOC 18(9)")


class BasisOut(Schema):
    instrument: str = Field(..., description="Instrument code, or RECIPROCITY")
    title: str
    type: str
    applies: Applies
    provisions: list[str]
    reasons: list[ReasonOut]
    conditions: list[ConditionOut]
    text_url: str = Field("", description="Where the instrument's text can be read")


class AuthorityRef(Schema):
    id: uuid.UUID
    name: str


class RequirementsOut(Schema):
    """What the requested State demands for a kind of request (its requirement profile)."""

    kind: RequestKind
    measure: str = Field(..., description="A measure type, or empty for every measure")
    languages: list[str] = Field(..., description="ISO 639-1 codes accepted")
    languages_note: str
    channels: list[str]
    central_authority: AuthorityRef | None
    dual_criminality: DualCriminality
    formalities: list[str]
    video_hearing: Ternary
    temporary_transfer: Ternary
    preservation_without_mla: Ternary
    spontaneous_information: Ternary
    joint_investigation_teams: Ternary
    treaty_required_for_extradition: Ternary
    usual_execution_time: str
    special_requirements: str
    source: str
    as_of: datetime.date | None


class CentralAuthorityOut(Schema):
    id: uuid.UUID
    name: str
    source: str
    verified_on: datetime.date | None


class LegalBasisOut(Schema):
    requesting: StateCode
    requested: StateCode
    kind: RequestKind
    offence: OffenceCategory | None
    date: datetime.date = Field(..., description="The day the answer is given for")
    bases: list[BasisOut] = Field(..., description="The one to cite first comes first")
    treaty_applies: bool = Field(..., description="Whether any treaty applies or may apply")
    requirements: RequirementsOut | None
    central_authority: CentralAuthorityOut | None


class MatrixRowOut(Schema):
    country: StateCode
    first_basis: str | None
    applies: Applies | str = Field(..., description="The first basis's answer, or none")
    yes: list[str]
    conditional: list[str]
    unknown: list[str]


class MatrixOut(Schema):
    country: StateCode
    kind: RequestKind
    role: str
    items: list[MatrixRowOut]


class ParticipationRowOut(Schema):
    signature_date: datetime.date | None
    consent_date: datetime.date | None
    consent_type: ConsentType | str
    entry_into_force: datetime.date | None
    entry_into_force_computed: bool
    withdrawal_date: datetime.date | None
    source: str
    as_of: datetime.date | None


class InstrumentStatusOut(Schema):
    instrument: str
    in_force_today: Applies
    reason: ReasonOut | None
    participation: ParticipationRowOut | None


class DeclarationOut(Schema):
    instrument: str
    provision: str
    meaning: DeclarationMeaning
    value: dict
    text: str
    notification_date: datetime.date | None
    source: str
    as_of: datetime.date | None


class CentralAuthorityEntryOut(CentralAuthorityOut):
    competences: list[str]


class CountryProfileOut(Schema):
    instruments: list[InstrumentStatusOut]
    declarations: list[DeclarationOut]
    requirements: list[RequirementsOut]
    central_authorities: list[CentralAuthorityEntryOut] | None = Field(
        ..., description="Only for callers who may read the directory"
    )
    newest_fact: datetime.date | None
    stale: bool


class CountryDetailOut(Schema):
    iso3: str
    iso2: str
    name: str
    names: dict[str, str]
    official_languages: list[str]
    kind: str
    profile: CountryProfileOut
