"""Training endpoints: /api/v1/courses (API.md, part 10).

A course is seen by the people of its network's member States and its secretariat (every
signed-in user when it has no network) and run by the secretariat; one out of reach is a 404.
"""

import datetime
from decimal import Decimal
from typing import Annotated, Literal

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from ninja import Field, Path, Router, Schema, Status
from pydantic import StringConstraints

from comity.accounts.authentication import SessionOrToken
from comity.core import access, languages
from comity.core.errors import ERRORS, ApiError, ErrorOut, field_error
from comity.core.text import Email, IsoMoment, Line, Text
from comity.directory.models import Network
from comity.geo.codes import StateCodeOrEmpty
from comity.networks import certificates, training
from comity.networks import training_selectors as selectors
from comity.networks.models import Course
from comity.networks.schemas import NetworkCode
from comity.networks.vocabulary import EVALUATION_QUESTIONS, EnrolmentRole

courses_router = Router(auth=SessionOrToken())

Id = Annotated[int, Path(ge=1, le=2**63 - 1)]
Title = Annotated[Line, StringConstraints(min_length=1, max_length=300)]
LanguageCode = Literal["ar", "zh", "en", "fr", "ru", "es", "uk"]
# Hours of training, kept to the tenth of an hour.
Hours = Annotated[float, Field(gt=0, lt=1000)]


def _tenths(data: dict) -> dict:
    """The hours of a course as a decimal kept to the tenth of an hour."""
    if data.get("hours") is not None:
        data["hours"] = Decimal(str(round(data["hours"], 1)))
    return data


QuestionKey = Literal[tuple(key for key, _label in EVALUATION_QUESTIONS)]  # type: ignore[valid-type]


class CourseIn(Schema):
    network: str | None = Field(
        None, max_length=32, description="The network's code; none: no network"
    )
    title: Title
    description: Annotated[Text, StringConstraints(max_length=20_000)] = ""
    language: LanguageCode = "en"
    hours: Hours | None = None
    is_example: bool = False
    materials: list[Annotated[int, Field(ge=1, le=2**63 - 1)]] = Field(
        [], max_length=200, description="Library document ids"
    )


class CoursePatch(Schema):
    title: Title | None = None
    description: Annotated[Text, StringConstraints(max_length=20_000)] | None = None
    language: LanguageCode | None = None
    hours: Hours | None = None
    is_example: bool | None = None
    materials: list[Annotated[int, Field(ge=1, le=2**63 - 1)]] | None = Field(
        None, max_length=200, description="Library document ids: the whole list"
    )


class SessionOut(Schema):
    id: int
    title: str
    start: datetime.datetime
    end: datetime.datetime
    time_zone: str
    place: str
    online_url: str
    url: str


class EnrolmentOut(Schema):
    id: int
    role: EnrolmentRole
    name: str
    email: str | None = Field(..., description="Only for the course's secretariat")
    authority: str
    country: str | None
    sessions_attended: int


class CourseSummaryOut(Schema):
    id: int
    network: str | None
    title: str
    language: str
    hours: Decimal | None
    is_example: bool
    sessions: int
    trainees: int
    url: str


class CourseOut(Schema):
    id: int
    network: str | None
    title: str
    description: str
    language: str
    hours: Decimal | None
    is_example: bool
    materials: list[int]
    sessions: list[SessionOut]
    enrolments: list[EnrolmentOut]
    evaluations: int
    url: str


class SessionIn(Schema):
    title: Annotated[Line, StringConstraints(max_length=300)] = ""
    start: IsoMoment
    end: IsoMoment
    time_zone: Annotated[str, StringConstraints(min_length=1, max_length=64)] = "UTC"
    place: Annotated[Line, StringConstraints(max_length=300)] = ""
    online_url: Annotated[str, StringConstraints(pattern=r"^(https?://\S+)?$", max_length=500)] = ""


class EnrolmentIn(Schema):
    role: EnrolmentRole = EnrolmentRole.TRAINEE
    name: Annotated[Line, StringConstraints(max_length=200)] = ""
    email: Email = ""
    authority: Annotated[Line, StringConstraints(max_length=300)] = ""
    country: StateCodeOrEmpty = StateCodeOrEmpty.NONE
    user: Annotated[str, StringConstraints(max_length=254)] = Field(
        "", description="The e-mail address of a comity user to enrol (their details are used)"
    )


class AttendanceIn(Schema):
    session: Annotated[int, Field(ge=1, le=2**63 - 1)]
    enrolment: Annotated[int, Field(ge=1, le=2**63 - 1)]
    attendance: Literal["present", "absent", "excused", ""] = Field(
        ..., description='"" removes the mark'
    )


class AttendanceOut(Schema):
    session: int
    enrolment: int
    attendance: str
    changed: bool


class EvaluationIn(Schema):
    enrolment: Annotated[int, Field(ge=1, le=2**63 - 1)]
    scores: dict[QuestionKey, Annotated[int, Field(ge=1, le=5)]]
    comment: Annotated[Text, StringConstraints(max_length=5000)] = ""


class EvaluationOut(Schema):
    id: int
    enrolment: int
    scores: dict[str, int]
    comment: str
    submitted_at: datetime.datetime


class EvaluationQuestionOut(Schema):
    question: str
    label: str
    answers: int
    mean: Decimal | None
    distribution: dict[str, int] = Field(..., description='Answers per score, "1" to "5"')


class EvaluationSummaryOut(Schema):
    evaluations: int
    questions: list[EvaluationQuestionOut]
    comments: list[str]


def _course_out(course: Course, user) -> dict:
    managing = training.may_manage(user, course.network)
    sessions, rows = selectors.attendance_grid(course)
    present = {row.enrolment.pk: row.present for row in rows}
    return {
        "id": course.pk,
        "network": course.network.code if course.network_id else None,
        "title": course.title,
        "description": course.description,
        "language": course.language,
        "hours": course.hours,
        "is_example": course.is_example,
        "materials": sorted(course.materials.values_list("pk", flat=True)),
        "sessions": [
            {
                "id": s.pk,
                "title": s.title,
                "start": s.start,
                "end": s.end,
                "time_zone": s.time_zone,
                "place": s.place,
                "online_url": s.online_url,
                "url": s.get_absolute_url(),
            }
            for s in sessions
        ],
        "enrolments": [
            {
                "id": e.pk,
                "role": e.role,
                "name": e.name,
                "email": e.email if managing else None,
                "authority": e.authority_name,
                "country": e.country_id,
                "sessions_attended": present.get(e.pk, 0),
            }
            for e in selectors.enrolments(course)
        ],
        "evaluations": course.evaluations.count(),
        "url": course.get_absolute_url(),
    }


def _invalid(errors: list[dict]) -> ApiError:
    return ApiError(_("The input is not valid."), errors=errors)


def _managed(request, course_id: int) -> Course:
    return selectors.course_for(request.user, course_id, access.Permission.CHANGE)


@courses_router.get(
    "", response={200: list[CourseSummaryOut], **ERRORS}, summary="Courses you may see"
)
def list_courses(request, network: NetworkCode = ""):
    found = Network.objects.filter(code=network).first() if network else None
    if network and found is None:
        return []
    return [
        {
            "id": c.pk,
            "network": c.network.code if c.network_id else None,
            "title": c.title,
            "language": c.language,
            "hours": c.hours,
            "is_example": c.is_example,
            "sessions": c.session_count,
            "trainees": c.trainee_count,
            "url": c.get_absolute_url(),
        }
        for c in selectors.courses(request.user, network=found)[:500]
    ]


@courses_router.post(
    "",
    response={201: CourseOut, 403: ErrorOut, **ERRORS},
    summary="Create a course (the network's secretariat)",
)
def create_course(request, body: CourseIn):
    network = None
    if body.network:
        network = Network.objects.filter(code=body.network).first()
        if network is None:
            raise _invalid([field_error("network", _("There is no network with this code."))])
    if not training.may_manage(request.user, network):
        raise ApiError(_("Only the network's secretariat creates its courses."), status=403)
    data = _tenths(body.model_dump(exclude={"network", "materials"}))
    try:
        with transaction.atomic():  # a refused material leaves no course behind
            course = training.create_course(network=network, data=data, actor=request.user)
            if body.materials:
                training.set_materials(
                    course=course, document_ids=body.materials, actor=request.user
                )
    except training.TrainingInputError as exc:
        raise _invalid(exc.errors) from exc
    return Status(201, _course_out(course, request.user))


@courses_router.get("/{course_id}", response={200: CourseOut, **ERRORS}, summary="One course")
def get_course(request, course_id: Id):
    return _course_out(selectors.course_for(request.user, course_id), request.user)


@courses_router.patch(
    "/{course_id}", response={200: CourseOut, **ERRORS}, summary="Change a course"
)
def update_course(request, course_id: Id, body: CoursePatch):
    course = _managed(request, course_id)
    data = _tenths(body.model_dump(exclude_unset=True, exclude={"materials"}))
    for name in ("title", "language", "is_example"):
        if name in data and data[name] is None:
            raise _invalid([field_error(name, _("This field cannot be empty."))])
    try:
        with transaction.atomic():  # all of the change or none of it
            course = training.update_course(course=course, data=data, actor=request.user)
            if body.materials is not None:
                training.set_materials(
                    course=course, document_ids=body.materials, actor=request.user
                )
    except training.TrainingInputError as exc:
        raise _invalid(exc.errors) from exc
    return _course_out(course, request.user)


@courses_router.post(
    "/{course_id}/sessions",
    response={201: SessionOut, **ERRORS},
    summary="Add a session (an event of kind training)",
)
def add_session(request, course_id: Id, body: SessionIn):
    course = _managed(request, course_id)
    try:
        session = training.add_session(course=course, actor=request.user, **body.model_dump())
    except training.TrainingInputError as exc:
        raise _invalid(exc.errors) from exc
    return Status(
        201,
        {
            **body.model_dump(),
            "id": session.pk,
            "title": session.title,
            "url": session.get_absolute_url(),
        },
    )


@courses_router.post(
    "/{course_id}/enrolments",
    response={201: EnrolmentOut, **ERRORS},
    summary="Enrol a trainer or trainee",
)
def enrol(request, course_id: Id, body: EnrolmentIn):
    course = _managed(request, course_id)
    user = None
    if body.user:
        user = get_user_model().objects.filter(email__iexact=body.user, is_active=True).first()
        if user is None:
            raise _invalid([field_error("user", _("No active comity user has this address."))])
    try:
        enrolment = training.enrol(
            course=course,
            actor=request.user,
            role=body.role,
            name=body.name,
            email=body.email,
            authority=body.authority,
            country=body.country.value,
            user=user,
        )
    except training.TrainingInputError as exc:
        raise _invalid(exc.errors) from exc
    return Status(
        201,
        {
            "id": enrolment.pk,
            "role": enrolment.role,
            "name": enrolment.name,
            "email": enrolment.email,
            "authority": enrolment.authority_name,
            "country": enrolment.country_id,
            "sessions_attended": 0,
        },
    )


@courses_router.post(
    "/{course_id}/attendance",
    response={200: AttendanceOut, **ERRORS},
    summary="Record a trainee's attendance at a session",
)
def record_attendance(request, course_id: Id, body: AttendanceIn):
    course = _managed(request, course_id)
    try:
        changed = training.record_attendance(
            course=course,
            marks={(body.enrolment, body.session): body.attendance},
            actor=request.user,
        )
    except training.TrainingInputError as exc:
        raise _invalid(exc.errors) from exc
    return {
        "session": body.session,
        "enrolment": body.enrolment,
        "attendance": body.attendance,
        "changed": bool(changed),
    }


@courses_router.post(
    "/{course_id}/evaluations",
    response={201: EvaluationOut, 409: ErrorOut, **ERRORS},
    summary="Submit a trainee's evaluation (the trainee, or the secretariat for a paper form)",
)
def submit_evaluation(request, course_id: Id, body: EvaluationIn):
    course = selectors.course_for(request.user, course_id)
    # A trainee named in the body who is not in the course is bad input, not a missing page.
    enrolment = course.enrolments.filter(pk=body.enrolment).first()
    if enrolment is None:
        raise _invalid([field_error("enrolment", _("This person is not enrolled in this course."))])
    if not training.may_evaluate(request.user, enrolment):
        raise ApiError(_("Not found."), status=404)
    if hasattr(enrolment, "evaluation"):
        raise ApiError(
            _("%(name)s has already evaluated this course.") % {"name": enrolment.name},
            status=409,
        )
    try:
        evaluation = training.submit_evaluation(
            course=course,
            enrolment=enrolment,
            scores=dict(body.scores),
            comment=body.comment,
            actor=request.user,
        )
    except PermissionDenied as exc:
        raise ApiError(_("Not found."), status=404) from exc
    except training.TrainingInputError as exc:
        raise _invalid(exc.errors) from exc
    return Status(
        201,
        {
            "id": evaluation.pk,
            "enrolment": enrolment.pk,
            "scores": evaluation.scores,
            "comment": evaluation.comment,
            "submitted_at": evaluation.submitted_at,
        },
    )


@courses_router.get(
    "/{course_id}/evaluations/summary",
    response={200: EvaluationSummaryOut, **ERRORS},
    summary="The evaluations aggregated: per question the answers, mean and distribution",
)
def evaluation_summary(request, course_id: Id):
    summary = selectors.evaluation_summary(selectors.course_for(request.user, course_id))
    return {
        "evaluations": summary.evaluations,
        "questions": [
            {
                "question": q.key,
                "label": q.label,
                "answers": q.answers,
                "mean": q.mean,
                "distribution": {str(score): count for score, count in q.distribution},
            }
            for q in summary.questions
        ],
        "comments": summary.comments,
    }


@courses_router.get(
    "/{course_id}/certificates/{enrolment_id}",
    response={200: None, 409: ErrorOut, **ERRORS},
    summary="A trainee's certificate of attendance (PDF)",
    description="For the course's secretariat and the trainee. 409 when the trainee attended "
    "no session.",
    openapi_extra={"responses": {200: {"content": {"application/pdf": {}}}}},
)
def certificate(request, course_id: Id, enrolment_id: Id, lang: LanguageCode = "en"):
    course = selectors.course_for(request.user, course_id)
    enrolment = selectors.enrolment_for(course, enrolment_id)
    if not (
        training.may_manage(request.user, course.network) or enrolment.user_id == request.user.pk
    ):
        raise ApiError(_("Not found."), status=404)
    try:
        data = certificates.certificate_pdf(enrolment, language=languages.supported(lang))
    except certificates.NoAttendance as exc:
        raise ApiError(str(exc), status=409) from exc
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        True, certificates.file_name(enrolment, lang)
    )
    return response
