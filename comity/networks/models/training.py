from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from comity.core import access
from comity.core.access import RestrictedQuerySet
from comity.networks.vocabulary import Attendance, EnrolmentRole


class Course(models.Model):
    """A training course of a network: its sessions are events of kind "training"."""

    access = access.NetworkBusiness("network", open_without_network=True)

    network = models.ForeignKey(
        "directory.Network", null=True, blank=True, on_delete=models.PROTECT, related_name="courses"
    )
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    language = models.CharField(max_length=8, default="en")
    hours = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    materials = models.ManyToManyField("library.Document", blank=True, related_name="+")
    is_example = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("networks:course", args=[self.pk])


class Enrolment(models.Model):
    """A trainer or trainee of a course; people outside comity by name, authority and State."""

    access = access.NetworkBusiness("course__network", open_without_network=True)

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="enrolments")
    role = models.CharField(
        max_length=10, choices=EnrolmentRole.choices, default=EnrolmentRole.TRAINEE
    )
    name = models.CharField(max_length=200)
    email = models.EmailField(blank=True)
    authority_name = models.CharField(max_length=300, blank=True)
    country = models.ForeignKey(
        "geo.Country", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["course", "role", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["course", "email"], condition=~Q(email=""), name="enrolment_email_unique"
            )
        ]

    def __str__(self):
        return self.name


class SessionAttendance(models.Model):
    access = access.NetworkBusiness("enrolment__course__network", open_without_network=True)

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="attendance")
    session = models.ForeignKey("networks.Event", on_delete=models.CASCADE, related_name="+")
    attendance = models.CharField(max_length=10, choices=Attendance.choices)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "session"], name="attendance_unique")
        ]

    def __str__(self):
        return f"{self.enrolment_id}@{self.session_id}: {self.attendance}"


class Evaluation(models.Model):
    """One trainee's evaluation of a course: a score of 1-5 per question and a comment."""

    access = access.NetworkBusiness("course__network", open_without_network=True)

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="evaluations")
    enrolment = models.OneToOneField(
        Enrolment, null=True, blank=True, on_delete=models.SET_NULL, related_name="evaluation"
    )
    scores = models.JSONField(default=dict)
    comment = models.TextField(blank=True)
    submitted_at = models.DateTimeField(default=timezone.now)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at"]

    def __str__(self):
        return f"{self.course_id}: {self.submitted_at:%Y-%m-%d}"
