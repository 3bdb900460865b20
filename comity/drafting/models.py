import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from comity.treaties.vocabulary import RequestKind


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    FINAL = "final", _("Final")


class RequestQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Drafts belong to an authority: only its users see them (others get 404)."""
        if not user.is_authenticated or not user.authority_id:
            return self.none()
        return self.filter(owner_id=user.authority_id)

    def editable_by(self, user):
        """Viewers read their authority's requests; every other role may also change them."""
        if getattr(user, "role", "viewer") == "viewer":
            return self.none()
        return self.visible_to(user)


class Request(models.Model):
    """One cooperation request: the unit that travels between States (API.md body in `data`)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(
        "directory.Authority", on_delete=models.PROTECT, related_name="requests"
    )
    kind = models.CharField(max_length=24, choices=RequestKind.choices)
    requesting_state = models.ForeignKey("geo.Country", on_delete=models.PROTECT, related_name="+")
    requested_state = models.ForeignKey(
        "geo.Country", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reference = models.CharField(max_length=100, blank=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.DRAFT)
    data = models.JSONField()
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    finalised_at = models.DateTimeField(null=True, blank=True)

    objects = RequestQuerySet.as_manager()

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

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    data = models.JSONField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["request", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["request", "number"], name="request_version_unique")
        ]

    def __str__(self):
        return f"{self.request_id} v{self.number}"
