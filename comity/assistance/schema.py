"""The shape of a project and of each of its parts, checked once at the door.

Services, the API and the pages all parse input through these models; what they let through is
then checked against the database (gaps of the project's State, donors among its partners, ...)
by `services`. Errors name their place as "budget[1].amount".
"""

import datetime
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from comity.assistance.vocabulary import ActivityKind, ActivityStatus, PartnerRole
from comity.core.errors import describe
from comity.core.text import IsoDate, Line, Text

MAX_ITEMS = 200
Amount = Annotated[Decimal, Field(ge=0, max_digits=14, decimal_places=2)]
Figure = Annotated[Decimal, Field(ge=-(10**12), le=10**12, max_digits=14, decimal_places=2)]
AnswerId = Annotated[int, Field(ge=1, le=2**63 - 1)]
Title = Annotated[Line, Field(min_length=1, max_length=300)]


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class ObjectiveIn(_In):
    text: Annotated[Text, Field(min_length=1, max_length=5000)]
    gaps: list[AnswerId] = Field(
        default_factory=list, max_length=MAX_ITEMS, description="Ids of the project's gaps"
    )


class ActivityIn(_In):
    kind: ActivityKind
    title: Title
    start: IsoDate | None = None
    end: IsoDate | None = None
    status: ActivityStatus = ActivityStatus.PLANNED
    event: Annotated[int, Field(ge=1, le=2**63 - 1)] | None = Field(
        None, description="Id of a meeting or training session of the network"
    )


class PartnerIn(_In):
    name: Title
    role: PartnerRole


class BudgetLineIn(_In):
    label: Title
    amount: Amount = Field(..., description="In the project's currency; at least 0")
    donor: Annotated[Line, Field(max_length=300)] = Field(
        "", description="Name of one of the project's partners with role donor"
    )


class IndicatorIn(_In):
    name: Title
    unit: Annotated[Line, Field(max_length=60)] = ""
    baseline: Figure
    target: Figure
    current: Figure | None = None


class ReportIn(_In):
    period_end: IsoDate
    text: Annotated[Text, Field(min_length=1, max_length=20000)]


class ProjectFields(_In):
    """A project's own details and its parts; every one optional (a change names those it
    changes; a list given replaces the project's list)."""

    network: Annotated[str, Field(max_length=40)] | None = Field(
        None, description="Code of the network that runs the project"
    )
    title: Title | None = None
    summary: Annotated[Text, Field(max_length=20000)] = ""
    currency: Annotated[str, Field(pattern=r"^[A-Za-z]{3}$")] = Field(
        "USD", description="ISO 4217 code of the budget's currency"
    )
    start: IsoDate | None = None
    end: IsoDate | None = None
    gaps: list[AnswerId] = Field(
        default_factory=list, max_length=MAX_ITEMS, description="Ids of the assessment answers"
    )
    objectives: list[ObjectiveIn] = Field(default_factory=list, max_length=MAX_ITEMS)
    activities: list[ActivityIn] = Field(default_factory=list, max_length=MAX_ITEMS)
    partners: list[PartnerIn] = Field(default_factory=list, max_length=MAX_ITEMS)
    budget: list[BudgetLineIn] = Field(default_factory=list, max_length=MAX_ITEMS)
    indicators: list[IndicatorIn] = Field(default_factory=list, max_length=MAX_ITEMS)
    example: bool = False


class ProjectIn(ProjectFields):
    state: Annotated[str, Field(pattern=r"^[A-Za-z]{3}$")] = Field(
        ..., description="ISO 3166-1 alpha-3 code of the State assisted"
    )
    title: Title


class ProjectPatch(ProjectFields):
    state: Annotated[str, Field(pattern=r"^[A-Za-z]{3}$")] | None = None


class TransitionIn(_In):
    to: str = Field(..., max_length=20, description="proposed, approved, active, completed, ...")


# The parts of a project, by the name of their list.
PARTS: dict[str, type[_In]] = {
    "objectives": ObjectiveIn,
    "activities": ActivityIn,
    "partners": PartnerIn,
    "budget": BudgetLineIn,
    "indicators": IndicatorIn,
    "reports": ReportIn,
}


class ProjectInputError(Exception):
    """What is wrong with a project or a part as given: [{"field", "message"}]."""

    def __init__(self, errors: list[dict]):
        super().__init__("; ".join(f"{e['field']}: {e['message']}" for e in errors))
        self.errors = errors


def path_of(location, prefix: str = "") -> str:
    """A pydantic location as "budget[1].amount"."""
    out = prefix
    for part in location:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part in ("body", "payload") or "[" in str(part):
            continue
        else:
            out += ("." if out else "") + str(part)
    return out


def parse(model: type[_In], data: dict, *, prefix: str = ""):
    """`data` as `model`, or ProjectInputError with one message per field."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        errors: dict[str, str] = {}
        for error in exc.errors():
            errors.setdefault(path_of(error.get("loc", ()), prefix), describe(error))
        raise ProjectInputError(
            [{"field": field, "message": message} for field, message in errors.items()]
        ) from exc


def json_schema(model: type[BaseModel]) -> dict:
    """The JSON schema of `model` with its nested models written in place (for a request body
    described by hand in the OpenAPI document)."""
    schema = model.model_json_schema()
    definitions = schema.pop("$defs", {})

    def inline(node):
        if isinstance(node, dict):
            if "$ref" in node:
                return inline(definitions[node["$ref"].rsplit("/", 1)[-1]])
            return {key: inline(value) for key, value in node.items()}
        if isinstance(node, list):
            return [inline(value) for value in node]
        return node

    return inline(schema)


def dates_in_order(start: datetime.date | None, end: datetime.date | None) -> bool:
    return start is None or end is None or end >= start
