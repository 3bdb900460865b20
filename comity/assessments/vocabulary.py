from django.db import models
from django.utils.translation import gettext_lazy as _


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    VALIDATED = "validated", _("Validated by the secretariat")


class EvidenceKind(models.TextChoices):
    LEGISLATION = "legislation", _("Legislation (legal library)")
    AUTHORITY = "authority", _("Directory entry")
    TREATY = "treaty", _("Treaty status")
    STATISTICS = "statistics", _("Statistics")
    DOCUMENT = "document", _("Other document")
