"""The legal-basis engine: under which instruments State A can ask State B, and on what terms.

`legal_basis(requesting=..., requested=..., kind=..., offence=None, on=None)` answers with every
instrument that provides for the request kind, each with whether it applies (yes / conditional /
unknown / no), the reasons (each with source and as-of date) and the conditions to respect. The
instrument-specific law is data (data/instruments.toml, read by rules.py); this module only
applies it. Unknown participation stays unknown: a State missing from a partial list is never
treated as a non-party.
"""

import datetime
from dataclasses import dataclass, field
from functools import cache

from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from comity.treaties.rules import BILATERAL, InstrumentRules, instrument_rules
from comity.treaties.snapshot import Snapshot, Stop, pair_key, snapshot
from comity.treaties.sources import standing
from comity.treaties.vocabulary import Applies, ConsentType, SuspensionKind, Ternary

ORDER = {value: rank for rank, value in enumerate(Applies.values)}


def _standing(source: str) -> str | None:
    found = standing(source)
    return found.standing if found is not None else None


RECIPROCITY = "RECIPROCITY"
_NO = Applies.NO


@dataclass(frozen=True)
class Reason:
    text: str
    source: str
    as_of: datetime.date | None

    def as_dict(self) -> dict:
        return {
            "text": self.text,
            "source": self.source,
            "source_standing": _standing(self.source),
            "as_of": self.as_of.isoformat() if self.as_of else None,
        }


@dataclass(frozen=True)
class Condition:
    text: str
    provision: str
    source: str
    as_of: datetime.date | None

    def as_dict(self) -> dict:
        return {
            "text": self.text,
            "provision": self.provision,
            "source": self.source,
            "source_standing": _standing(self.source),
            "as_of": self.as_of.isoformat() if self.as_of else None,
        }


@dataclass(slots=True)
class Basis:
    instrument: str
    title: str
    type: str
    applies: str
    rank: int
    provisions: list[str] = field(default_factory=list)
    reasons: list[Reason] = field(default_factory=list)
    conditions: list[Condition] = field(default_factory=list)
    # How the offence falls within the instrument: 0 within its scope (or any offence), 1 not
    # known or only under a condition, 2 outside it. A practitioner cites the closest fit first.
    fit: int = 0
    link: str = ""  # where the instrument's text can be read
    # Protocols binding both States that supplement the instrument (ETS-182 for ETS-030).
    supplements: list[str] = field(default_factory=list)

    def downgrade(self, applies: str) -> None:
        if ORDER[applies] > ORDER[self.applies]:
            self.applies = applies

    def as_dict(self) -> dict:
        return {
            "instrument": self.instrument,
            "title": self.title,
            "type": self.type,
            "applies": self.applies,
            "provisions": self.provisions,
            "reasons": [r.as_dict() for r in self.reasons],
            "conditions": [c.as_dict() for c in self.conditions],
            "text_url": self.link,
            "supplemented_by": self.supplements,
        }


@dataclass(frozen=True)
class Status:
    """One State's standing under one instrument on one date."""

    applies: str  # yes | conditional | unknown | no
    reason: Reason


def _consent_label(consent_type: str) -> str:
    if consent_type in ConsentType.values:
        return str(ConsentType(consent_type).label).lower()
    return _("consent to be bound")


def state_status(
    snap: Snapshot, rules: InstrumentRules, code: str, iso3: str, on: datetime.date, language: str
) -> Status:
    """Is `iso3` bound by instrument `code` on `on`? From its row, or from the lists' coverage."""
    name = snap.name(iso3, language)
    instrument = snap.instruments.get(code)
    if rules.open_to is not None and iso3 not in rules.open_to:
        return Status(
            Applies.NO,
            Reason(
                _(
                    "%(state)s cannot be a Party: the instrument is open only to the members of the "
                    "organisation that concluded it."
                )
                % {"state": name},
                rules.source,
                rules.rules_reviewed,
            ),
        )
    row = snap.rows.get((code, iso3))
    if row is not None:
        return _status_from_row(row, rules, instrument, name, on)
    complete = snap.complete_lists.get(code, [])
    if complete:
        table = complete[0]
        if on <= table.as_of:
            return Status(
                Applies.NO,
                Reason(
                    _(
                        "%(state)s had taken no action on %(code)s as of %(date)s (complete list of "
                        "participants)."
                    )
                    % {"state": name, "code": code, "date": table.as_of},
                    table.source,
                    table.as_of,
                ),
            )
        return Status(
            Applies.UNKNOWN,
            Reason(
                _(
                    "%(state)s had taken no action on %(code)s as of %(date)s; later actions are not "
                    "recorded, so whether it was bound on %(on)s is unknown."
                )
                % {"state": name, "code": code, "date": table.as_of, "on": on},
                table.source,
                table.as_of,
            ),
        )
    partial = snap.partial_lists.get(code, [])
    source = partial[0].source if partial else (instrument.source if instrument else rules.source)
    as_of = partial[0].as_of if partial else None
    return Status(
        Applies.UNKNOWN,
        Reason(
            _(
                "Whether %(state)s is a Party to %(code)s is unknown: the participant lists held are "
                "partial and do not name it."
            )
            % {"state": name, "code": code},
            source,
            as_of,
        ),
    )


def _says(row, applies: str, text: str) -> Status:
    """A State's standing read from its participation row, with the row's source and date."""
    return Status(applies, Reason(text, row.source, row.as_of))


def _status_from_row(row, rules, instrument, name: str, on: datetime.date) -> Status:
    fmt = {"state": name, "code": instrument.code if instrument else rules.code, "on": on}
    if row.withdrawal and row.withdrawal <= on:
        return _says(
            row,
            Applies.NO,
            _(
                "%(state)s is no longer bound by %(code)s from %(date)s (withdrawal, "
                "denunciation, or departure from the organisation that concluded it)."
            )
            % {**fmt, "date": row.withdrawal},
        )
    if row.consent is None and row.in_force is not None:
        # Bilateral treaties are often recorded by their entry into force alone.
        if row.in_force > on:
            return _says(
                row,
                Applies.NO,
                _("%(state)s: %(code)s in force only from %(date)s, after %(on)s.")
                % {**fmt, "date": row.in_force},
            )
        return _says(
            row,
            Applies.YES,
            _("%(state)s: %(code)s in force from %(date)s.") % {**fmt, "date": row.in_force},
        )
    if row.consent is None and row.consent_type == ConsentType.UNSPECIFIED and row.as_of:
        # The source says only that the State was a Party on its date ("ratified by every member
        # State"): bound after that date, date of entry into force not recorded; unknown before.
        if on < row.as_of:
            return _says(
                row,
                Applies.UNKNOWN,
                _(
                    "The source names %(state)s as a Party to %(code)s as of %(date)s, without "
                    "dates; whether it was bound on %(on)s is unknown."
                )
                % {**fmt, "date": row.as_of},
            )
        return _says(
            row,
            Applies.YES,
            _(
                "The source names %(state)s as a Party to %(code)s as of %(date)s; the date it "
                "took effect for it is not recorded."
            )
            % {**fmt, "date": row.as_of},
        )
    if row.consent is None:
        if row.as_of and on <= row.as_of:
            signed = (_(" (signed %(date)s)") % {"date": row.signature}) if row.signature else ""
            return _says(
                row,
                Applies.NO,
                _("%(state)s had not consented to be bound by %(code)s as of %(date)s%(signed)s.")
                % {**fmt, "date": row.as_of, "signed": signed},
            )
        if row.as_of:
            return _says(
                row,
                Applies.UNKNOWN,
                _(
                    "%(state)s had not consented to be bound by %(code)s as of %(date)s; later "
                    "actions are not recorded."
                )
                % {**fmt, "date": row.as_of},
            )
        return _says(
            row,
            Applies.CONDITIONAL,
            _(
                "The source names %(state)s as a Party to %(code)s but gives no dates; check that "
                "it was bound on %(on)s."
            )
            % fmt,
        )
    consent = _("%(state)s: %(action)s of %(code)s on %(date)s") % {
        **fmt,
        "action": _consent_label(row.consent_type),
        "date": row.consent,
    }
    if row.in_force is None:
        return _says(
            row,
            Applies.CONDITIONAL,
            consent + _("; the date it took effect for it is not recorded."),
        )
    how = (
        _(" (computed under %(provision)s)") % {"provision": rules.entry_into_force.provision}
        if row.in_force_computed
        else ""
    )
    if row.in_force > on:
        return _says(
            row,
            Applies.NO,
            consent
            + _("; in force for it only from %(date)s%(how)s, after %(on)s.")
            % {**fmt, "date": row.in_force, "how": how},
        )
    return _says(
        row,
        Applies.YES,
        consent + _("; in force for it from %(date)s%(how)s.") % {"date": row.in_force, "how": how},
    )


class _Question:
    """One question. States' standings are cached on the snapshot, shared by every question."""

    def __init__(self, snap, requesting, requested, kind, offence, on, language):
        self.snap, self.a, self.b = snap, requesting, requested
        self.kind, self.offence, self.on, self.language = kind, offence, on, language
        self.mla_treaties: list[tuple[str, str]] | None = None
        # Every State's standing under every instrument on this day, shared by all questions.
        self.standings: dict = snap.memo(("standings", on, language), dict)

    def status(self, code: str, rules: InstrumentRules, iso3: str) -> Status:
        # The hottest lookup of the matrix: a plain dictionary, no closure.
        found = self.standings.get((code, iso3))
        if found is None:
            found = self.standings[(code, iso3)] = state_status(
                self.snap, rules, code, iso3, self.on, self.language
            )
        return found

    def pair(self, code: str, rules: InstrumentRules) -> tuple[str, list[Reason]]:
        a = self.standings.get((code, self.a)) or self.status(code, rules, self.a)
        b = self.standings.get((code, self.b)) or self.status(code, rules, self.b)
        worst = b.applies if ORDER[b.applies] > ORDER[a.applies] else a.applies
        if worst != _NO and code in self.snap.stopped_codes:
            stops = self.snap.stops.get(pair_key(code, self.a, self.b), ())
            for stop in stops:
                if stop.in_effect(self.on):
                    return _NO, [a.reason, b.reason, self.stopped(code, stop)]
        return worst, [a.reason, b.reason]

    def stopped(self, code: str, stop: Stop) -> Reason:
        text = {
            SuspensionKind.SUSPENSION: _(
                "%(state)s suspended the application of %(code)s towards %(other)s from %(date)s."
            ),
            SuspensionKind.TERMINATION: _(
                "%(state)s terminated the application of %(code)s towards %(other)s from %(date)s."
            ),
        }.get(
            stop.kind,
            _("%(code)s does not apply between %(state)s and %(other)s from %(date)s."),
        ) % {
            "state": self.snap.name(stop.state, self.language),
            "other": self.snap.name(stop.towards, self.language),
            "code": code,
            "date": stop.effective_from,
        }
        return Reason(text, stop.source, stop.as_of)


def _may_bind(rules: InstrumentRules, a: str, b: str) -> bool:
    """Could the instrument bind the pair at all: both may be Parties and, for an agreement of an
    organisation with one State, exactly one of the two is that State."""
    if rules.open_to is not None and (a not in rules.open_to or b not in rules.open_to):
        return False
    if rules.counterparts is not None:
        return (a in rules.counterparts) != (b in rules.counterparts)
    return True


def _for_requesting(kind: str, a: str) -> tuple[list, list]:
    """The instruments for `kind` that may bind the requesting State `a`: those open to every
    State, and those whose membership still depends on the requested State."""
    free, restricted = [], []
    for code, rules in _multilateral(kind):
        if rules.open_to is None and rules.counterparts is None:
            free.append((code, rules))
        elif rules.open_to is None or a in rules.open_to:
            restricted.append((code, rules))
    return free, restricted


def _multilateral(kind: str) -> list[tuple[str, InstrumentRules]]:
    return [(c, r) for c, r in instrument_rules().items() if r.is_basis and kind in r.kinds]


def _candidates(q: _Question) -> list[tuple[str, InstrumentRules]]:
    """(code, rules) of every instrument that provides for the request kind and may bind both.

    An instrument open only to the members of an organisation is left out when either State
    cannot be a Party: it cannot apply to the pair, so it is neither "unknown" nor worth a "no".
    """
    free, restricted = q.snap.memo(
        ("candidates", q.kind, q.a), lambda: _for_requesting(q.kind, q.a)
    )
    multilateral = (
        [*free, *((c, r) for c, r in restricted if _may_bind(r, q.a, q.b))] if restricted else free
    )
    of_a, of_b = q.snap.bilaterals.get(q.a), q.snap.bilaterals.get(q.b)
    if not of_a or not of_b:
        return multilateral
    bilateral = [
        (code, BILATERAL)
        for code in sorted(of_a & of_b)
        if q.kind in (q.snap.instruments[code].kinds or [])
    ]
    return [*multilateral, *bilateral] if bilateral else multilateral


def _rule_reason(rules: InstrumentRules, text: str) -> Reason:
    return Reason(text, rules.source, rules.rules_reviewed)


def _apply_offence(q: _Question, basis: Basis, rules: InstrumentRules) -> None:
    off = rules.offences
    src = f"{rules.source}, {off.provision}" if off.provision else rules.source
    if off.scope == "any":
        if off.note:
            basis.conditions.append(
                Condition(_(off.note), off.provision, src, rules.rules_reviewed)
            )
        return
    kind_ok = off.conditional_kinds is None or q.kind in off.conditional_kinds
    basis.fit = 1
    if q.offence is None:
        basis.downgrade(Applies.CONDITIONAL)
        notes = [off.covered_note] + ([off.conditional_note] if kind_ok and off.conditional else [])
        notes = [_(note) for note in notes]
        for note in notes:
            basis.conditions.append(Condition(note, off.provision, src, rules.rules_reviewed))
        return
    if q.offence in off.protocols:
        return  # depends on both States' participation in the protocol: see _evaluate
    if q.offence in off.covered:
        basis.fit = 0
        basis.downgrade(off.covered_applies)
        basis.reasons.append(Reason(_(off.covered_note), src, rules.rules_reviewed))
    elif q.offence in off.conditional and kind_ok:
        basis.downgrade(Applies.CONDITIONAL)
        basis.conditions.append(
            Condition(_(off.conditional_note), off.provision, src, rules.rules_reviewed)
        )
    else:
        basis.fit = 2
        basis.downgrade(Applies.NO)
        basis.reasons.append(
            Reason(
                _(
                    "The offence is outside the instrument's scope for this kind of request. %(scope)s"
                )
                % {"scope": _(off.covered_note)},
                src,
                rules.rules_reviewed,
            )
        )


def _apply_protocol(q: _Question, basis: Basis, rules: InstrumentRules, protocol: str) -> None:
    protocol_rules = instrument_rules()[protocol]
    applies, reasons = q.pair(protocol, protocol_rules)
    basis.downgrade(Applies.CONDITIONAL)
    src = f"{protocol_rules.source}, art. 1"
    if applies == Applies.YES:
        basis.fit = 0
        basis.reasons.extend(reasons)
        basis.reasons.append(
            Reason(
                _(
                    "Both States are Parties to %(protocol)s, whose offences are treated as offences "
                    "established under the Convention (Protocol art. 1(2)–(3))."
                )
                % {"protocol": protocol},
                src,
                protocol_rules.rules_reviewed,
            )
        )
    else:
        basis.reasons.extend(reasons)
    basis.conditions.append(
        Condition(
            _(
                rules.offences.covered_note
                if applies == Applies.YES
                else rules.offences.conditional_note
            ),
            rules.offences.provision,
            rules.source,
            rules.rules_reviewed,
        )
    )


def _mla_treaties(q: _Question) -> list[tuple[str, str]]:
    """(code, applies for this pair) of every MLA treaty, computed once per question."""
    if q.mla_treaties is None:
        q.mla_treaties = [
            (code, q.pair(code, rules)[0]) for code, rules in _candidates(q) if rules.mla_treaty
        ]
    return q.mla_treaties


def _static_conditions(q: _Question, basis: Basis, rules: InstrumentRules) -> None:
    for cond in rules.conditions:
        if q.kind in cond.kinds and cond.when == "always":
            src = f"{rules.source}, {cond.provision}"
            basis.conditions.append(
                Condition(_(cond.text), cond.provision, src, rules.rules_reviewed)
            )


def _other_treaty_text(text: str, binding: tuple, maybe: tuple) -> str:
    if binding:
        return text + " " + _("Binding both: %(codes)s.") % {"codes": ", ".join(binding)}
    if maybe:
        return (
            text
            + " "
            + _("Not known whether these bind both: %(codes)s.") % {"codes": ", ".join(maybe)}
        )
    return text + " " + _("No other MLA treaty is recorded as binding both.")


def _pair_conditions(q: _Question, basis: Basis, rules: InstrumentRules) -> None:
    for cond in rules.conditions:
        if q.kind not in cond.kinds:
            continue
        src = f"{rules.source}, {cond.provision}"
        if cond.when == "other_mla_treaty":
            others = [(c, a) for c, a in _mla_treaties(q) if c != basis.instrument]
            binding = tuple(c for c, a in others if a == Applies.YES)
            maybe = tuple(c for c, a in others if a in (Applies.UNKNOWN, Applies.CONDITIONAL))
            condition = q.snap.memo(
                ("mla-condition", cond, binding, maybe, q.language),
                lambda cond=cond, binding=binding, maybe=maybe, src=src: Condition(
                    _other_treaty_text(_(cond.text), binding, maybe),
                    cond.provision,
                    src,
                    rules.rules_reviewed,
                ),
            )
            basis.conditions.append(condition)
        elif cond.when == "extradition_declaration":
            _apply_extradition_declaration(q, basis, rules, cond, src)


def _apply_extradition_declaration(q, basis, rules, cond, src) -> None:
    """The requested State's position on the instrument as a basis for extradition: worked out
    once per instrument, State and language (it does not depend on the requesting State)."""
    applies, condition, reason = q.snap.memo(
        ("extradition-declaration", basis.instrument, cond, q.b, q.language),
        lambda: _extradition_declaration(q, basis.instrument, rules, cond, src),
    )
    basis.downgrade(applies)
    if condition is not None:
        basis.conditions.append(condition)
    if reason is not None:
        basis.reasons.append(reason)


def _extradition_declaration(q, instrument, rules, cond, src):
    """(applies, condition or None, reason or None) for _apply_extradition_declaration."""
    fact = q.snap.declarations.get((instrument, q.b, "extradition_basis"))
    name = q.snap.name(q.b, q.language)
    fmt = {"state": name, "provision": cond.provision}
    if fact is None:
        text = _(
            "No such notification by %(state)s is recorded; ask whether it "
            "accepts the Convention as the legal basis."
        ) % {"state": name}
        return (
            Applies.CONDITIONAL,
            Condition(f"{_(cond.text)} {text}", cond.provision, src, rules.rules_reviewed),
            None,
        )
    stated = fact.value.get("takes_as_basis")
    qualifier = fact.value.get("qualifier", "")
    limits = (
        " " + _("The notification adds: “%(qualifier)s”.") % {"qualifier": qualifier}
        if qualifier
        else ""
    )
    if stated == Ternary.YES:
        text = _(
            "%(state)s notified under %(provision)s that it takes the Convention as the legal "
            "basis for extradition."
        )
        return Applies.YES, None, Reason(text % fmt + limits, fact.source, fact.as_of)
    if stated != Ternary.NO:
        # A declaration that makes extradition conditional on a treaty without saying whether the
        # Convention is taken as that treaty is not a refusal: ask.
        text = _(
            "%(state)s notified under %(provision)s that it makes extradition conditional on a "
            "treaty, without saying whether it takes the Convention as the legal basis."
        )
        ask = _("Ask whether it accepts the Convention as the legal basis.")
        return (
            Applies.CONDITIONAL,
            None,
            Reason(f"{text % fmt}{limits} {ask}", fact.source, fact.as_of),
        )
    text = _(
        "%(state)s notified under %(provision)s that it does not take the Convention as the legal "
        "basis for extradition."
    )
    deemed = _(
        "It extradites only under a treaty; the Convention's offences are deemed included "
        "in any extradition treaty between the two States (%(provision)s)."
    ) % {"provision": cond.deemed_included or cond.provision}
    return Applies.NO, None, Reason(f"{text % fmt}{limits} {deemed}", fact.source, fact.as_of)


def _template(q: _Question, code: str, rules: InstrumentRules) -> tuple[Basis, bool]:
    """What does not depend on the two States (kind, offence and standing conditions), and
    whether any condition of the instrument for this kind depends on them."""
    key = ("template", code, q.kind, q.offence, q.language)
    found = q.snap._memo.get(key)
    if found is None:
        found = q.snap._memo[key] = (
            _build_template(q, code, rules),
            any(c.when != "always" and q.kind in c.kinds for c in rules.conditions),
        )
    return found


def _build_template(q: _Question, code: str, rules: InstrumentRules) -> Basis:
    instrument = q.snap.instruments.get(code)
    kind_rule = rules.kinds.get(q.kind)
    basis = Basis(
        instrument=code,
        title=instrument.display_title(q.language) if instrument else rules.title,
        type=instrument.type if instrument else rules.type,
        applies=Applies.YES,
        rank=rules.rank,
        provisions=list(kind_rule.provisions) if kind_rule else [code],
        link=instrument.text_url if instrument else "",
    )
    if kind_rule is not None:
        basis.downgrade(kind_rule.basis)
        if kind_rule.note:
            provisions = ", ".join(kind_rule.provisions)
            basis.conditions.append(
                Condition(_(kind_rule.note), provisions, rules.source, rules.rules_reviewed)
            )
    elif rules is BILATERAL:
        basis.reasons.append(
            Reason(
                _("A bilateral treaty between the two States, recorded by a maintainer."),
                instrument.source,
                None,
            )
        )
    _apply_offence(q, basis, rules)
    _static_conditions(q, basis, rules)
    return basis


def _evaluate(q: _Question, code: str, rules: InstrumentRules) -> Basis:
    template, by_pair = _template(q, code, rules)
    applies, reasons = q.pair(code, rules)
    if applies == _NO:  # most pairs under most instruments: no conditions to work out
        return Basis(
            template.instrument,
            template.title,
            template.type,
            _NO,
            template.rank,
            list(template.provisions),
            [*reasons, *template.reasons],
            [],
            template.fit,
            template.link,
        )
    basis = Basis(
        template.instrument,
        template.title,
        template.type,
        applies if ORDER[applies] > ORDER[template.applies] else template.applies,
        template.rank,
        list(template.provisions),
        [*reasons, *template.reasons],
        list(template.conditions),
        template.fit,
        template.link,
    )
    if basis.applies != _NO:
        if q.offence in rules.offences.protocols:
            _apply_protocol(q, basis, rules, rules.offences.protocols[q.offence])
        if by_pair:
            _pair_conditions(q, basis, rules)
        for protocol in _supplements_of(q, code):
            _apply_supplement(q, basis, protocol)
    return basis


def _supplements_of(q: _Question, code: str) -> tuple[str, ...]:
    """The protocols supplementing `code` that bind the requesting State on the day (most bind
    none): worked out once per State and day, with the States' standings."""
    key = ("supplements", code, q.a)
    found = q.standings.get(key)
    if found is None:
        rules = instrument_rules()
        found = q.standings[key] = tuple(
            p for p in _supplementing(code) if q.status(p, rules[p], q.a).applies == Applies.YES
        )
    return found


@cache
def _supplementing(code: str) -> tuple[str, ...]:
    """The protocols that supplement `code` without being a basis of their own (ETS-099 and
    ETS-182 for ETS-030); the UNTOC Protocols, which bring offences in, are handled apart."""
    rules = instrument_rules()
    by_offence = set(rules[code].offences.protocols.values()) if code in rules else set()
    return tuple(
        c for c, r in rules.items() if r.parent == code and not r.is_basis and c not in by_offence
    )


def _apply_supplement(q: _Question, basis: Basis, protocol: str) -> None:
    """A protocol binding both States is cited with its convention: say so, with both standings."""
    rules = instrument_rules()[protocol]
    applies, reasons = q.pair(protocol, rules)
    if applies != Applies.YES:
        return
    basis.supplements.append(protocol)
    instrument = q.snap.instruments.get(protocol)
    title = instrument.display_title(q.language) if instrument else protocol
    basis.reasons.extend(reasons)
    basis.reasons.append(
        Reason(
            _(
                "Both States are bound by %(title)s (%(code)s), which supplements it: cite the two "
                "together."
            )
            % {"title": title, "code": protocol},
            instrument.source if instrument else protocol,
            None,
        )
    )


def _reciprocity(q: _Question) -> Basis:
    return q.snap.memo(("reciprocity", q.b, q.language), lambda: _build_reciprocity(q))


def _build_reciprocity(q: _Question) -> Basis:
    name = q.snap.name(q.b, q.language)
    reviewed = BILATERAL.rules_reviewed
    return Basis(
        instrument=RECIPROCITY,
        title=_("Reciprocity, comity and domestic law"),
        type="domestic",
        applies=Applies.CONDITIONAL,
        rank=90,
        provisions=[_("Domestic law of %(state)s") % {"state": name}],
        reasons=[
            Reason(
                _(
                    "Without an applicable treaty, %(state)s may still act under its own law on the "
                    "basis of reciprocity or comity; whether it does, and on what terms, depends on "
                    "that law."
                )
                % {"state": name},
                _("Domestic law of %(state)s") % {"state": name},
                reviewed,
            )
        ],
        conditions=[
            Condition(
                _("An undertaking of reciprocity by the requesting State is usually expected."),
                "",
                _("International practice"),
                reviewed,
            )
        ],
    )


@dataclass
class Answer:
    requesting: str
    requested: str
    kind: str
    offence: str | None
    on: datetime.date
    bases: list[Basis]

    @property
    def treaty_applies(self) -> bool:
        return any(
            b.applies in (Applies.YES, Applies.CONDITIONAL)
            for b in self.bases
            if b.instrument != RECIPROCITY
        )

    def with_answer(self, *answers: Applies) -> list[Basis]:
        return [b for b in self.bases if b.applies in answers]

    @property
    def usable(self) -> list[Basis]:
        """The bases that apply, or apply if their conditions are met: the ones to cite."""
        return self.with_answer(Applies.YES, Applies.CONDITIONAL)

    @property
    def bilateral_recorded(self) -> bool:
        return any(b.type == "bilateral" for b in self.bases)

    @property
    def to_cite(self) -> list[Basis]:
        """What to cite, first first: the treaties that apply or may apply (not reciprocity)."""
        return [b for b in self.usable if b.instrument != RECIPROCITY]

    @property
    def unknown(self) -> list[Basis]:
        return self.with_answer(Applies.UNKNOWN)

    @property
    def not_applying(self) -> list[Basis]:
        return self.with_answer(Applies.NO)

    def as_dict(self) -> dict:
        return {
            "requesting": self.requesting,
            "requested": self.requested,
            "kind": self.kind,
            "offence": self.offence,
            "date": self.on.isoformat(),
            "bases": [b.as_dict() for b in self.bases],
            "treaty_applies": self.treaty_applies,
        }


# Citation tiers: a bilateral treaty, then a regional one, then the universal conventions, then
# non-binding schemes; reciprocity and domestic law close the list. A protocol is in its
# convention's tier.
TIER = {"bilateral": 0, "regional": 1, "convention": 2, "scheme": 3}
_GROUP = {Applies.YES: 0, Applies.CONDITIONAL: 0, Applies.UNKNOWN: 1, Applies.NO: 2}


@cache
def _tiers() -> dict[str, int]:
    rules = instrument_rules()
    return {
        code: TIER.get(rules[r.parent].type if r.parent else r.type, 2) for code, r in rules.items()
    }


def _citation_order(b: Basis) -> tuple:
    """The order a practitioner cites in: what may be cited before what is unknown or does not
    apply; within each, the tier, then how closely the offence fits the instrument's scope,
    then whether it applies outright, then the instrument's rank."""
    tier = _tiers().get(b.instrument, 0)  # not in the rules file: a bilateral treaty
    return (_GROUP[b.applies], tier, b.fit, ORDER[b.applies], b.rank, b.instrument)


def legal_basis(
    *,
    requesting: str,
    requested: str,
    kind: str,
    offence: str | None = None,
    on: datetime.date | None = None,
    snap: Snapshot | None = None,
    language: str | None = None,
) -> Answer:
    """The ordered legal bases for a request of `kind` from `requesting` to `requested`.

    The one to cite first comes first (_citation_order): a bilateral treaty, then a regional
    convention, then the universal conventions whose scope covers the offence; reciprocity and
    domestic law close the list.
    """
    on = on or timezone.localdate()
    language = language or (get_language() or "en").split("-")[0]
    q = _Question(
        snap or snapshot(), requesting.upper(), requested.upper(), kind, offence, on, language
    )
    bases = [_evaluate(q, code, rules) for code, rules in _candidates(q)]
    bases.sort(key=_citation_order)
    bases.append(_reciprocity(q))
    return Answer(q.a, q.b, kind, offence, on, bases)
