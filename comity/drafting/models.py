import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from comity.core import access
from comity.core.access import RestrictedQuerySet
from comity.treaties.vocabulary import RequestKind


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    FINAL = "final", _("Final")


class Request(models.Model):
    """One cooperation request: the unit that travels between States (API.md body in `data`).

    It belongs to the authority that drafts it: only that authority's users see it.
    """

    access = access.AuthorityOwned("owner")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(
        "directory.Authority", on_delete=models.PROTECT, related_name="requests"
    )
    kind = models.CharField(max_length=24, choices=RequestKind.choices)
    requesting_state = models.ForeignKey("geo.Country", on_delete=models.PROTECT, related_name="+")
    requested_state = models.ForeignKey(
        "geo.Country", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reference = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.DRAFT)
    data = models.JSONField()
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    finalised_at = models.DateTimeField(null=True, blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at"]
        indexes = [models.Index(fields=["owner", "-updated_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft") | Q(finalised_at__isnull=False),
                name="final_request_has_date",
            )
        ]

    def __str__(self):
        return (
            self.reference
            or f"{self.get_kind_display()} {self.requesting_state_id}→{self.requested_state_id or '?'}"
        )


class RequestVersion(models.Model):
    """Every saved state of a request, so versions can be compared and nothing is lost."""

    access = access.AuthorityOwned("request__owner")

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    data = models.JSONField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    note = models.CharField(max_length=200, blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["request", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["request", "number"], name="request_version_unique")
        ]

    def __str__(self):
        return f"{self.request_id} v{self.number}"


# The logo formats a document can carry: Word, LibreOffice and WeasyPrint all print them.
LOGO_TYPES = ("image/png", "image/jpeg")


class HouseStyle(models.Model):
    """An authority's house style for its request documents: a logo, the letterhead lines, the
    signatory, and a DOCX house template. One per authority, kept by its administrators.

    The logo and the template are stored in the database, as bytes: a change is part of the
    transaction that audits it (on SQLite and PostgreSQL alike), and a backup of the database
    holds them. Checked before they are saved (drafting/documents/house/checks.py).
    """

    access = access.AuthoritySettings("authority")

    authority = models.OneToOneField(
        "directory.Authority",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="house_style",
    )
    logo = models.BinaryField(blank=True, default=b"")
    logo_type = models.CharField(max_length=16, blank=True)
    logo_width = models.PositiveIntegerField(default=0, help_text="Pixels.")
    logo_height = models.PositiveIntegerField(default=0, help_text="Pixels.")
    letterhead_lines = models.JSONField(
        default=list, blank=True, help_text="Empty: the directory entry's address and contacts."
    )
    signatory_name = models.CharField(max_length=200, blank=True)
    signatory_function = models.CharField(max_length=200, blank=True)
    template = models.BinaryField(blank=True, default=b"")
    template_name = models.CharField(max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(logo_type__in=("", *LOGO_TYPES)), name="house_style_logo_type"
            ),
        ]

    def __str__(self):
        return f"House style of {self.authority}"

    def get_absolute_url(self):
        return reverse("directory:letterhead", args=[self.authority_id])
