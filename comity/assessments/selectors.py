"""Reading needs assessments: what a user may see, the gaps, the scores per area, the heat map of
a network, and the comparison with a State's previous assessment.

A question not assessed (no answer, or an answer without a score) is *unknown*: it is listed
apart from the gaps and never counted as 0 in a mean. The technical-assistance projects
(comity.assistance) read `gaps` and `gap_status`; their names and answers are stable.
"""

from dataclasses import dataclass, field
from statistics import mean

from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from comity.assessments import questionnaires
from comity.assessments.models import Answer, Assessment
from comity.assessments.questionnaires import Area, Question, Questionnaire
from comity.assessments.services import current_member_states
from comity.assessments.vocabulary import AssessmentStatus, EvidenceKind
from comity.core import access
from comity.directory.models import Network
from comity.library.models import Document

CLOSED, OPEN, UNKNOWN = "closed", "open", "unknown"


class Change:
    """How a question moved between two assessments of the same State and questionnaire."""

    CLOSED = "closed"  # a gap before, at the top of the scale now
    STILL_OPEN = "still_open"  # a gap before and now
    NEW = "new"  # at the top (or not assessed) before, a gap now
    MET = "met"  # no gap now, none known before
    UNKNOWN = "unknown"  # not assessed now


# --- What a user may see -----------------------------------------------------------------------


def visible(user):
    """The assessments `user` may see (access.StateWork), newest first."""
    return (
        Assessment.objects.restrict(user)
        .select_related("state", "network")
        .order_by("-as_of", "-created_at", "-pk")
    )


def listed(user, *, state: str = "", network: str = "", questionnaire: str = ""):
    found = visible(user).annotate(answered=Count("answers__score"))
    if state:
        found = found.filter(state_id=state)
    if network:
        found = found.filter(network__code=network)
    if questionnaire:
        found = found.filter(questionnaire=questionnaire)
    return found


def assessment_for(user, pk) -> Assessment:
    """The assessment, if `user` may see it (404 otherwise)."""
    return get_object_or_404(visible(user), pk=pk)


def writable_for(user, pk) -> Assessment:
    """The assessment, if `user` may change it (404 otherwise, even when they may see it)."""
    return get_object_or_404(
        Assessment.objects.restrict(user, access.Permission.CHANGE).select_related(
            "state", "network"
        ),
        pk=pk,
    )


def startable_states(user) -> set[str] | None:
    """The States `user` may start an assessment of: None for every State (site admins)."""
    if access.is_site_admin(user):
        return None
    states = set()
    if access.may_write(user):
        states.add(user.authority.country_id)
    for network_id in access.network_ids(user)[1]:
        states |= current_member_states(network_id)
    return states


def startable_networks(user):
    """The networks an assessment may be started within: the user's State's and those whose
    secretariat the user is on (every network for site admins)."""
    if access.is_site_admin(user):
        return Network.objects.all()
    members, secretariat = access.network_ids(user)
    return Network.objects.filter(pk__in=members | secretariat)


def network_for(user, code: str) -> Network:
    """A network whose business `user` may see: its member States' people, its secretariat, site
    admins (404 otherwise)."""
    network = get_object_or_404(Network, code=code)
    if access.is_site_admin(user):
        return network
    members, secretariat = access.network_ids(user)
    if network.pk not in members | secretariat:
        raise Http404
    return network


def questionnaire_of(assessment: Assessment) -> Questionnaire | None:
    return questionnaires.get(assessment.questionnaire)


def answers_of(assessment: Assessment) -> dict[str, Answer]:
    return {a.question: a for a in assessment.answers.all()}


# --- Gaps ----------------------------------------------------------------------------------------


@dataclass
class Gap:
    """A question below the top of the scale (or not assessed), with its answer."""

    area: Area
    question: Question
    answer: Answer | None
    level: questionnaires.Level | None  # the score's level; None when not assessed

    @property
    def score(self) -> int | None:
        return self.answer.score if self.answer else None


@dataclass
class Gaps:
    """`open`: questions scored below the top of the scale; `unknown`: questions not assessed.
    Both in the order of the questionnaire."""

    questionnaire: Questionnaire
    open: list[Gap] = field(default_factory=list)
    unknown: list[Gap] = field(default_factory=list)


def gap_status(answer: Answer | None, questionnaire: Questionnaire | None = None) -> str:
    """ "closed" (scored at the top of the scale), "open" (scored lower) or "unknown" (no
    answer, or no score). Stable: comity.assistance says with it whether a project's gaps
    closed. `questionnaire` defaults to the answer's assessment's."""
    if answer is None or answer.score is None:
        return UNKNOWN
    questionnaire = questionnaire or questionnaires.get(answer.assessment.questionnaire)
    if questionnaire is None:
        return UNKNOWN
    return CLOSED if answer.score >= questionnaire.top else OPEN


def gaps(assessment: Assessment) -> Gaps:
    """The gaps of an assessment: Gaps(open=[...], unknown=[...]), each a Gap(area, question,
    answer, level). A question not assessed is in `unknown`, never in `open` with 0. Stable:
    comity.assistance lists a project's gaps from it."""
    questionnaire = questionnaire_of(assessment)
    if questionnaire is None:
        raise LookupError(f"questionnaire {assessment.questionnaire!r} is missing")
    answers = answers_of(assessment)
    found = Gaps(questionnaire=questionnaire)
    for area in questionnaire.areas:
        for question in area.questions:
            answer = answers.get(question.code)
            status = gap_status(answer, questionnaire)
            if status == OPEN:
                found.open.append(Gap(area, question, answer, questionnaire.level(answer.score)))
            elif status == UNKNOWN:
                found.unknown.append(Gap(area, question, answer, None))
    return found


@dataclass
class AreaScore:
    area: Area
    score: float | None  # the mean of the answered questions; None when none is answered
    answered: int
    questions: int


def area_scores(assessment: Assessment, answers: dict | None = None) -> list[AreaScore]:
    """Per area, the mean score of its answered questions (None when nothing is answered: not
    assessed is not 0)."""
    questionnaire = questionnaire_of(assessment)
    if questionnaire is None:
        return []
    answers = answers_of(assessment) if answers is None else answers
    out = []
    for area in questionnaire.areas:
        scores = [
            answers[q.code].score
            for q in area.questions
            if q.code in answers and answers[q.code].score is not None
        ]
        out.append(
            AreaScore(
                area=area,
                score=round(mean(scores), 2) if scores else None,
                answered=len(scores),
                questions=len(area.questions),
            )
        )
    return out


# --- Comparison with the previous assessment ---------------------------------------------------


def previous(assessment: Assessment, user=None) -> Assessment | None:
    """The assessment of the same State and questionnaire just before this one (by date), among
    those `user` may see (any, when no user is given)."""
    found = Assessment.objects.restrict(user) if user is not None else Assessment.objects.all()
    return (
        found.filter(state_id=assessment.state_id, questionnaire=assessment.questionnaire)
        .exclude(pk=assessment.pk)
        .filter(as_of__lte=assessment.as_of)
        .exclude(as_of=assessment.as_of, created_at__gt=assessment.created_at)
        .order_by("-as_of", "-created_at", "-pk")
        .first()
    )


@dataclass
class Compared:
    area: Area
    question: Question
    before: str  # gap_status in the earlier assessment
    after: str  # gap_status now
    change: str  # Change.*
    score_before: int | None
    score_after: int | None


def compare(assessment: Assessment, earlier: Assessment | None) -> list[Compared]:
    """Each question of `assessment`, with its status in `earlier` and how it changed: a gap
    closed, still open, new, or not assessed now. Without an earlier assessment, every gap is
    new."""
    questionnaire = questionnaire_of(assessment)
    if questionnaire is None:
        return []
    now = answers_of(assessment)
    then = answers_of(earlier) if earlier is not None else {}
    out = []
    for area in questionnaire.areas:
        for question in area.questions:
            a, b = then.get(question.code), now.get(question.code)
            before, after = gap_status(a, questionnaire), gap_status(b, questionnaire)
            if after == UNKNOWN:
                change = Change.UNKNOWN
            elif after == CLOSED:
                change = Change.CLOSED if before == OPEN else Change.MET
            else:
                change = Change.STILL_OPEN if before == OPEN else Change.NEW
            out.append(
                Compared(
                    area,
                    question,
                    before,
                    after,
                    change,
                    a.score if a else None,
                    b.score if b else None,
                )
            )
    return out


# --- The heat map of a network --------------------------------------------------------------------

PREFERRED = (AssessmentStatus.VALIDATED, AssessmentStatus.SUBMITTED)


@dataclass
class MapRow:
    state: str
    assessment: Assessment | None  # None: no assessment
    scores: dict[str, float | None]  # area code -> mean score (None: nothing answered)
    # area code -> (questions answered, questions): a mean of some questions only is not the
    # area's score, and the map says so
    answered: dict[str, tuple[int, int]] = field(default_factory=dict)


@dataclass
class HeatMap:
    network: Network
    questionnaire: Questionnaire | None
    rows: list[MapRow]

    @property
    def states(self) -> list[str]:
        return [row.state for row in self.rows]


def default_questionnaire(network: Network) -> Questionnaire | None:
    """The questionnaire most of the network's assessments use, else the first there is."""
    used = (
        Assessment.objects.filter(network=network)
        .values("questionnaire")
        .annotate(n=Count("pk"))
        .order_by("-n", "questionnaire")
    )
    for row in used:
        found = questionnaires.get(row["questionnaire"])
        if found is not None:
            return found
    available = questionnaires.available()
    return available[0] if available else None


def heat_map(user, network: Network, questionnaire: Questionnaire | None = None) -> HeatMap:
    """The network's current member States x the questionnaire's areas: each State's latest
    assessment run within the network that `user` may see (the latest validated or submitted
    one, else the latest draft) and its mean score per area. A State without an assessment has
    no scores at all (not zeros)."""
    questionnaire = questionnaire or default_questionnaire(network)
    states = sorted(current_member_states(network))
    if questionnaire is None:
        return HeatMap(network, None, [MapRow(state, None, {}) for state in states])
    candidates = (
        Assessment.objects.restrict(user)
        .filter(network=network, questionnaire=questionnaire.code, state_id__in=states)
        .order_by("-as_of", "-created_at", "-pk")
    )
    chosen: dict[str, Assessment] = {}
    for assessment in candidates:
        kept = chosen.get(assessment.state_id)
        if kept is None or (kept.status not in PREFERRED and assessment.status in PREFERRED):
            chosen[assessment.state_id] = assessment
    answers: dict[int, dict[str, Answer]] = {a.pk: {} for a in chosen.values()}
    for answer in Answer.objects.filter(assessment_id__in=answers):
        answers[answer.assessment_id][answer.question] = answer
    rows = []
    for state in states:
        assessment = chosen.get(state)
        if assessment is None:
            rows.append(MapRow(state, None, {}))
            continue
        per_area = area_scores(assessment, answers[assessment.pk])
        scores = {s.area.code: s.score for s in per_area}
        counts = {s.area.code: (s.answered, s.questions) for s in per_area}
        rows.append(MapRow(state, assessment, scores, counts))
    return HeatMap(network, questionnaire, rows)


BANDS = 4  # CSS classes heat-0 .. heat-3


def band(score: float | None, questionnaire: Questionnaire) -> str:
    """The CSS class of a mean score: heat-0 (lowest) to heat-3 (top of the scale), heat-none."""
    if score is None:
        return "heat-none"
    span = questionnaire.top - questionnaire.bottom
    share = (score - questionnaire.bottom) / span if span else 1.0
    return f"heat-{min(BANDS - 1, max(0, int(share * (BANDS - 1) + 1e-9)))}"


# --- Export ----------------------------------------------------------------------------------------


def shown_evidence(evidence: list, user, *, keep_ref: bool = False) -> list[dict]:
    """Evidence as `user` may see it: a library document they may not read is named only as
    such (its title stays hidden; its key too, unless `keep_ref` for someone who keeps the
    assessment and must not lose the item on the next save)."""
    keys = {e.get("ref") for e in evidence if e.get("kind") == EvidenceKind.LEGISLATION}
    if not keys:
        return list(evidence)
    readable = set(
        Document.objects.restrict(user).filter(key__in=keys).values_list("key", flat=True)
    )
    shown = []
    for item in evidence:
        if item.get("kind") == EvidenceKind.LEGISLATION and item.get("ref") not in readable:
            item = {
                **item,
                "label": str(_("A library document you may not read")),
                "ref": item.get("ref", "") if keep_ref else "",
            }
        shown.append(item)
    return shown


def exported(assessment: Assessment, user=None) -> dict:
    """The assessment as JSON: what the import (services.import_answers) reads back; evidence
    as `user` may see it."""
    return {
        "questionnaire": assessment.questionnaire,
        "version": assessment.questionnaire_version,
        "state": assessment.state_id,
        "network": assessment.network.code if assessment.network_id else None,
        "as_of": assessment.as_of.isoformat(),
        "status": assessment.status,
        "answers": [
            {
                "question": a.question,
                "score": a.score,
                "evidence": shown_evidence(a.evidence, user) if user else a.evidence,
                "comment": a.comment,
            }
            for a in assessment.answers.all()
        ],
    }
