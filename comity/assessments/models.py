"""Needs assessments: one State's answers to one questionnaire (data/assessments/*.json)."""

from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from comity.assessments.vocabulary import AssessmentStatus
from comity.core import access
from comity.core.access import RestrictedQuerySet


@dataclass(frozen=True)
class AssessmentRule(access.StateWork):
    """StateWork, except that a draft is the State's own until submitted: other members see it
    only once it is submitted (the State's people, the secretariat and site admins always)."""

    status: str = "status"

    def q(self, user, permission):
        allowed = super().q(user, permission)
        if permission != access.Permission.VIEW or allowed is access.ALL:
            return allowed
        if allowed is access.NOTHING:
            return allowed
        _members, secretariat = access.network_ids(user)
        shown = ~Q(**{self.status: AssessmentStatus.DRAFT}) | Q(
            **{self.network + "__in": secretariat}
        )
        if access.is_member(user):
            shown |= Q(**{self.country: user.authority.country_id})
        return allowed & shown


class Assessment(models.Model):
    """A State's self-assessment (or one made with the network's secretariat) against one
    questionnaire, on one day. Later assessments of the same State and questionnaire show whether
    the gaps of earlier ones closed."""

    access = AssessmentRule("state", "network", "status")

    state = models.ForeignKey("geo.Country", on_delete=models.PROTECT, related_name="+")
    questionnaire = models.CharField(max_length=40, help_text="Code of the questionnaire.")
    questionnaire_version = models.CharField(max_length=20)
    network = models.ForeignKey(
        "directory.Network",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assessments",
        help_text="The network that runs the assessment; its secretariat may edit it.",
    )
    as_of = models.DateField(default=timezone.localdate)
    status = models.CharField(
        max_length=12, choices=AssessmentStatus.choices, default=AssessmentStatus.DRAFT
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    validated_at = models.DateTimeField(null=True, blank=True)
    is_example = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["state_id", "-as_of"]
        indexes = [models.Index(fields=["state", "questionnaire", "as_of"])]

    def __str__(self):
        return f"{self.state_id} {self.questionnaire} {self.as_of}"

    def get_absolute_url(self):
        return reverse("assessments:assessment", args=[self.pk])


class Answer(models.Model):
    """The answer to one question: a score on the questionnaire's scale (None: not assessed,
    which is never shown as a gap closed nor as 0), the evidence and a comment."""

    access = AssessmentRule("assessment__state", "assessment__network", "assessment__status")

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    question = models.CharField(max_length=80)
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    # [{"kind": EvidenceKind, "ref": library key / authority id / instrument code / URL,
    #   "label": text shown}]
    evidence = models.JSONField(default=list, blank=True)
    comment = models.TextField(blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["assessment", "question"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "question"], name="answer_unique")
        ]

    def __str__(self):
        return f"{self.assessment_id}:{self.question}={self.score}"
