"""The shapes of the directory endpoints' answers and queries (API.md), for the OpenAPI document."""

import datetime
import uuid
from typing import Literal

from ninja import Field, Schema

from comity.core.paging import Paging
from comity.core.text import Line
from comity.directory.vocabulary import AuthorityKind, Channel, Competence
from comity.geo.codes import StateCode, StateCodeOrEmpty


class Urgent(Schema):
    channels: list[str] = []
    phone: str = ""
    email: str = ""
    notes: str = ""


class ContactOut(Schema):
    name: str
    title: str
    phone: str
    email: str
    languages: list[str]
    is_example: bool


class AuthorityData(Schema):
    """One entry as exported and imported."""

    id: uuid.UUID
    country: StateCode
    name: str
    names: dict[str, str] = Field(..., description="Name by ISO 639-1 language code")
    kind: AuthorityKind
    competences: list[Competence]
    instruments: list[str] = Field(..., description="Instrument codes, e.g. UNTOC")
    languages: list[str] = Field(..., description="ISO 639-1 codes of the languages accepted")
    channels: list[Channel]
    urgent: Urgent
    formalities: list[str]
    formalities_notes: str
    office_hours: str
    time_zone: str = Field(..., description="IANA name, e.g. Europe/Kyiv")
    address: str
    phone: str = Field(..., description="E.164")
    fax: str = Field(..., description="E.164")
    email: str
    website: str
    requirements: str
    source: str = Field(..., description="URL or citation")
    source_note: str
    verified_on: datetime.date | None
    is_example: bool = Field(..., description="Example data, not a real entry")


class AuthorityOut(AuthorityData):
    stale: bool = Field(..., description="Never verified, or not within COMITY_STALE_AFTER_DAYS")


class AuthorityDetailOut(AuthorityOut):
    contacts: list[ContactOut] | None = Field(
        None, description="Contact persons; only for signed-in callers."
    )


class AuthorityList(Schema):
    count: int
    items: list[AuthorityOut]


class AuthorityExport(Schema):
    count: int
    items: list[AuthorityData]


class AuthorityQuery(Paging):
    country: StateCodeOrEmpty = Field(StateCodeOrEmpty.NONE, description="e.g. UKR")
    competence: Competence | Literal[""] = Field("", description="Competence code, e.g. mla")
    instrument: str = Field(
        "", max_length=40, pattern=r"^[A-Za-z0-9._-]*$", description="Instrument code, e.g. UNTOC"
    )
    language: str = Field(
        "", pattern="^([a-z]{2})?$", description="ISO 639-1 code of a language accepted, e.g. en"
    )
    channel: Channel | Literal[""] = ""
    kind: AuthorityKind | Literal[""] = ""
    q: Line = Field(
        "",
        max_length=200,
        description="Free text in any language; also matches the name of the State in a UI language",
    )
    stale: bool = Field(False, description="Only entries not verified for over a year")


class ExportQuery(Schema):
    format: Literal["csv", "json"] = "json"
    country: StateCodeOrEmpty = Field(StateCodeOrEmpty.NONE, description="Only this State's")


class ImportErrorOut(Schema):
    row: int = Field(..., description="Row of the file (a CSV's header is row 1)")
    field: str
    message: str


class ImportChangeOut(Schema):
    row: int
    action: Literal["create", "update"]
    name: str
    id: uuid.UUID | None = None
    fields: list[str] | None = None


class ImportReportOut(Schema):
    created: int
    updated: int
    unchanged: int
    dry_run: bool
    errors: list[ImportErrorOut]
    changes: list[ImportChangeOut]


class ImportRefusedOut(ImportReportOut):
    detail: str


# The body of an import: the export's JSON (or a list of its items), or the CSV export.
IMPORT_BODY = {
    "requestBody": {
        "required": True,
        "description": "The JSON or CSV written by the export. A row that names an existing "
        "entry by `id` (or by State, name and kind) updates it; any error imports nothing.",
        "content": {
            "application/json": {
                "schema": {
                    "anyOf": [
                        {
                            # The export's shape; its `count` may be left out.
                            "type": "object",
                            "properties": {
                                "count": {
                                    "type": "integer",
                                    "description": "The number of items, as the export writes "
                                    "it; not required, not checked",
                                },
                                "items": {
                                    "type": "array",
                                    "items": {"$ref": "#/components/schemas/AuthorityData"},
                                },
                            },
                            "required": ["items"],
                            "additionalProperties": False,
                        },
                        {"type": "array", "items": {"$ref": "#/components/schemas/AuthorityData"}},
                    ]
                }
            },
            "text/csv": {"schema": {"type": "string"}},
        },
    }
}
