"""Writing needs assessments: start one, save answers, move it through its life cycle, import.

Every function is keyword-only, takes the `actor`, runs in one transaction and writes its audit
entry; a refused input changes nothing. Who may do what:

| action                    | who                                                                  |
|---------------------------|----------------------------------------------------------------------|
| start                     | the State's writers; the network's secretariat; site admins           |
| save answers, submit, back to draft | whoever may change the assessment (access.StateWork)       |
| validate                  | the secretariat of the assessment's network; site admins              |
"""

import re
import uuid

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from comity.assessments import questionnaires
from comity.assessments.models import Answer, Assessment
from comity.assessments.vocabulary import AssessmentStatus, EvidenceKind
from comity.audit.models import Action
from comity.audit.services import record, record_saved
from comity.core import access
from comity.core.errors import field_error
from comity.core.text import TextProblem, clean_text
from comity.directory.models import Authority, Network, NetworkMember
from comity.geo.models import Country
from comity.library.models import Document
from comity.treaties.models import Instrument

MAX_EVIDENCE = 20
MAX_COMMENT = 5000
MAX_REF = 1000
MAX_LABEL = 300
URL = re.compile(r"^https?://\S+$", re.IGNORECASE)

# The life cycle: (from, to) -> who may make the move ("change": whoever may change the
# assessment; "secretariat": the network's secretariat and site admins).
TRANSITIONS = {
    (AssessmentStatus.DRAFT, AssessmentStatus.SUBMITTED): "change",
    (AssessmentStatus.SUBMITTED, AssessmentStatus.DRAFT): "change",
    (AssessmentStatus.SUBMITTED, AssessmentStatus.VALIDATED): "secretariat",
}
# The column stamped when an assessment enters a status.
STAMPS = {
    AssessmentStatus.SUBMITTED: "submitted_at",
    AssessmentStatus.VALIDATED: "validated_at",
}


class AssessmentInputError(Exception):
    """What is wrong with the input: [{"field", "message"}]; nothing was written."""

    def __init__(self, errors: list[dict]):
        super().__init__("; ".join(f"{e['field']}: {e['message']}" for e in errors))
        self.errors = errors


class NotAllowed(Exception):
    """The actor may not do this to this assessment (pages and API answer 404)."""


class WrongStatus(Exception):
    """The assessment's status does not allow this (pages and API answer 409)."""


# --- Who may -------------------------------------------------------------------------------------


def current_member_states(network) -> set[str]:
    """The States with a running term in `network` (directory.NetworkMember.current())."""
    return set(
        NetworkMember.objects.current()
        .filter(network=network)
        .values_list("country_id", flat=True)
        .distinct()
    )


def may_start(user, *, state_id: str, network=None) -> bool:
    """Whether `user` may start an assessment of `state_id` (within `network`, if given)."""
    if access.is_site_admin(user):
        return True
    if access.may_write(user) and user.authority.country_id == state_id:
        return True
    return network is not None and access.is_secretary(user, network.pk)


def may_validate(user, assessment: Assessment) -> bool:
    if access.is_site_admin(user):
        return True
    return assessment.network_id is not None and access.is_secretary(user, assessment.network_id)


def may_change(user, assessment: Assessment) -> bool:
    return access.can(user, access.Permission.CHANGE, assessment)


# --- Starting ------------------------------------------------------------------------------------


def snapshot(assessment: Assessment) -> dict:
    return {
        "state": assessment.state_id,
        "questionnaire": assessment.questionnaire,
        "questionnaire_version": assessment.questionnaire_version,
        "network": assessment.network.code if assessment.network_id else None,
        "as_of": assessment.as_of,
        "status": assessment.status,
    }


@transaction.atomic
def start_assessment(*, state, questionnaire: str, network=None, actor, as_of=None) -> Assessment:
    """A new draft assessment of `state` (a Country or its alpha-3 code) against the
    questionnaire with code `questionnaire`, run within `network` (a Network, its code, or None).

    Raises AssessmentInputError for an unknown State, questionnaire or network, or a network the
    State is not a current member of; NotAllowed when `actor` may not start it."""
    errors = []
    state_id = state.pk if isinstance(state, Country) else str(state or "").upper()
    if not Country.objects.filter(pk=state_id).exists():
        errors.append(
            field_error("state", _("Name a State by its ISO 3166-1 alpha-3 code, e.g. GHA."))
        )
    found = questionnaires.get(questionnaire or "")
    if found is None:
        errors.append(
            field_error(
                "questionnaire",
                _("No questionnaire has this code. Choose one of: %(codes)s.")
                % {"codes": ", ".join(q.code for q in questionnaires.available()) or "—"},
            )
        )
    if network is not None and not isinstance(network, Network):
        code, network = str(network), Network.objects.filter(code=str(network)).first()
        if network is None:
            errors.append(
                field_error("network", _("No network has the code %(code)r.") % {"code": code})
            )
    if network is not None and state_id and state_id not in current_member_states(network):
        errors.append(
            field_error(
                "network",
                _(
                    "%(state)s is not a current member of this network. Choose another network or none."
                )
                % {"state": state_id},
            )
        )
    if not may_start(actor, state_id=state_id, network=network):
        raise NotAllowed
    if errors:
        raise AssessmentInputError(errors)
    assessment = Assessment.objects.create(
        state_id=state_id,
        questionnaire=found.code,
        questionnaire_version=found.version,
        network=network,
        as_of=as_of or timezone.localdate(),
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    record_saved(actor=actor, obj=assessment, before=None, after=snapshot(assessment))
    return assessment


# --- Answers -------------------------------------------------------------------------------------


def answer_state(answer: Answer) -> dict:
    return {"score": answer.score, "evidence": answer.evidence, "comment": answer.comment}


def check_answers(*, assessment: Assessment, answers: list, actor, prefix="answers") -> list[dict]:
    """`answers` checked against the assessment's questionnaire, each as
    {question, score, evidence, comment}; AssessmentInputError naming each problem by its place
    ("answers[2].score") and its question's code."""
    questionnaire = questionnaires.get(assessment.questionnaire)
    if questionnaire is None:
        raise AssessmentInputError(
            [field_error("questionnaire", _("The questionnaire of this assessment is missing."))]
        )
    if not isinstance(answers, list):
        raise AssessmentInputError([field_error(prefix, _("Give a list of answers."))])
    errors, cleaned, seen = [], [], set()
    for i, item in enumerate(answers):
        place = f"{prefix}[{i}]"
        if not isinstance(item, dict):
            errors.append(
                field_error(place, _("Give an object: question, score, evidence, comment."))
            )
            continue
        code = item.get("question")
        question = questionnaire.questions.get(code) if isinstance(code, str) else None
        if question is None:
            errors.append(
                field_error(
                    f"{place}.question",
                    _("%(code)r is not a question of the questionnaire %(questionnaire)s.")
                    % {"code": code, "questionnaire": questionnaire.code},
                )
            )
            continue
        if code in seen:
            errors.append(
                field_error(f"{place}.question", _("%(code)s: answered twice.") % {"code": code})
            )
            continue
        seen.add(code)
        on = _("%(code)s: ") % {"code": code}
        score = item.get("score")
        if score is not None and (
            isinstance(score, bool)
            or not isinstance(score, int)
            or score not in questionnaire.scores
        ):
            errors.append(
                field_error(
                    f"{place}.score",
                    on
                    + _("the score must be one of %(scores)s, or empty (not assessed).")
                    % {"scores": ", ".join(str(s) for s in sorted(questionnaire.scores))},
                )
            )
        comment = item.get("comment") or ""
        if not isinstance(comment, str) or len(comment) > MAX_COMMENT:
            errors.append(
                field_error(
                    f"{place}.comment",
                    on + _("give text of at most %(n)d characters.") % {"n": MAX_COMMENT},
                )
            )
            comment = ""
        else:
            try:
                comment = clean_text(comment).strip()
            except TextProblem as exc:
                errors.append(field_error(f"{place}.comment", on + str(exc)))
        evidence = _evidence(item.get("evidence") or [], f"{place}.evidence", on, actor, errors)
        cleaned.append({"question": code, "score": score, "evidence": evidence, "comment": comment})
    if errors:
        raise AssessmentInputError(errors)
    return cleaned


def _evidence(items, place: str, on: str, actor, errors: list) -> list[dict]:
    if not isinstance(items, list):
        errors.append(field_error(place, on + _("give a list of evidence items.")))
        return []
    if len(items) > MAX_EVIDENCE:
        errors.append(field_error(place, on + _("at most %(n)d items.") % {"n": MAX_EVIDENCE}))
        return []
    out = []
    for k, item in enumerate(items):
        at = f"{place}[{k}]"
        if not isinstance(item, dict):
            errors.append(field_error(at, on + _("give an object: kind, ref, label.")))
            continue
        kind = item.get("kind")
        ref = item.get("ref") or ""
        label = item.get("label") or ""
        if kind not in EvidenceKind.values:
            errors.append(
                field_error(
                    f"{at}.kind",
                    on + _("use one of: %(kinds)s.") % {"kinds": ", ".join(EvidenceKind.values)},
                )
            )
            continue
        if not isinstance(ref, str) or not isinstance(label, str):
            errors.append(field_error(at, on + _("ref and label must be text.")))
            continue
        ref, label = ref.strip(), label.strip()
        try:
            ref = clean_text(ref, single_line=True)[:MAX_REF]
            label = clean_text(label, single_line=True)[:MAX_LABEL]
        except TextProblem as exc:
            errors.append(field_error(at, on + str(exc)))
            continue
        found = _resolve(kind, ref, actor)
        if found is False:
            errors.append(field_error(f"{at}.ref", on + _REF_PROBLEMS[kind]()))
            continue
        if not ref and not label:
            errors.append(field_error(at, on + _("give a reference or a description.")))
            continue
        out.append({"kind": kind, "ref": ref, "label": label or found or ref})
    return out


_REF_PROBLEMS = {
    EvidenceKind.LEGISLATION: lambda: _(
        "give the key of a document of the legal library that you may read."
    ),
    EvidenceKind.AUTHORITY: lambda: _("give the id of an entry of the directory."),
    EvidenceKind.TREATY: lambda: _("give the code of an instrument, e.g. UNTOC."),
    EvidenceKind.STATISTICS: lambda: _("give a web address starting with https://, or nothing."),
    EvidenceKind.DOCUMENT: lambda: _("give a web address starting with https://, or nothing."),
}


def _resolve(kind: str, ref: str, actor) -> str | bool:
    """The label of what `ref` names ("" when there is nothing to name), or False when it names
    nothing valid for `kind`."""
    if kind == EvidenceKind.LEGISLATION:
        document = Document.objects.restrict(actor).filter(key=ref).only("title").first()
        return document.title if ref and document else False
    if kind == EvidenceKind.AUTHORITY:
        try:
            pk = uuid.UUID(ref)
        except ValueError:
            return False
        authority = Authority.objects.filter(pk=pk).only("name").first()
        return authority.name if authority else False
    if kind == EvidenceKind.TREATY:
        instrument = Instrument.objects.filter(code=ref).only("title").first()
        return instrument.title if ref and instrument else False
    if ref and (" " in ref or "://" in ref or ref.lower().startswith("www.")):
        return "" if URL.match(ref) else False
    return ""


@transaction.atomic
def save_answers(*, assessment: Assessment, answers: list, actor) -> Assessment:
    """Write the given answers (others stay as they are). Only a draft takes answers; all of
    them are checked first and none is written when one is wrong."""
    assessment = _locked(assessment, actor)
    if assessment.status != AssessmentStatus.DRAFT:
        raise WrongStatus(_("Only a draft takes answers. Move the assessment back to draft first."))
    cleaned = check_answers(assessment=assessment, answers=answers, actor=actor)
    existing = {a.question: a for a in assessment.answers.all()}
    before, after = {}, {}
    for item in cleaned:
        answer = existing.get(item["question"])
        old = answer_state(answer) if answer else None
        new = {k: item[k] for k in ("score", "evidence", "comment")}
        if old == new:
            continue
        if answer is None:
            answer = Answer(assessment=assessment, question=item["question"])
        answer.score, answer.evidence, answer.comment = (
            new["score"],
            new["evidence"],
            new["comment"],
        )
        answer.updated_by = actor if getattr(actor, "pk", None) else None
        answer.save()
        before[item["question"]] = old
        after[item["question"]] = new
    if after:
        assessment.save(update_fields=["updated_at"])
        record(
            actor=actor,
            action=Action.UPDATE,
            obj=assessment,
            before={"answers": before},
            after={"answers": after},
        )
    return assessment


def _locked(assessment: Assessment, actor) -> Assessment:
    try:
        return (
            Assessment.objects.restrict(actor, access.Permission.CHANGE)
            # Lock the assessment's row only: its network is on the nullable side of a join.
            .select_for_update(of=("self",))
            .select_related("network")
            .get(pk=assessment.pk)
        )
    except Assessment.DoesNotExist as exc:
        raise NotAllowed from exc


# --- Life cycle ----------------------------------------------------------------------------------


@transaction.atomic
def transition(assessment: Assessment, *, to: str, actor) -> Assessment:
    """Move the assessment to status `to` when (its status, `to`) is an allowed move and
    `actor` may make it; stamps submitted_at / validated_at. WrongStatus otherwise; NotAllowed
    for someone who may not change it at all."""
    assessment = _locked(assessment, actor)
    if to not in AssessmentStatus.values:
        raise AssessmentInputError(
            [
                field_error(
                    "status",
                    _("Use one of: %(values)s.") % {"values": ", ".join(AssessmentStatus.values)},
                )
            ]
        )
    if assessment.status == to:
        return assessment
    who = TRANSITIONS.get((assessment.status, to))
    if who is None:
        raise WrongStatus(
            _("An assessment cannot move from %(from)s to %(to)s.")
            % {
                "from": AssessmentStatus(assessment.status).label,
                "to": AssessmentStatus(to).label,
            }
        )
    if who == "secretariat" and not may_validate(actor, assessment):
        raise WrongStatus(_("Only the network's secretariat validates an assessment."))
    before = snapshot(assessment)
    assessment.status = to
    stamp = STAMPS.get(to)
    if stamp:
        setattr(assessment, stamp, timezone.now())
    if to == AssessmentStatus.DRAFT:
        assessment.submitted_at = None
    assessment.save(update_fields=["status", "submitted_at", "validated_at", "updated_at"])
    record_saved(actor=actor, obj=assessment, before=before, after=snapshot(assessment))
    return assessment


# --- Import --------------------------------------------------------------------------------------


@transaction.atomic
def import_answers(*, assessment: Assessment, data, actor) -> Assessment:
    """The answers of an exported assessment (selectors.exported) written into `assessment`,
    all or nothing. The file must be of the same questionnaire; its State, dates and status are
    not taken."""
    if not isinstance(data, dict):
        raise AssessmentInputError(
            [field_error("", _("The file must hold one JSON object, as the export writes it."))]
        )
    code = data.get("questionnaire")
    if code != assessment.questionnaire:
        raise AssessmentInputError(
            [
                field_error(
                    "questionnaire",
                    _("The file is of the questionnaire %(theirs)s; this assessment uses %(ours)s.")
                    % {"theirs": code or "—", "ours": assessment.questionnaire},
                )
            ]
        )
    return save_answers(assessment=assessment, answers=data.get("answers"), actor=actor)
