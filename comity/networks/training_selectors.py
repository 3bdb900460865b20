"""Reads of a network's training: the courses a user may see, a course's sessions, attendance
grid and certificates, and the aggregate of its evaluations."""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Max, Min, Q
from django.shortcuts import get_object_or_404

from comity.core import access
from comity.directory.models import Network
from comity.networks.models import Course, Enrolment, Evaluation, SessionAttendance
from comity.networks.vocabulary import (
    EVALUATION_QUESTIONS,
    EVALUATION_SCALE,
    Attendance,
    EnrolmentRole,
)


def courses(user, *, network: Network | None = None):
    """The courses `user` may see, newest first, with their number of sessions and trainees and
    the days of their first and last session."""
    queryset = Course.objects.restrict(user).select_related("network")
    if network is not None:
        queryset = queryset.filter(network=network)
    return queryset.annotate(
        session_count=Count("sessions", distinct=True),
        trainee_count=Count(
            "enrolments", filter=Q(enrolments__role=EnrolmentRole.TRAINEE), distinct=True
        ),
        first_start=Min("sessions__start"),
        last_end=Max("sessions__end"),
    )


def course_for(user, pk, permission: str = access.Permission.VIEW) -> Course:
    """The course, if `user` may see it (or change it, with permission "change"); 404 otherwise."""
    return get_object_or_404(
        Course.objects.restrict(user, permission).select_related("network", "created_by"), pk=pk
    )


def course_networks(user) -> list[Network]:
    """The networks of the courses `user` sees, for the list's filter."""
    ids = Course.objects.restrict(user).exclude(network=None).values("network_id")
    return list(Network.objects.filter(pk__in=ids).order_by("code"))


def managed_networks(user) -> list[Network]:
    """The networks whose courses `user` may create (their secretariat; every one for site
    admins)."""
    if access.is_site_admin(user):
        return list(Network.objects.order_by("code"))
    secretariat = access.network_ids(user)[1]
    return list(Network.objects.filter(pk__in=secretariat).order_by("code"))


def sessions(course: Course) -> list:
    return list(course.sessions.order_by("start", "pk"))


def enrolments(course: Course) -> list[Enrolment]:
    return list(course.enrolments.select_related("country", "user").order_by("role", "name", "pk"))


def trainees(course: Course) -> list[Enrolment]:
    return [e for e in enrolments(course) if e.role == EnrolmentRole.TRAINEE]


def enrolment_for(course: Course, pk) -> Enrolment:
    return get_object_or_404(course.enrolments.select_related("country", "user"), pk=pk)


def marks(course: Course) -> dict[tuple[int, int], str]:
    """(enrolment id, session id) -> attendance, for the recorded marks of `course`."""
    return {
        (enrolment_id, session_id): mark
        for enrolment_id, session_id, mark in SessionAttendance.objects.filter(
            enrolment__course=course
        ).values_list("enrolment_id", "session_id", "attendance")
    }


@dataclass
class GridRow:
    enrolment: Enrolment
    cells: list = field(default_factory=list)  # (session, mark) in session order
    present: int = 0


def attendance_grid(course: Course) -> tuple[list, list[GridRow]]:
    """(sessions, one row per trainee with their mark at each session)."""
    all_sessions = sessions(course)
    recorded = marks(course)
    rows = []
    for enrolment in trainees(course):
        row = GridRow(enrolment)
        for session in all_sessions:
            mark = recorded.get((enrolment.pk, session.pk), "")
            row.cells.append((session, mark))
            row.present += mark == Attendance.PRESENT
        rows.append(row)
    return all_sessions, rows


def attended_sessions(enrolment: Enrolment) -> list:
    """The sessions `enrolment` was present at, in order."""
    return list(
        enrolment.course.sessions.filter(
            pk__in=SessionAttendance.objects.filter(
                enrolment=enrolment, attendance=Attendance.PRESENT
            ).values("session_id")
        ).order_by("start", "pk")
    )


def certified_trainees(course: Course) -> list[Enrolment]:
    """The trainees who attended at least one session: those who get a certificate."""
    present = SessionAttendance.objects.filter(
        enrolment__course=course, attendance=Attendance.PRESENT
    ).values("enrolment_id")
    return list(
        course.enrolments.filter(role=EnrolmentRole.TRAINEE, pk__in=present)
        .select_related("country")
        .order_by("name", "pk")
    )


def evaluable_enrolments(user, course: Course, *, managing: bool) -> list[Enrolment]:
    """The trainees of `course` whose evaluation `user` may still submit: every one for the
    course's managers, otherwise the user's own enrolment."""
    queryset = course.enrolments.filter(role=EnrolmentRole.TRAINEE, evaluation__isnull=True)
    if not managing:
        if not user.is_authenticated:
            return []
        queryset = queryset.filter(user=user)
    return list(queryset.order_by("name", "pk"))


# --- Evaluation results ---------------------------------------------------------------------------


@dataclass
class QuestionResult:
    key: str
    label: str
    answers: int
    mean: Decimal | None
    distribution: list[tuple[int, int]]  # (score, count) for 1..5


@dataclass
class EvaluationSummary:
    evaluations: int
    questions: list[QuestionResult]
    comments: list[str]


def _mean(total: int, count: int) -> Decimal | None:
    if not count:
        return None
    return (Decimal(total) / Decimal(count)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def evaluation_summary(course: Course) -> EvaluationSummary:
    """Per question of the form: how many answered, the mean score (2 decimals) and how many
    gave each score from 1 to 5; the comments, newest first."""
    rows = list(
        Evaluation.objects.filter(course=course)
        .order_by("-submitted_at", "-pk")
        .values_list("scores", "comment")
    )
    questions = []
    for key, label in EVALUATION_QUESTIONS:
        counts = dict.fromkeys(EVALUATION_SCALE, 0)
        for scores, _comment in rows:
            value = scores.get(key) if isinstance(scores, dict) else None
            if isinstance(value, int) and value in counts:
                counts[value] += 1
        answers = sum(counts.values())
        total = sum(score * n for score, n in counts.items())
        questions.append(
            QuestionResult(key, str(label), answers, _mean(total, answers), list(counts.items()))
        )
    comments = [comment for _scores, comment in rows if comment.strip()]
    return EvaluationSummary(len(rows), questions, comments)
