"""Conditions on the use of evidence, the consents asked to go beyond them, and the answer to
"may I use this material in these proceedings?".

A State that gives evidence may bar its use in proceedings other than those of the request
(speciality, UNTOC 18(19)), ask that it be kept confidential (UNTOC 18(20)) or attach conditions
agreed after a consultation (UNTOC 18(26)). Beyond a condition, the material may be used only with
the consent of that State, asked for named proceedings.
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from comity.casework import journal
from comity.casework.inputs import Checks
from comity.casework.models import Case, Condition, Consent
from comity.casework.vocabulary import ConditionKind, ConsentReply, EventKind
from comity.directory.services import fold

# Conditions that bar use in other proceedings until the other State consents. Confidentiality
# does not bar use in the proceedings of the request; it bars disclosure.
BARRING = frozenset({ConditionKind.SPECIALITY, ConditionKind.CONSULTATION, ConditionKind.OTHER})

EXCULPATORY = gettext_lazy(
    "Exculpatory material (UNTOC 18(19)): material that is exculpatory to an accused person may "
    "be disclosed to that person in your proceedings without consent. Notify the requested State "
    "before disclosing it and consult it if it asks; where notice in advance is not possible, "
    "inform it without delay afterwards."
)

MATERIAL_REQUIRED = gettext_lazy(
    "Say what material this covers, e.g. “bank records of account UA21…” or “all material”."
)


def folded(text: str) -> str:
    """`text` case- and accent-insensitive, with its spaces evened out, for matching."""
    return " ".join(fold(text or "").split())


def covers(condition_material: str, material: str) -> bool:
    """Whether a condition on `condition_material` covers `material` (every material when
    `material` is empty; otherwise when one names the other)."""
    asked, covered = folded(material), folded(condition_material)
    return not asked or asked in covered or covered in asked


# --- Writes ------------------------------------------------------------------------------------


@transaction.atomic
def add_condition(
    *,
    case: Case,
    actor,
    kind: str,
    material: str,
    text: str,
    provision: str = "",
    imposed_on: datetime.date | None,
) -> Condition:
    """Record a condition the other State put on the use of what it gave (or we put on ours)."""
    checks = Checks()
    if kind not in ConditionKind.values:
        checks.add("kind", _("Choose the kind of condition."))
    material = checks.text("material", material, max_length=300, required=str(MATERIAL_REQUIRED))
    text = checks.text(
        "text",
        text,
        max_length=5000,
        single_line=False,
        required=_("Copy the condition as the other State worded it."),
    )
    provision = checks.text("provision", provision, max_length=100)
    imposed_on = checks.past_day(
        "imposed_on", imposed_on, required=_("Give the day the condition was set (YYYY-MM-DD).")
    )
    checks.done()
    current = journal.locked(case)
    condition = Condition.objects.create(
        case=current,
        kind=kind,
        material=material,
        text=text,
        provision=provision,
        imposed_on=imposed_on,
        created_by=actor,
    )
    journal.log(
        current,
        EventKind.CONDITION,
        actor=actor,
        on=imposed_on,
        note=text[:500],
        details={"condition": condition.pk, "kind": kind, "material": material},
        after={"condition": condition.pk, "kind": kind, "material": material},
    )
    return condition


@transaction.atomic
def lift_condition(
    *, condition: Condition, actor, lifted_on: datetime.date | None, note: str = ""
) -> Condition:
    """Record that the other State lifted a condition: it no longer restricts use."""
    checks = Checks()
    if condition.lifted_on is not None:
        checks.add(
            "lifted_on",
            _("This condition was already lifted on %(day)s.")
            % {"day": condition.lifted_on.isoformat()},
        )
    lifted_on = checks.past_day(
        "lifted_on",
        lifted_on,
        required=_("Give the day the condition was lifted (YYYY-MM-DD)."),
        not_before=condition.imposed_on,
        not_before_message=_(
            "The condition was set on %(day)s; it cannot be lifted before that day."
        )
        % {"day": condition.imposed_on.isoformat()},
    )
    note = checks.text("note", note, max_length=5000, single_line=False)
    checks.done()
    current = journal.locked(condition.case)
    condition.lifted_on = lifted_on
    condition.save(update_fields=["lifted_on"])
    journal.log(
        current,
        EventKind.CONDITION,
        actor=actor,
        on=lifted_on,
        note=note,
        details={"condition": condition.pk, "lifted": True},
        after={"condition": condition.pk, "lifted_on": lifted_on.isoformat()},
    )
    return condition


@transaction.atomic
def request_consent(
    *,
    case: Case,
    actor,
    proceedings: str,
    material: str,
    requested_on: datetime.date | None,
    condition: Condition | None = None,
) -> Consent:
    """Record that consent was asked to use `material` in `proceedings` beyond a condition."""
    checks = Checks()
    proceedings = checks.text(
        "proceedings",
        proceedings,
        max_length=300,
        required=_("Name the proceedings the material is to be used in, e.g. case no. 12/2026."),
    )
    material = checks.text(
        "material",
        material or (condition.material if condition else ""),
        max_length=300,
        required=str(MATERIAL_REQUIRED),
    )
    if condition is not None and (condition.case_id != case.pk or condition.lifted_on):
        checks.add("condition", _("Choose a condition of this case that is still in force."))
    requested_on = checks.past_day(
        "requested_on",
        requested_on,
        required=_("Give the day consent was asked (YYYY-MM-DD)."),
    )
    checks.done()
    current = journal.locked(case)
    consent = Consent.objects.create(
        case=current,
        condition=condition,
        proceedings=proceedings,
        proceedings_folded=folded(proceedings)[:300],
        material=material,
        requested_on=requested_on,
        created_by=actor,
    )
    journal.log(
        current,
        EventKind.CONSENT_REQUESTED,
        actor=actor,
        on=requested_on,
        details={"consent": consent.pk, "proceedings": proceedings, "material": material},
        after={"consent": consent.pk, "proceedings": proceedings, "material": material},
    )
    return consent


@transaction.atomic
def record_consent_reply(
    *, consent: Consent, actor, reply: str, replied_on: datetime.date | None, note: str = ""
) -> Consent:
    """Record the other State's reply to a consent request: granted or refused."""
    checks = Checks()
    if consent.reply != ConsentReply.PENDING:
        checks.add(
            "reply",
            _(
                "This request was already answered on %(day)s. To ask again, record a new "
                "consent request."
            )
            % {"day": consent.replied_on.isoformat() if consent.replied_on else "—"},
        )
    elif reply not in (ConsentReply.GRANTED, ConsentReply.REFUSED):
        checks.add("reply", _("Choose whether consent was given or refused."))
    replied_on = checks.past_day(
        "replied_on",
        replied_on,
        required=_("Give the day of the reply (YYYY-MM-DD)."),
        not_before=consent.requested_on,
        not_before_message=_(
            "Consent was asked on %(day)s; the reply cannot be earlier. Check both days."
        )
        % {"day": consent.requested_on.isoformat()},
    )
    note = checks.text("note", note, max_length=5000, single_line=False)
    checks.done()
    current = journal.locked(consent.case)
    consent.reply, consent.replied_on, consent.reply_note = reply, replied_on, note
    consent.save(update_fields=["reply", "replied_on", "reply_note"])
    journal.log(
        current,
        EventKind.CONSENT_REPLY,
        actor=actor,
        on=replied_on,
        note=note,
        details={"consent": consent.pk, "reply": reply},
        after={"consent": consent.pk, "reply": reply, "replied_on": replied_on.isoformat()},
    )
    return consent


# --- The question: may I use it? ----------------------------------------------------------------


@dataclass(frozen=True)
class ConditionAnswer:
    """One condition in force that covers the material, and where its consent stands."""

    condition: Condition
    bars_use: bool
    consent: Consent | None
    cleared: bool
    message: str


@dataclass(frozen=True)
class UseAnswer:
    """The answer to "may I use this material in these proceedings?", condition by condition."""

    proceedings: str
    material: str
    may_use: bool
    message: str
    conditions: list[ConditionAnswer]
    exculpatory: str


def _consent_status(consent: Consent | None) -> tuple[bool, str]:
    if consent is None:
        return False, _("No consent asked: ask the other State before using the material.")
    if consent.reply == ConsentReply.GRANTED:
        return True, _("Consent given on %(day)s.") % {"day": consent.replied_on.isoformat()}
    if consent.reply == ConsentReply.REFUSED:
        return False, _("Consent refused on %(day)s.") % {"day": consent.replied_on.isoformat()}
    return False, _("Consent asked on %(day)s, no reply yet.") % {
        "day": consent.requested_on.isoformat()
    }


def _latest_consent(condition: Condition, consents: list[Consent]) -> Consent | None:
    """The newest consent asked for this condition (or, not tied to one, for its material)."""
    relevant = [
        c
        for c in consents
        if c.condition_id == condition.pk
        or (c.condition_id is None and covers(condition.material, c.material))
    ]
    return relevant[-1] if relevant else None


def _answer(condition: Condition, consents: list[Consent]) -> ConditionAnswer:
    if condition.kind not in BARRING:
        return ConditionAnswer(
            condition=condition,
            bars_use=False,
            consent=None,
            cleared=True,
            message=_(
                "Keep confidential: you may use the material in your proceedings, but do not "
                "disclose it beyond what they require without the other State's consent."
            ),
        )
    consent = _latest_consent(condition, consents)
    cleared, message = _consent_status(consent)
    return ConditionAnswer(
        condition=condition, bars_use=True, consent=consent, cleared=cleared, message=message
    )


def may_use(case: Case, proceedings: str, material: str = "") -> UseAnswer:
    """Whether the material of `case` may be used in `proceedings`: the conditions in force that
    cover it, and for each the consent asked for those proceedings and its reply."""
    in_force = [
        c for c in case.conditions.filter(lifted_on__isnull=True) if covers(c.material, material)
    ]
    consents = list(
        case.consents.filter(proceedings_folded=folded(proceedings)[:300]).order_by(
            "requested_on", "id"
        )
    )
    answers = [_answer(c, consents) for c in in_force]
    barring = [a for a in answers if a.bars_use]
    missing = [a for a in barring if not a.cleared]
    if missing:
        message = _(
            "Do not use this material in these proceedings yet: %(count)d condition(s) need the "
            "other State's consent first."
        ) % {"count": len(missing)}
    elif barring:
        message = _(
            "You may use this material in these proceedings: consent was given for every "
            "condition that covers it."
        )
    elif answers:
        message = _("You may use this material in these proceedings; keep it confidential.")
    else:
        message = _("You may use this material: no condition in force covers it.")
    return UseAnswer(
        proceedings=proceedings,
        material=material,
        may_use=not missing,
        message=message,
        conditions=answers,
        exculpatory=str(EXCULPATORY),
    )
