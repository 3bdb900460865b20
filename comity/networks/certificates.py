"""Certificates of attendance of a course, as PDF, in any of comity's seven languages.

A certificate names the trainee (name, authority, State), the course, its network, the sessions
attended (date and place, in the session's own time zone) out of all the sessions, the course's
hours, the day it is issued, its number and who issues it. Only a trainee present at one session
or more gets one. The number, "TRN-<course>-<enrolment>", is the same whenever it is printed.

Printed by WeasyPrint with the fonts the request documents use (comity/drafting/fonts), so
Arabic (right to left), Chinese and Cyrillic need no system font.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from comity.core import languages
from comity.drafting.documents.pdf import print_html
from comity.networks import training_selectors as selectors
from comity.networks.models import Course, Enrolment
from comity.networks.vocabulary import EnrolmentRole

TEMPLATE = "networks/training/certificate.html"


class NoAttendance(Exception):
    """The person attended no session of the course (or is not a trainee): no certificate."""


def certificate_number(enrolment: Enrolment) -> str:
    return f"TRN-{enrolment.course_id}-{enrolment.pk}"


def file_name(enrolment: Enrolment, language: str) -> str:
    return f"certificate-{certificate_number(enrolment)}-{language}.pdf"


@dataclass(frozen=True)
class SessionLine:
    days: str
    place: str
    title: str


@dataclass(frozen=True)
class Certificate:
    number: str
    name: str
    authority: str
    state: str
    course: str
    network: str
    sessions: list
    attended: int
    total: int
    hours: str
    issued: str
    issuer: str
    example: bool = False


def _zone(name: str):
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return datetime.UTC


def _days(session) -> str:
    """The session's day (or first and last day), YYYY-MM-DD, in the time zone it is held in."""
    zone = _zone(session.time_zone)
    first = session.start.astimezone(zone).date()
    last = session.end.astimezone(zone).date()
    return first.isoformat() if first == last else f"{first.isoformat()} – {last.isoformat()}"


def _hours(course: Course) -> str:
    if course.hours is None:
        return ""
    value = Decimal(str(course.hours)).normalize()
    return f"{value:f}"


def issuer(course: Course, language: str) -> str:
    if course.network_id:
        return _("The secretariat of %(network)s") % {
            "network": course.network.display_name(language)
        }
    return _("The organisers of the course")


def build(
    enrolment: Enrolment,
    *,
    language: str,
    total: int | None = None,
    today: datetime.date | None = None,
) -> Certificate:
    """The certificate of `enrolment` in the active language (`language` is its ISO code, for the
    names of the State and the network). NoAttendance when there is nothing to certify."""
    certifiable(enrolment)
    attended = selectors.attended_sessions(enrolment)
    course = enrolment.course
    if total is None:
        total = course.sessions.count()
    return Certificate(
        number=certificate_number(enrolment),
        example=enrolment.course.is_example,
        name=enrolment.name,
        authority=enrolment.authority_name,
        state=enrolment.country.localized_name(language) if enrolment.country_id else "",
        course=course.title,
        network=course.network.display_name(language) if course.network_id else "",
        sessions=[
            SessionLine(_days(s), s.place or (_("Online") if s.online_url else ""), s.title)
            for s in attended
        ],
        attended=len(attended),
        total=total,
        hours=_hours(course),
        issued=(today or timezone.localdate()).isoformat(),
        issuer=issuer(course, language),
    )


STYLE = """
@page { size: A4 landscape; margin: 16mm 18mm; }
html { font-family: "Noto Sans", "Noto Naskh Arabic", "Noto Sans SC"; font-size: 11pt;
  line-height: 1.45; color: #111827; }
:lang(zh) { font-family: "Noto Sans", "Noto Sans SC"; }
:lang(ar) { font-size: 12pt; line-height: 1.6; }
.certificate { break-before: page; border: 2.5pt double #12304f; padding: 12mm 16mm;
  min-height: 150mm; text-align: center; }
.certificate:first-child { break-before: auto; }
.issuer-top { font-size: 10pt; letter-spacing: .06em; text-transform: uppercase; color: #374151; }
h1 { font-size: 24pt; margin: 6pt 0 10pt; color: #12304f; }
.name { font-size: 20pt; font-weight: 700; margin: 4pt 0; }
.affiliation { font-size: 12pt; margin: 0 0 8pt; }
.course { font-size: 15pt; font-weight: 700; margin: 4pt 0; }
p { margin: 3pt 0; }
table { margin: 8pt auto; border-collapse: collapse; min-width: 60%; }
th, td { border: .5pt solid #9ca3af; padding: 2.5pt 6pt; text-align: start; font-size: 10pt; }
th { background: #f3f4f6; }
.facts { margin-top: 8pt; }
.footer { margin-top: 12pt; display: flex; justify-content: space-between; font-size: 10pt; }
.number { font-size: 9pt; color: #374151; margin-top: 10pt; }
"""


def _pdf(certificates: list[Certificate], language: str) -> bytes:
    html = render_to_string(
        TEMPLATE,
        {
            "certificates": certificates,
            "language": language,
            "direction": "rtl" if language in languages.RTL_CODES else "ltr",
            "title": _("Certificate of attendance"),
        },
    )
    return print_html(html, STYLE)


def certifiable(enrolment: Enrolment) -> None:
    """NoAttendance, in the active language, when `enrolment` gets no certificate."""
    if enrolment.role != EnrolmentRole.TRAINEE:
        raise NoAttendance(_("Only trainees receive a certificate of attendance."))
    if not selectors.attended_sessions(enrolment):
        raise NoAttendance(
            _(
                "%(name)s attended no session of this course: a certificate of attendance is "
                "issued only to trainees recorded as present at one session or more. Record the "
                "attendance first."
            )
            % {"name": enrolment.name}
        )


def _django_code(language: str) -> str:
    found = languages.by_code(language)
    return found.django if found else "en"


def certificate_pdf(enrolment: Enrolment, *, language: str = "en", today=None) -> bytes:
    """One trainee's certificate in `language` (ISO code; English when comity does not speak
    it). NoAttendance when they attended nothing."""
    language = languages.supported(language)
    certifiable(enrolment)  # refused in the reader's language, not the certificate's
    with translation.override(_django_code(language)):
        return _pdf([build(enrolment, language=language, today=today)], language)


def course_certificates_pdf(course: Course, *, language: str = "en", today=None) -> bytes:
    """The certificates of every trainee of `course` who attended a session, one per page.
    NoAttendance when nobody did."""
    language = languages.supported(language)
    trainees = selectors.certified_trainees(course)
    if not trainees:
        raise NoAttendance(_("No trainee is recorded as present at a session of this course yet."))
    with translation.override(_django_code(language)):
        total = course.sessions.count()
        return _pdf(
            [build(e, language=language, total=total, today=today) for e in trainees], language
        )
