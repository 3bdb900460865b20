"""Writes of a network's training: courses, their sessions (events of kind "training"), their
materials, trainers and trainees, attendance per session and the trainees' evaluations.

Each function is keyword-only, runs in one transaction and writes its audit entry. Who may call
them is checked by the caller (pages and API) with `may_manage`, except `submit_evaluation`,
which a trainee may call for their own enrolment (`may_evaluate`).
"""

import csv
import datetime
import io
from decimal import Decimal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from comity.audit.models import Action
from comity.audit.services import record, record_saved
from comity.core import access, languages
from comity.core.errors import field_error, model_errors
from comity.core.text import clean_text
from comity.directory.models import Network
from comity.geo.models import Country
from comity.library.models import Document
from comity.networks.models import Course, Enrolment, Evaluation, Event, SessionAttendance
from comity.networks.vocabulary import (
    EVALUATION_QUESTIONS,
    EVALUATION_SCALE,
    Attendance,
    EnrolmentRole,
    MeetingKind,
)

COURSE_FIELDS = ("title", "description", "language", "hours", "is_example")
CSV_COLUMNS = ("name", "email", "authority", "country", "role")
MAX_IMPORT_ROWS = 2000


class TrainingInputError(Exception):
    """What is wrong with the input: [{"field", "message"}], with "row" for an import."""

    def __init__(self, errors: list[dict]):
        super().__init__("; ".join(f"{e['field']}: {e['message']}" for e in errors))
        self.errors = errors


def may_manage(user, network: Network | None) -> bool:
    """A course of a network is run by its secretariat (and site admins); a course without a
    network by site admins."""
    if network is None:
        return access.is_site_admin(user)
    return access.is_secretary(user, network.pk)


def may_evaluate(user, enrolment: Enrolment) -> bool:
    """The course's managers (typing in a paper form) and the trainee, for their own enrolment."""
    if may_manage(user, enrolment.course.network):
        return True
    return bool(user.is_authenticated and enrolment.user_id == user.pk)


def _actor_or_none(actor):
    return actor if getattr(actor, "pk", None) else None


# --- Courses ------------------------------------------------------------------------------------


def course_state(course: Course) -> dict:
    return {
        "network": course.network.code if course.network_id else None,
        "title": course.title,
        "description": course.description,
        "language": course.language,
        "hours": str(course.hours) if course.hours is not None else None,
        "is_example": course.is_example,
    }


def _check_course(data: dict) -> dict:
    """The course fields of `data`, cleaned; TrainingInputError when one is wrong."""
    errors, out = [], {}
    if "title" in data:
        out["title"] = (data["title"] or "").strip()
        if not out["title"]:
            errors.append(field_error("title", _("Give the course a title.")))
        elif len(out["title"]) > 300:
            errors.append(field_error("title", _("Too long: at most 300 characters.")))
    if "description" in data:
        out["description"] = (data["description"] or "").strip()
    if "language" in data:
        code = (data["language"] or "").strip().lower()
        if code not in languages.CODES:
            errors.append(
                field_error(
                    "language",
                    _("Use one of: %(codes)s.") % {"codes": ", ".join(languages.CODES)},
                )
            )
        out["language"] = code
    if "hours" in data:
        hours = data["hours"]
        if hours in ("", None):
            out["hours"] = None
        else:
            try:
                hours = Decimal(str(hours)).quantize(Decimal("0.1"))
            except ArithmeticError:
                hours = None
                errors.append(field_error("hours", _("Give the hours as a number, e.g. 12.5.")))
            if hours is not None and not (Decimal(0) < hours < Decimal(10000)):
                errors.append(field_error("hours", _("Give a number of hours from 0.1 to 9999.")))
            out["hours"] = hours
    if "is_example" in data:
        out["is_example"] = bool(data["is_example"])
    if errors:
        raise TrainingInputError(errors)
    return out


@transaction.atomic
def create_course(*, network: Network | None, data: dict, actor) -> Course:
    """A new course of `network` (or of no network) from `data` (title, description, language,
    hours, is_example). Only the network's secretariat (site admins without a network)."""
    if not may_manage(actor, network):
        raise PermissionDenied(_("Only the network's secretariat creates its courses."))
    cleaned = _check_course({"title": "", **data})
    course = Course.objects.create(network=network, created_by=_actor_or_none(actor), **cleaned)
    record_saved(actor=actor, obj=course, before=None, after=course_state(course))
    return course


@transaction.atomic
def update_course(*, course: Course, data: dict, actor) -> Course:
    """Change the fields of `course` given in `data`; the others stay."""
    course = Course.objects.select_for_update().get(pk=course.pk)
    before = course_state(course)
    for name, value in _check_course({k: v for k, v in data.items() if k in COURSE_FIELDS}).items():
        setattr(course, name, value)
    course.save()
    record_saved(actor=actor, obj=course, before=before, after=course_state(course))
    return course


# --- Sessions -----------------------------------------------------------------------------------


def session_state(session: Event) -> dict:
    return {
        "course": session.course_id,
        "title": session.title,
        "start": session.start.isoformat(),
        "end": session.end.isoformat(),
        "time_zone": session.time_zone,
        "place": session.place,
        "online_url": session.online_url,
    }


def zone_or_error(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise TrainingInputError(
            [field_error("time_zone", _("Give a time zone such as Africa/Accra or UTC."))]
        ) from exc


@transaction.atomic
def add_session(
    *,
    course: Course,
    title: str,
    start: datetime.datetime,
    end: datetime.datetime,
    actor,
    time_zone: str = "UTC",
    place: str = "",
    online_url: str = "",
    description: str = "",
) -> Event:
    """A session of `course`: an event of kind "training" of the course's network. `start` and
    `end` are timezone-aware; `time_zone` is the zone the session is held in (its dates on the
    certificate are that zone's)."""
    errors = []
    title = (title or "").strip() or course.title
    if start is None or start.tzinfo is None:
        errors.append(field_error("start", _("Give the start with its time zone.")))
    if end is None or end.tzinfo is None:
        errors.append(field_error("end", _("Give the end with its time zone.")))
    elif start is not None and start.tzinfo is not None and end < start:
        errors.append(field_error("end", _("The session must end after it starts.")))
    try:
        zone_or_error(time_zone or "UTC")
    except TrainingInputError as exc:
        errors.extend(exc.errors)
    if errors:
        raise TrainingInputError(errors)
    session = Event(
        network=course.network,
        course=course,
        kind=MeetingKind.TRAINING,
        title=title[:300],
        description=(description or "").strip(),
        start=start,
        end=end,
        time_zone=time_zone or "UTC",
        place=(place or "").strip(),
        online_url=(online_url or "").strip(),
        is_example=course.is_example,
        created_by=_actor_or_none(actor),
    )
    try:
        session.full_clean()
    except ValidationError as exc:
        raise TrainingInputError(model_errors(exc)) from exc
    session.save()
    record_saved(actor=actor, obj=session, before=None, after=session_state(session))
    return session


# --- Materials ----------------------------------------------------------------------------------


@transaction.atomic
def add_material(*, course: Course, document_id: int, actor) -> Document:
    """Link a library document the actor may read to the course."""
    document = Document.objects.restrict(actor).filter(pk=document_id).first()
    if document is None:
        raise TrainingInputError(
            [
                field_error(
                    "document",
                    _("There is no library document %(id)s you may read.") % {"id": document_id},
                )
            ]
        )
    if not course.materials.filter(pk=document.pk).exists():
        course.materials.add(document)
        record(
            actor=actor,
            action=Action.UPDATE,
            obj=course,
            before=None,
            after={"material_added": document.pk, "title": document.title},
        )
    return document


@transaction.atomic
def remove_material(*, course: Course, document_id: int, actor) -> None:
    if course.materials.filter(pk=document_id).exists():
        course.materials.remove(document_id)
        record(
            actor=actor,
            action=Action.UPDATE,
            obj=course,
            before={"material": document_id},
            after={"material_removed": document_id},
        )


@transaction.atomic
def set_materials(*, course: Course, document_ids: list[int], actor) -> None:
    """The course's materials become exactly `document_ids` (each readable by the actor)."""
    current = set(course.materials.values_list("pk", flat=True))
    wanted = list(dict.fromkeys(document_ids))
    readable = set(
        Document.objects.restrict(actor).filter(pk__in=wanted).values_list("pk", flat=True)
    )
    missing = [pk for pk in wanted if pk not in readable and pk not in current]
    if missing:
        raise TrainingInputError(
            [
                field_error(
                    "materials",
                    _("There is no library document %(id)s you may read.")
                    % {"id": ", ".join(str(pk) for pk in missing)},
                )
            ]
        )
    for pk in wanted:
        if pk not in current:
            add_material(course=course, document_id=pk, actor=actor)
    for pk in current - set(wanted):
        remove_material(course=course, document_id=pk, actor=actor)


# --- Enrolments ---------------------------------------------------------------------------------


def enrolment_state(enrolment: Enrolment) -> dict:
    return {
        "course": enrolment.course_id,
        "role": enrolment.role,
        "name": enrolment.name,
        "email": enrolment.email,
        "authority": enrolment.authority_name,
        "country": enrolment.country_id,
        "user": enrolment.user.get_username() if enrolment.user_id else None,
    }


def _person_errors(course: Course, person: dict, *, taken: set[str]) -> list[dict]:
    """What is wrong with one person to enrol (the cleaned values are written back into
    `person`); `taken` holds the e-mail addresses already enrolled."""
    errors = []
    user = person.get("user")
    for name, limit in (("name", 200), ("email", 254), ("authority", 300)):
        value = person.get(name) or ""
        try:
            value = clean_text(str(value), single_line=True).strip()
        except ValidationError as exc:
            errors.append(field_error(name, " ".join(exc.messages)))
            value = ""
        if len(value) > limit:
            errors.append(
                field_error(name, _("Too long: at most %(max)s characters.") % {"max": limit})
            )
        person[name] = value
    if user is not None:
        person["name"] = person["name"] or user.get_full_name() or user.get_username()
        person["email"] = person["email"] or user.email
        if user.authority_id:
            person["authority"] = person["authority"] or user.authority.name
            person["country"] = person.get("country") or user.authority.country_id
    person["email"] = person["email"].lower()
    if not person["name"]:
        errors.append(field_error("name", _("Give the person's name.")))
    if person["email"]:
        try:
            validate_email(person["email"])
        except ValidationError:
            errors.append(
                field_error("email", _("Give an e-mail address such as name@example.org."))
            )
        else:
            if person["email"] in taken:
                errors.append(
                    field_error(
                        "email",
                        _("%(email)s is already enrolled in this course.")
                        % {"email": person["email"]},
                    )
                )
    country = (person.get("country") or "").strip().upper()
    if country and not Country.objects.filter(iso3=country).exists():
        errors.append(
            field_error("country", _("Name a State by its ISO 3166-1 alpha-3 code, e.g. GHA."))
        )
    person["country"] = country or None
    role = (person.get("role") or EnrolmentRole.TRAINEE).strip().lower()
    if role not in EnrolmentRole.values:
        errors.append(
            field_error(
                "role",
                _("Use one of: %(roles)s.") % {"roles": ", ".join(EnrolmentRole.values)},
            )
        )
    person["role"] = role
    return errors


def _taken_emails(course: Course) -> set[str]:
    return set(course.enrolments.exclude(email="").values_list("email", flat=True))


def _create_enrolment(course: Course, person: dict, actor, note: str = "") -> Enrolment:
    enrolment = Enrolment.objects.create(
        course=course,
        role=person["role"],
        name=person["name"],
        email=person["email"],
        authority_name=person["authority"],
        country_id=person["country"],
        user=person.get("user"),
    )
    record(
        actor=actor,
        action=Action.CREATE,
        obj=enrolment,
        after=enrolment_state(enrolment),
        note=note,
    )
    return enrolment


@transaction.atomic
def enrol(
    *,
    course: Course,
    actor,
    role: str = EnrolmentRole.TRAINEE,
    name: str = "",
    email: str = "",
    authority: str = "",
    country: str = "",
    user=None,
) -> Enrolment:
    """Enrol a trainer or trainee: a comity user (`user`; the rest filled from their account) or a
    person outside comity by name, authority, State (ISO alpha-3) and e-mail."""
    Course.objects.select_for_update().filter(pk=course.pk).first()
    person = {
        "role": role,
        "name": name,
        "email": email,
        "authority": authority,
        "country": country,
        "user": user,
    }
    errors = _person_errors(course, person, taken=_taken_emails(course))
    if errors:
        raise TrainingInputError(errors)
    return _create_enrolment(course, person, actor)


@transaction.atomic
def remove_enrolment(*, enrolment: Enrolment, actor) -> None:
    record(actor=actor, action=Action.DELETE, obj=enrolment, before=enrolment_state(enrolment))
    enrolment.delete()


def read_csv(text: str) -> list[dict]:
    """The rows of an enrolment CSV (name,email,authority,country,role; a header line optional,
    commas or semicolons), each with its line number as "row"."""
    sample = text[:2048]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    rows = []
    for number, cells in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), start=1):
        if not any(cell.strip() for cell in cells):
            continue
        if number == 1 and [c.strip().lower() for c in cells[:2]] == ["name", "email"]:
            continue
        values = dict(zip(CSV_COLUMNS, (c.strip() for c in cells), strict=False))
        values["row"] = number
        values["extra"] = len(cells) > len(CSV_COLUMNS)
        rows.append(values)
    return rows


@transaction.atomic
def import_enrolments(*, course: Course, text: str, actor) -> list[Enrolment]:
    """Enrol everyone in a CSV text (read_csv), or nobody: TrainingInputError lists every
    problem with its row (line number) and field."""
    Course.objects.select_for_update().filter(pk=course.pk).first()
    try:
        rows = read_csv(text)
    except csv.Error as exc:
        raise TrainingInputError(
            [{"row": 0, "field": "file", "message": _("The file is not valid CSV: %s") % exc}]
        ) from exc
    if not rows:
        raise TrainingInputError(
            [
                {
                    "row": 0,
                    "field": "file",
                    "message": _(
                        "The file holds no one: one person per line, as "
                        "name,email,authority,country,role."
                    ),
                }
            ]
        )
    if len(rows) > MAX_IMPORT_ROWS:
        raise TrainingInputError(
            [
                {
                    "row": 0,
                    "field": "file",
                    "message": _("At most %(n)d people per import; split the file.")
                    % {"n": MAX_IMPORT_ROWS},
                }
            ]
        )
    taken = _taken_emails(course)
    errors, people = [], []
    for values in rows:
        person = {name: values.get(name, "") for name in CSV_COLUMNS}
        row_errors = _person_errors(course, person, taken=taken)
        if values["extra"]:
            row_errors.append(
                field_error(
                    "",
                    _("Too many columns: give name,email,authority,country,role."),
                )
            )
        errors.extend({"row": values["row"], **error} for error in row_errors)
        if person["email"]:
            taken.add(person["email"])
        people.append(person)
    if errors:
        raise TrainingInputError(errors)
    return [_create_enrolment(course, person, actor, note="import") for person in people]


# --- Attendance ---------------------------------------------------------------------------------


@transaction.atomic
def record_attendance(*, course: Course, marks: dict[tuple[int, int], str], actor) -> int:
    """Set the attendance of trainees at sessions: `marks` maps (enrolment id, session id) to
    present, absent, excused, or "" (not recorded: the mark is removed). Returns how many marks
    changed. Every pair must be a trainee and a session of `course`."""
    sessions = set(course.sessions.values_list("pk", flat=True))
    trainees = set(
        course.enrolments.filter(role=EnrolmentRole.TRAINEE).values_list("pk", flat=True)
    )
    errors = []
    for (enrolment_id, session_id), mark in marks.items():
        if enrolment_id not in trainees:
            errors.append(
                field_error(
                    "enrolment",
                    _("There is no trainee %(id)s in this course.") % {"id": enrolment_id},
                )
            )
        if session_id not in sessions:
            errors.append(
                field_error(
                    "session", _("There is no session %(id)s of this course.") % {"id": session_id}
                )
            )
        if mark not in Attendance.values:
            errors.append(
                field_error(
                    "attendance",
                    _("Use one of: %(values)s.")
                    % {"values": ", ".join(v for v in Attendance.values if v)},
                )
            )
    if errors:
        raise TrainingInputError(list({e["message"]: e for e in errors}.values()))
    existing = {
        (a.enrolment_id, a.session_id): a
        for a in SessionAttendance.objects.select_for_update().filter(
            enrolment__course=course, session_id__in=sessions
        )
    }
    before, after = {}, {}
    for key, mark in marks.items():
        current = existing.get(key)
        was = current.attendance if current else ""
        if was == mark:
            continue
        label = f"{key[0]}@{key[1]}"
        before[label], after[label] = was, mark
        if not mark:
            current.delete()
        elif current:
            current.attendance = mark
            current.save(update_fields=["attendance"])
        else:
            SessionAttendance.objects.create(
                enrolment_id=key[0], session_id=key[1], attendance=mark
            )
    if after:
        record(
            actor=actor,
            action=Action.UPDATE,
            obj=course,
            before={"attendance": before},
            after={"attendance": after},
        )
    return len(after)


# --- Evaluations --------------------------------------------------------------------------------

QUESTION_KEYS = tuple(key for key, _label in EVALUATION_QUESTIONS)


@transaction.atomic
def submit_evaluation(
    *, course: Course, enrolment: Enrolment, scores: dict, actor, comment: str = ""
) -> Evaluation:
    """A trainee's evaluation of `course`: a score from 1 to 5 for each question of
    EVALUATION_QUESTIONS (a question may be left unanswered), and a comment. One per enrolment:
    a second is refused. The secretariat may submit it for a trainee (a paper form)."""
    if not may_evaluate(actor, enrolment):
        raise PermissionDenied(_("Only the trainee or the secretariat fills in this evaluation."))
    errors = []
    if enrolment.course_id != course.pk:
        errors.append(field_error("enrolment", _("This person is not enrolled in this course.")))
    elif enrolment.role != EnrolmentRole.TRAINEE:
        errors.append(field_error("enrolment", _("Only trainees evaluate a course.")))
    elif Evaluation.objects.filter(enrolment=enrolment).exists():
        errors.append(
            field_error(
                "enrolment",
                _("%(name)s has already evaluated this course.") % {"name": enrolment.name},
            )
        )
    clean = {}
    for key, value in (scores or {}).items():
        if key not in QUESTION_KEYS:
            errors.append(field_error(f"scores.{key}", _("Not a question of the evaluation form.")))
        elif value not in (None, ""):
            try:
                number = int(value)
            except (TypeError, ValueError):
                number = 0
            if number not in EVALUATION_SCALE or str(value).strip() != str(number):
                errors.append(field_error(f"scores.{key}", _("Give a score from 1 to 5.")))
            else:
                clean[key] = number
    if not clean and not errors:
        errors.append(field_error("scores", _("Answer at least one question.")))
    try:
        comment = clean_text(comment or "").strip()
    except ValidationError as exc:
        errors.append(field_error("comment", " ".join(exc.messages)))
    if errors:
        raise TrainingInputError(errors)
    try:
        with transaction.atomic():  # two submissions at once: the database keeps one
            evaluation = Evaluation.objects.create(
                course=course, enrolment=enrolment, scores=clean, comment=comment[:5000]
            )
    except IntegrityError as exc:
        raise TrainingInputError(
            [
                field_error(
                    "enrolment",
                    _("%(name)s has already evaluated this course.") % {"name": enrolment.name},
                )
            ]
        ) from exc
    record(
        actor=actor,
        action=Action.CREATE,
        obj=evaluation,
        after={"enrolment": enrolment.pk, "scores": clean, "comment": evaluation.comment},
        note="" if enrolment.user_id == getattr(actor, "pk", None) else "on behalf",
    )
    return evaluation
