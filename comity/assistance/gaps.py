"""What a project needs to know about the gaps it addresses, read from the assessments app.

A gap is an answer of a needs assessment scored below the top of its questionnaire's scale (or
not scored): the assessments app says which (`selectors.gaps`, `selectors.gap_status`). A gap
closed when a later assessment of the same State and questionnaire scored the question at the
top. The words of the question come from its questionnaire file; when the file no longer has
the question, the question's code stands in for them.
"""

from dataclasses import dataclass

from django.db.models import Q

from comity.assessments import questionnaires
from comity.assessments import selectors as assessment_selectors
from comity.assessments.models import Answer, Assessment
from comity.assessments.vocabulary import AssessmentStatus

CLOSED, OPEN, UNKNOWN = (
    assessment_selectors.CLOSED,
    assessment_selectors.OPEN,
    assessment_selectors.UNKNOWN,
)


@dataclass(frozen=True)
class Gap:
    """One gap as a project shows it."""

    answer: Answer
    area: str  # the area's title in the active language (its code when unknown)
    question: str  # the question's code
    text: str  # the question in the active language (its code when unknown)
    article: str
    score: int | None  # at the time of the assessment
    top: int | None  # the top of the scale
    status: str  # closed, open or unknown

    @property
    def assessment(self) -> Assessment:
        return self.answer.assessment


def gaps_of(assessment: Assessment) -> list[Answer]:
    """The answers of one assessment that are gaps (scored below the top of the scale, or not
    scored), in the order of the questionnaire. A question with no answer at all cannot be
    addressed by a project until it is answered."""
    try:
        found = assessment_selectors.gaps(assessment)
    except LookupError:  # its questionnaire file is gone
        return []
    return [gap.answer for gap in (*found.open, *found.unknown) if gap.answer is not None]


def is_gap(answer: Answer) -> bool:
    return assessment_selectors.gap_status(answer) != CLOSED


def status_of(answer: Answer) -> str:
    """Whether the gap of `answer` closed: its question in the latest later assessment of the
    same State and questionnaire, run in the same network and submitted or validated (a draft
    proves nothing), that scored it: "closed" at the top of the scale, "open" below, "unknown"
    when no later assessment scored it."""
    later = (
        Answer.objects.filter(
            assessment__state_id=answer.assessment.state_id,
            assessment__questionnaire=answer.assessment.questionnaire,
            assessment__network_id=answer.assessment.network_id,
            assessment__status__in=(AssessmentStatus.SUBMITTED, AssessmentStatus.VALIDATED),
            question=answer.question,
            score__isnull=False,
        )
        .filter(
            Q(assessment__as_of__gt=answer.assessment.as_of)
            | Q(
                assessment__as_of=answer.assessment.as_of,
                assessment__created_at__gt=answer.assessment.created_at,
            )
        )
        .select_related("assessment")
        .order_by("-assessment__as_of", "-assessment__created_at", "-pk")
        .first()
    )
    if later is None:
        return UNKNOWN
    status = assessment_selectors.gap_status(later)
    return status if status in (CLOSED, OPEN) else UNKNOWN


def described(answer: Answer, *, status: str | None = None) -> Gap:
    """`answer` with the words of its question, for a page, an export or the API."""
    questionnaire = questionnaires.get(answer.assessment.questionnaire)
    question = questionnaire.questions.get(answer.question) if questionnaire else None
    area = questionnaire.area(question.area) if question else None
    return Gap(
        answer=answer,
        area=area.title_in() if area else (question.area if question else ""),
        question=answer.question,
        text=question.text_in() if question else answer.question,
        article=question.article if question else "",
        score=answer.score,
        top=questionnaire.top if questionnaire else None,
        status=status_of(answer) if status is None else status,
    )
