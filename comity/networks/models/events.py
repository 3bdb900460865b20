import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from comity.core import access
from comity.core.access import RestrictedQuerySet
from comity.networks.vocabulary import Attendance, MeetingKind, MeetingStatus, ParticipantRole

MEETING = access.NetworkBusiness("network", open_without_network=True)


class Event(models.Model):
    """A meeting of a network (plenary, working group, training session, other), or, without a
    network, of a treaty body such as the Working Group on International Cooperation."""

    access = MEETING

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    network = models.ForeignKey(
        "directory.Network",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
    )
    course = models.ForeignKey(
        "networks.Course",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="sessions",
        help_text="The course this is a session of.",
    )
    kind = models.CharField(max_length=20, choices=MeetingKind.choices)
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    start = models.DateTimeField()
    end = models.DateTimeField()
    time_zone = models.CharField(max_length=64, default="UTC")
    place = models.CharField(max_length=300, blank=True)
    online_url = models.URLField(max_length=500, blank=True)
    status = models.CharField(
        max_length=12, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    held_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    minutes = models.TextField(blank=True)
    # Raised on every change, so calendars replace their copy (iCalendar SEQUENCE).
    sequence = models.PositiveIntegerField(default=0)
    is_example = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-start"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=F("start")), name="event_ends_after_start"),
        ]
        indexes = [models.Index(fields=["network", "start"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("networks:event", args=[self.pk])


class AgendaItem(models.Model):
    access = access.NetworkBusiness("event__network", open_without_network=True)

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="agenda")
    position = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=500)
    notes = models.TextField(blank=True)
    documents = models.ManyToManyField("library.Document", blank=True, related_name="+")

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["event", "position"]
        constraints = [
            models.UniqueConstraint(fields=["event", "position"], name="agenda_position_unique")
        ]

    def __str__(self):
        return f"{self.position}. {self.title}"


class Participant(models.Model):
    """Someone invited to a meeting: a comity user or a person outside comity (name, e-mail,
    authority or State)."""

    access = access.NetworkBusiness("event__network", open_without_network=True)

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField(max_length=200)
    email = models.EmailField(blank=True)
    country = models.ForeignKey(
        "geo.Country", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    authority = models.ForeignKey(
        "directory.Authority", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    organisation = models.CharField(max_length=300, blank=True)
    role = models.CharField(
        max_length=20, choices=ParticipantRole.choices, default=ParticipantRole.DELEGATE
    )
    invited_at = models.DateTimeField(null=True, blank=True)
    registered_at = models.DateTimeField(null=True, blank=True)
    attendance = models.CharField(
        max_length=10, choices=Attendance.choices, default=Attendance.UNKNOWN, blank=True
    )

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["event", "country_id", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email"], condition=~Q(email=""), name="participant_email_unique"
            )
        ]

    def __str__(self):
        return self.name


class Decision(models.Model):
    access = access.NetworkBusiness("event__network", open_without_network=True)

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="decisions")
    position = models.PositiveSmallIntegerField()
    text = models.TextField()

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["event", "position"]
        constraints = [
            models.UniqueConstraint(fields=["event", "position"], name="decision_position_unique")
        ]

    def __str__(self):
        return self.text[:80]


class ActionItemQuerySet(RestrictedQuerySet):
    def open(self):
        return self.filter(done_at__isnull=True)

    def overdue(self, today=None):
        return self.open().filter(deadline__lt=today or timezone.localdate())


class ActionItem(models.Model):
    """Something a meeting asked someone to do by a day; reminders follow it until it is done."""

    access = access.NetworkBusiness("event__network", open_without_network=True)

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="actions")
    title = models.CharField(max_length=500)
    owner_name = models.CharField(max_length=200)
    owner_email = models.EmailField(blank=True)
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    deadline = models.DateField()
    done_at = models.DateTimeField(null=True, blank=True)
    done_note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = ActionItemQuerySet.as_manager()

    class Meta:
        ordering = ["deadline", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("networks:event", args=[self.event_id]) + f"#action-{self.pk}"

    @property
    def recipient(self) -> str:
        return self.owner_email or (self.owner_user.email if self.owner_user_id else "")


class ActionReminder(models.Model):
    """One reminder of one action item: (due soon or overdue, for this deadline). Unique, so that
    two runs of `comity remind` never both send it."""

    access = access.NetworkBusiness("action__event__network", open_without_network=True)

    action = models.ForeignKey(ActionItem, on_delete=models.CASCADE, related_name="reminders")
    key = models.CharField(max_length=40)
    to = models.EmailField()
    created_at = models.DateTimeField(default=timezone.now)
    emailed = models.BooleanField(default=False)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["action", "key", "to"], name="action_reminder_once")
        ]

    def __str__(self):
        return f"{self.action_id}:{self.key}"
