"""The rules engine: the registry, the checks it produces and the one function that runs them.

A rule is declared once, with a stable id, a severity, the provision it rests on and the request
kinds it applies to; its function says what is missing. Rules never raise for a bad value: the body
they see has already been validated by the schema, and anything the schema lets through untyped
(measure fields) is read with the helpers below.

Citations are written "UNTOC 18(15)(c) | UNCAC 46(15)(c)": the first provision, then parallel
provisions of other instruments. A parallel is cited when its instrument is among the request's
legal bases, and replaces the first provision when that one's instrument is not (an UNCAC-only
request cites UNCAC 46, not UNTOC 18). Rules marked `cites_profile` also name the requested State's
requirement profile, its source and its date.
"""

from __future__ import annotations

import copy
import datetime
from collections.abc import Callable, Iterable, Mapping
from dataclasses import KW_ONLY, dataclass, replace
from typing import TYPE_CHECKING, Any, Literal

from django.utils.translation import gettext as _
from pydantic import ValidationError

from comity.drafting.schema import RequestBody
from comity.treaties.vocabulary import RequestKind

if TYPE_CHECKING:
    from comity.drafting.rules.context import CheckContext

Severity = Literal["error", "warning", "advice"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "advice")
ALL_KINDS = frozenset(RequestKind.values)
MALFORMED = "request.malformed"


@dataclass(frozen=True)
class Check:
    """One finding about a request: what is wrong, where, on what legal ground, how to fix it."""

    id: str
    severity: Severity
    citation: str
    field: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return {
            "id": self.id,
            "severity": self.severity,
            "citation": self.citation,
            "field": self.field,
            "message": self.message,
        }


@dataclass(frozen=True)
class Finding:
    """What a rule function returns for a problem that is not at the rule's own field:
    `Finding(message, field="persons.0")`. The field is named, never positional, so that the two
    strings cannot be swapped (the user would read the field path as the message)."""

    message: str
    _: KW_ONLY
    field: str | None = None


Outcome = str | Finding | Iterable[str | Finding] | None
Predicate = Callable[[RequestBody, "CheckContext"], Outcome]


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    citation: str | Mapping[str, str]
    kinds: frozenset[str]
    field: str
    predicate: Predicate
    cites_profile: bool = False
    supersedes: tuple[str, ...] = ()
    doc: str = ""

    def citation_for(self, kind: str, context: CheckContext) -> str:
        spec = self.citation
        if isinstance(spec, Mapping):
            spec = spec.get(kind, spec.get("*", ""))
        cited = resolve_citation(spec, context.legal_bases)
        if self.cites_profile:
            cited = "; ".join(c for c in (cited, context.profile_citation) if c)
            if not cited:
                # No provision of the instrument governs it and the State's own rule is unknown.
                cited = _("Requirements of the requested State (not recorded here)")
        return cited


REGISTRY: dict[str, Rule] = {}


def rule(
    *,
    id: str,
    severity: Severity,
    citation: str | Mapping[str, str],
    kinds: Iterable[str],
    field: str = "",
    cites_profile: bool = False,
    supersedes: Iterable[str] = (),
):
    """Register a rule. The function returns None when the request complies, otherwise a message
    (reported at `field`) or Findings (each at its own field); it may also yield them."""

    def register(fn: Predicate) -> Predicate:
        if id in REGISTRY:
            raise ValueError(f"Rule {id!r} is declared twice.")
        if severity not in SEVERITIES:
            raise ValueError(f"Rule {id!r}: unknown severity {severity!r}.")
        unknown = set(kinds) - ALL_KINDS
        if unknown:
            raise ValueError(f"Rule {id!r}: unknown request kinds {sorted(unknown)}.")
        if not (fn.__doc__ or "").strip():
            raise ValueError(f"Rule {id!r} needs a docstring stating the legal requirement.")
        REGISTRY[id] = Rule(
            id=id,
            severity=severity,
            citation=citation,
            kinds=frozenset(kinds),
            field=field,
            predicate=fn,
            cites_profile=cites_profile,
            supersedes=tuple(supersedes),
            doc=" ".join(fn.__doc__.split()),
        )
        return fn

    return register


def resolve_citation(spec: str, legal_bases: Iterable[str]) -> str:
    """The provisions to cite for the chosen legal bases (see the module docstring)."""
    parts = [p.strip() for p in spec.split("|") if p.strip()]
    if not parts:
        return ""
    bases = set(legal_bases)
    first, parallels = parts[0], parts[1:]
    chosen = [p for p in parallels if p.split(" ")[0] in bases]
    if chosen and first.split(" ")[0] not in bases:
        return "; ".join(chosen)
    return "; ".join([first, *chosen])


# --- Running --------------------------------------------------------------------------------------
def run_checks(body: Any, *, context: CheckContext | None = None) -> list[Check]:
    """Every check the request fails, errors first, then warnings, then advice.

    Never raises for a bad body: what the schema refuses is reported as an error at its field,
    and the other rules run on the rest. Without a `context` the checks run with no requirement
    profile and touch no database; pass `context_for(body)` for the requested State's requirements.
    """
    from comity.drafting.rules.context import CheckContext

    parsed, checks = _parse(body)
    if parsed is None:
        return checks
    if context is None:
        context = CheckContext.without_profile(legal_bases=parsed.legal_bases)
    elif not context.legal_bases and parsed.legal_bases:
        context = replace(context, legal_bases=tuple(parsed.legal_bases))
    malformed = {c.field for c in checks}
    found: list[tuple[Rule, Check]] = []
    for r in REGISTRY.values():
        if parsed.kind not in r.kinds:
            continue
        citation = r.citation_for(parsed.kind, context)
        for finding in _findings(r.predicate(parsed, context)):
            where = r.field if finding.field is None else finding.field
            if _within(where, malformed):
                continue  # the format error there says it already; fix that first
            found.append((r, Check(r.id, r.severity, citation, where, finding.message)))
    superseded = {(s, c.field) for r, c in found for s in r.supersedes}
    checks += [c for r, c in found if (r.id, c.field) not in superseded]
    return sorted(checks, key=_order)


_FIELD_ORDER = {name: i for i, name in enumerate(RequestBody.model_fields)}


def _order(check: Check) -> tuple:
    """Errors first, then warnings, then advice; within each, in the order of the document."""
    parts = check.field.split(".")
    top = _FIELD_ORDER.get(parts[0], len(_FIELD_ORDER))
    index = next((int(p) for p in parts[1:] if p.isascii() and p.isdigit()), -1)
    return (SEVERITIES.index(check.severity), top, index)


def _within(where: str, fields: set[str]) -> bool:
    return any(where == f or where.startswith(f + ".") for f in fields if f)


def _findings(outcome: Outcome) -> list[Finding]:
    if outcome is None:
        return []
    if isinstance(outcome, str | Finding):
        outcome = [outcome]
    return [Finding(x) if isinstance(x, str) else x for x in outcome if x]


def _parse(body: Any) -> tuple[RequestBody | None, list[Check]]:
    """The validated body, and an error for every value the schema refuses.

    Refused values are dropped (their defaults apply) so that one bad date does not hide every
    other check; a body whose kind is unusable gets only the format errors.
    """
    if not isinstance(body, dict):
        return None, [_malformed("", _("The request must be a JSON object."))]
    try:
        return RequestBody.model_validate(body), []
    except ValidationError as exc:
        first = exc
    checks = [_malformed(_dotted(e["loc"]), _describe(e)) for e in first.errors()]
    if any(e["loc"][:1] == ("kind",) for e in first.errors()):
        return None, checks
    repaired, error = copy.deepcopy(body), first
    for _attempt in range(5):
        for e in error.errors():
            _drop(repaired, e["loc"])
        try:
            return RequestBody.model_validate(repaired), checks
        except ValidationError as exc:
            error = exc
    return None, checks


# Values that stand in for a required value the schema refused, so that the rest can be checked.
_PLACEHOLDERS = {"type": "", "title": "", "requesting_state": "???"}


def _drop(body: dict, loc: tuple) -> None:
    container: Any = body
    for part in loc[:-1]:
        try:
            container = container[part]
        except (KeyError, IndexError, TypeError):
            return
    last = loc[-1] if loc else None
    if isinstance(container, dict):
        if last in _PLACEHOLDERS:
            container[last] = _PLACEHOLDERS[last]
        else:
            container.pop(last, None)
    elif isinstance(container, list) and isinstance(last, int) and last < len(container):
        container[last] = {}  # keeps the positions of the other items, so fields stay right


def _dotted(loc: tuple) -> str:
    return ".".join(str(p) for p in loc)


def _describe(error: dict) -> str:
    field_name = _dotted(error["loc"]) or _("The request")
    kind = error.get("type", "")
    if kind == "missing":
        return _("%(field)s is missing. Fill it in.") % {"field": field_name}
    if kind == "extra_forbidden":
        return _("%(field)s is not a field of a request. Remove it or move its content.") % {
            "field": field_name
        }
    if kind.startswith("date"):
        return _("%(field)s is not a date. Enter it as YYYY-MM-DD.") % {"field": field_name}
    if kind == "literal_error" or kind == "enum":
        return _("%(field)s has a value that is not one of the allowed choices. Choose one.") % {
            "field": field_name
        }
    return _("%(field)s has a value of the wrong form. Correct it.") % {"field": field_name}


def _malformed(where: str, message: str) -> Check:
    return Check(MALFORMED, "error", "", where, message)


# --- Helpers for rule functions -------------------------------------------------------------------
def filled(value: Any) -> bool:
    """True for a value that says something: not None, not blank, not an empty list."""
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, list | tuple | dict):
        return any(filled(v) for v in (value.values() if isinstance(value, dict) else value))
    return True


def as_date(value: Any) -> datetime.date | Literal[False] | None:
    """A measure's date field: the date, None when empty, False when it is not a date."""
    if not filled(value):
        return None
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value.strip())
        except ValueError:
            return False
    return False


def measure_types(body: RequestBody) -> set[str]:
    return {m.type for m in body.measures}


def measure_value(measure, name: str) -> Any:
    return (measure.model_extra or {}).get(name)
