"""The words of a network's life: kinds of meeting, their states, the people at them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MeetingKind(models.TextChoices):
    PLENARY = "plenary", _("Plenary meeting")
    WORKING_GROUP = "working_group", _("Working group")
    TRAINING = "training", _("Training session")
    OTHER = "other", _("Other meeting")


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


class ParticipantRole(models.TextChoices):
    DELEGATE = "delegate", _("Delegate")
    SECRETARIAT = "secretariat", _("Secretariat")
    SPEAKER = "speaker", _("Speaker")
    OBSERVER = "observer", _("Observer")


class Attendance(models.TextChoices):
    UNKNOWN = "", _("Not recorded")
    PRESENT = "present", _("Present")
    ABSENT = "absent", _("Absent")
    EXCUSED = "excused", _("Excused")


class EnrolmentRole(models.TextChoices):
    TRAINEE = "trainee", _("Trainee")
    TRAINER = "trainer", _("Trainer")


# The questions of a course's evaluation form, each answered on a scale of 1 (poor) to 5.
EVALUATION_QUESTIONS = (
    ("relevance", _("Relevance to my work")),
    ("content", _("Quality of the content")),
    ("trainers", _("The trainers")),
    ("materials", _("The materials")),
    ("organisation", _("Organisation and logistics")),
    ("overall", _("Overall")),
)
EVALUATION_SCALE = range(1, 6)
