from django.db import models
from django.utils.translation import gettext_lazy as _


class ProjectStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    APPROVED = "approved", _("Approved")
    ACTIVE = "active", _("Under way")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


class ActivityKind(models.TextChoices):
    TRAINING = "training", _("Training")
    LEGISLATIVE_DRAFTING = "legislative_drafting", _("Legislative drafting support")
    EQUIPMENT = "equipment", _("Equipment")
    MENTORING = "mentoring", _("Mentoring")
    OTHER = "other", _("Other")


class ActivityStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    UNDER_WAY = "under_way", _("Under way")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class PartnerRole(models.TextChoices):
    DONOR = "donor", _("Donor")
    IMPLEMENTING = "implementing", _("Implementing partner")
    BENEFICIARY = "beneficiary", _("Beneficiary")
    PARTNER = "partner", _("Partner")
