"""A network's secretariat, meetings (with agenda, participants, decisions and action items) and
training courses (with sessions, enrolments, attendance and evaluations)."""

from comity.networks.models.events import (
    ActionItem,
    ActionReminder,
    AgendaItem,
    Decision,
    Event,
    Participant,
)
from comity.networks.models.secretariat import Secretary
from comity.networks.models.training import Course, Enrolment, Evaluation, SessionAttendance

__all__ = [
    "ActionItem",
    "ActionReminder",
    "AgendaItem",
    "Course",
    "Decision",
    "Enrolment",
    "Evaluation",
    "Event",
    "Participant",
    "Secretary",
    "SessionAttendance",
]
