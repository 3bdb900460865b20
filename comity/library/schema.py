"""A document of the library as it is written: one typed shape for the pages, the API, and the
JSON-lines import. Which details apply depends on the type (legislation, case law, publication);
a detail of another type is refused rather than silently kept."""

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from comity.core.text import IsoDate, Line, Text
from comity.library.vocabulary import (
    Access,
    CooperationForm,
    CrimeType,
    CrossCutting,
    DocumentType,
    InForce,
    PublicationKind,
)

Short = Annotated[Line, StringConstraints(max_length=300)]
Title = Annotated[Line, StringConstraints(min_length=1, max_length=500)]
Key = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]{0,119}$")]
Url = Annotated[str, StringConstraints(pattern=r"^https?://\S+$", max_length=1000)]
Language = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")]
InstrumentCode = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$")]
Provision = Annotated[Line, StringConstraints(min_length=1, max_length=60)]
Topic = Annotated[Line, StringConstraints(min_length=1, max_length=80)]
MAX_TEXT = 5_000_000
MAX_ARTICLES = 2_000

# The details only one type of document has.
ONLY = {
    DocumentType.LEGISLATION: ("citation", "eli", "in_force", "articles"),
    DocumentType.CASE: ("court", "case_number", "ecli", "parties", "outcome"),
    DocumentType.PUBLICATION: ("kind", "publisher"),
}


class Part(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class ArticleIn(Part):
    number: Annotated[Line, StringConstraints(min_length=1, max_length=40)]
    heading: Annotated[Line, StringConstraints(max_length=500)] = ""
    text: Annotated[Text, StringConstraints(max_length=200_000)] = ""
    implements: list[Provision] = Field(default_factory=list, max_length=20)


class DocumentIn(Part):
    """One document. Dates as YYYY-MM-DD; States as ISO 3166-1 alpha-3 codes; languages as
    ISO 639-1 codes."""

    key: Key | None = Field(None, description="A stable identifier; made up when left out")
    type: DocumentType
    title: Title
    country: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")] | None = None
    language: Language
    date: IsoDate | None = None
    year: int | None = Field(None, ge=1800, le=2100)
    source_url: Url | None = None
    source_name: Short = ""
    summary: Annotated[Text, StringConstraints(max_length=20_000)] = ""
    text: Annotated[Text, StringConstraints(max_length=MAX_TEXT)] = ""
    citation: Short = ""
    eli: Annotated[str, StringConstraints(max_length=500)] = ""
    in_force: InForce | None = None
    articles: list[ArticleIn] = Field(default_factory=list, max_length=MAX_ARTICLES)
    court: Short = ""
    case_number: Annotated[Line, StringConstraints(max_length=200)] = ""
    ecli: Annotated[str, StringConstraints(pattern=r"^(ECLI:[A-Z]{2}:[A-Z0-9.]+:\d{4}:\S+)?$")] = ""
    parties: Annotated[Line, StringConstraints(max_length=500)] = ""
    outcome: Annotated[Text, StringConstraints(max_length=20_000)] = ""
    kind: PublicationKind | None = None
    publisher: Short = ""
    topics: list[Topic] = Field(default_factory=list, max_length=30)
    crime_types: list[CrimeType] = Field(default_factory=list, max_length=15)
    cross_cutting: list[CrossCutting] = Field(default_factory=list, max_length=15)
    cooperation: list[CooperationForm] = Field(default_factory=list, max_length=10)
    instruments: list[InstrumentCode] = Field(default_factory=list, max_length=20)
    access: Access = Access.PUBLIC
    example: bool = False
