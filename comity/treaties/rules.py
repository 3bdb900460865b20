"""The instruments' legal rules, read from data/instruments.toml (the one place a lawyer reviews).

Nothing here is specific to one instrument: the file declares scope, provisions and conditions;
these dataclasses only give them types.
"""

import calendar
import datetime
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.conf import settings

from comity.treaties.vocabulary import Applies

RULES_FILE = Path(settings.BASE_DIR) / "data" / "instruments.toml"


@dataclass(frozen=True)
class KindRule:
    provisions: tuple[str, ...]
    basis: str  # yes | conditional | no
    note: str = ""


@dataclass(frozen=True)
class OffenceRule:
    scope: str = "any"  # any | listed
    provision: str = ""
    note: str = ""
    covered: frozenset[str] = frozenset()
    covered_note: str = ""
    covered_applies: str = Applies.YES
    conditional: frozenset[str] = frozenset()
    conditional_note: str = ""
    conditional_kinds: frozenset[str] | None = None  # None: every kind
    protocols: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Condition:
    when: str  # always | other_mla_treaty | extradition_declaration
    kinds: frozenset[str]
    provision: str
    text: str
    # extradition_declaration: the article by which the instrument's offences are deemed
    # included in every extradition treaty between its parties (UNTOC 16(3), UNCAC 44(4)).
    deemed_included: str = ""


@dataclass(frozen=True)
class EntryIntoForce:
    rule: str  # days_after_deposit | first_of_month_after_months | none
    provision: str
    days: int = 0
    months: int = 0

    def for_consent(self, consent: datetime.date, general: datetime.date | None):
        """The day the instrument binds a State that consented on `consent`, or None if unknown."""
        if self.rule == "days_after_deposit":
            own = consent + datetime.timedelta(days=self.days)
        elif self.rule == "first_of_month_after_months":
            own = _first_of_month_after(consent, self.months)
        else:
            return None
        return max(own, general) if general else own


def _first_of_month_after(day: datetime.date, months: int) -> datetime.date:
    """First day of the month following the end of `months` months after `day`."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    end = datetime.date(year, month, min(day.day, last))
    return datetime.date(end.year + (end.month == 12), end.month % 12 + 1, 1)


@dataclass(frozen=True)
class InstrumentRules:
    code: str
    title: str
    type: str
    rank: int
    source: str
    rules_reviewed: datetime.date
    entry_into_force: EntryIntoForce
    depositary: str = ""
    parent: str = ""
    adopted: datetime.date | None = None
    in_force: datetime.date | None = None
    open_to: frozenset[str] | None = None
    # An agreement of an organisation with one State applies only between that State and a
    # member (EU–USA: never between two EU Member States): one of the pair must be a counterpart.
    counterparts: frozenset[str] | None = None
    mla_treaty: bool = False
    kinds: dict[str, KindRule] = field(default_factory=dict)
    offences: OffenceRule = OffenceRule()
    conditions: tuple[Condition, ...] = ()

    @property
    def is_basis(self) -> bool:
        """Protocols supplement their convention; they are not cited as a basis of their own."""
        return bool(self.kinds)


def _parse(raw: dict) -> InstrumentRules:
    kinds = {
        kind: KindRule(tuple(rule["provisions"]), rule["basis"], rule.get("note", ""))
        for kind, rule in raw.get("kinds", {}).items()
    }
    off = raw.get("offences", {})
    offences = OffenceRule(
        scope=off.get("scope", "any"),
        provision=off.get("provision", ""),
        note=off.get("note", ""),
        covered=frozenset(off.get("covered", ())),
        covered_note=off.get("covered_note", ""),
        covered_applies=Applies(off.get("covered_applies", Applies.YES)),
        conditional=frozenset(off.get("conditional", ())),
        conditional_note=off.get("conditional_note", ""),
        conditional_kinds=frozenset(off["conditional_kinds"])
        if "conditional_kinds" in off
        else None,
        protocols=dict(off.get("protocols", {})),
    )
    conditions = tuple(
        Condition(
            c["when"],
            frozenset(c["kinds"]),
            c["provision"],
            c["text"],
            c.get("deemed_included", ""),
        )
        for c in raw.get("conditions", ())
    )
    eif = raw["entry_into_force"]
    return InstrumentRules(
        code=raw["code"],
        title=raw["title"],
        type=raw["type"],
        rank=raw["rank"],
        source=raw["source"],
        rules_reviewed=raw["rules_reviewed"],
        entry_into_force=EntryIntoForce(
            eif["rule"], eif["provision"], eif.get("days", 0), eif.get("months", 0)
        ),
        depositary=raw.get("depositary", ""),
        parent=raw.get("parent", ""),
        adopted=raw.get("adopted"),
        in_force=raw.get("in_force"),
        open_to=frozenset(raw["open_to"]) if "open_to" in raw else None,
        counterparts=frozenset(raw["counterparts"]) if "counterparts" in raw else None,
        mla_treaty=raw.get("mla_treaty", False),
        kinds=kinds,
        offences=offences,
        conditions=conditions,
    )


@cache
def instrument_rules() -> dict[str, InstrumentRules]:
    with open(RULES_FILE, "rb") as handle:
        data = tomllib.load(handle)
    for raw in data["instrument"]:
        for key in ("adopted", "in_force", "rules_reviewed"):
            if isinstance(raw.get(key), str):
                raw[key] = datetime.date.fromisoformat(raw[key])
    return {raw["code"]: _parse(raw) for raw in data["instrument"]}


def texts() -> list[str]:
    """Every sentence of the rules file that an answer shows, in file order, once each: the
    messages comity/treaties/rule_texts.py lists for translation."""
    found: dict[str, None] = {}
    for rules in [*instrument_rules().values(), BILATERAL]:
        candidates = [k.note for k in rules.kinds.values()]
        off = rules.offences
        candidates += [off.note, off.covered_note, off.conditional_note]
        candidates += [c.text for c in rules.conditions]
        for text in candidates:
            if text:
                found.setdefault(text, None)
    return list(found)


def rule_texts_module() -> str:
    """The source of comity/treaties/rule_texts.py, written from the rules file."""
    lines = [
        '"""The sentences of data/instruments.toml that answers show, for translation.',
        "",
        "Written from the rules file by `comity rule-texts`; a test fails when it is out of date.",
        "The engine translates each sentence when it builds an answer.",
        '"""',
        "",
        "from django.utils.translation import gettext_noop",
        "",
        "TEXTS = (",
    ]
    for text in texts():
        lines.append(f"    gettext_noop({text!r}),")
    lines.append(")")
    return "\n".join(lines) + "\n"


BILATERAL = InstrumentRules(
    code="",
    title="",
    type="bilateral",
    rank=0,
    source="",
    rules_reviewed=datetime.date(2026, 11, 28),
    entry_into_force=EntryIntoForce("none", ""),
    offences=OffenceRule(
        scope="any", note="Check the treaty's own list of offences and grounds for refusal."
    ),
    mla_treaty=True,
)
