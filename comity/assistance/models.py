"""Technical-assistance projects: from the gaps of a needs assessment to objectives, activities,
partners, a budget, indicators and progress reports."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from comity.assistance.vocabulary import ActivityKind, ActivityStatus, PartnerRole, ProjectStatus
from comity.core import access
from comity.core.access import RestrictedQuerySet

WORK = access.StateWork("project__state", "project__network")


class Project(models.Model):
    access = access.StateWork("state", "network")

    state = models.ForeignKey("geo.Country", on_delete=models.PROTECT, related_name="+")
    network = models.ForeignKey(
        "directory.Network",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="projects",
    )
    title = models.CharField(max_length=300)
    summary = models.TextField(blank=True)
    gaps = models.ManyToManyField(
        "assessments.Answer",
        blank=True,
        related_name="projects",
        help_text="The items of a gap report the project addresses.",
    )
    currency = models.CharField(max_length=3, default="USD", help_text="ISO 4217")
    start = models.DateField(null=True, blank=True)
    end = models.DateField(null=True, blank=True)
    status = models.CharField(
        max_length=12, choices=ProjectStatus.choices, default=ProjectStatus.PROPOSED
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    is_example = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(start__isnull=True) | Q(end__gte=F("start")),
                name="project_ends_after_start",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("assistance:project", args=[self.pk])


class Objective(models.Model):
    access = WORK

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="objectives")
    position = models.PositiveSmallIntegerField()
    text = models.TextField()
    gaps = models.ManyToManyField("assessments.Answer", blank=True, related_name="+")

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["project", "position"]

    def __str__(self):
        return self.text[:80]


class Activity(models.Model):
    access = WORK

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="activities")
    kind = models.CharField(max_length=24, choices=ActivityKind.choices)
    title = models.CharField(max_length=300)
    start = models.DateField(null=True, blank=True)
    end = models.DateField(null=True, blank=True)
    status = models.CharField(
        max_length=12, choices=ActivityStatus.choices, default=ActivityStatus.PLANNED
    )
    event = models.ForeignKey(
        "networks.Event", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["project", "start", "pk"]

    def __str__(self):
        return self.title


class Partner(models.Model):
    access = WORK

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="partners")
    name = models.CharField(max_length=300)
    role = models.CharField(max_length=16, choices=PartnerRole.choices)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["project", "role", "name"]

    def __str__(self):
        return self.name


class BudgetLine(models.Model):
    access = WORK

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="budget")
    label = models.CharField(max_length=300)
    amount = models.DecimalField(max_digits=14, decimal_places=2)
    donor = models.ForeignKey(
        Partner, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["project", "pk"]

    def __str__(self):
        return f"{self.label}: {self.amount}"


class Indicator(models.Model):
    access = WORK

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(max_length=300)
    unit = models.CharField(max_length=60, blank=True)
    baseline = models.DecimalField(max_digits=14, decimal_places=2)
    target = models.DecimalField(max_digits=14, decimal_places=2)
    current = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["project", "pk"]

    def __str__(self):
        return self.name


class ProgressReport(models.Model):
    access = WORK

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="reports")
    period_end = models.DateField()
    text = models.TextField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["project", "-period_end"]

    def __str__(self):
        return f"{self.project_id} {self.period_end}"
