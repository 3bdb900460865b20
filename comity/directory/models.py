import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language

from comity.core import access
from comity.core.access import RestrictedQuerySet
from comity.directory.vocabulary import (
    AuthorityKind,
    Channel,
    Competence,
    FocalPointRole,
)


class AuthorityQuerySet(RestrictedQuerySet):
    def stale(self):
        """Entries never verified, or not verified within COMITY_STALE_AFTER_DAYS."""
        limit = timezone.localdate() - timedelta(days=settings.COMITY_STALE_AFTER_DAYS)
        return self.filter(Q(verified_on__isnull=True) | Q(verified_on__lt=limit))


class Authority(models.Model):
    """A competent national authority: who receives what, in which language, by which channel."""

    access = access.StateReference()

    # The facts of an entry, in the order of the API shape (API.md), as stored on the model.
    ENTRY_FIELDS = (
        "country_id",
        "name",
        "names",
        "kind",
        "competences",
        "instruments",
        "languages",
        "channels",
        "urgent",
        "formalities",
        "formalities_notes",
        "office_hours",
        "time_zone",
        "address",
        "phone",
        "fax",
        "email",
        "website",
        "requirements",
        "source",
        "source_note",
        "verified_on",
        "is_example",
    )

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    country = models.ForeignKey("geo.Country", on_delete=models.PROTECT, related_name="authorities")
    name = models.CharField(max_length=300)
    names = models.JSONField(default=dict, blank=True, help_text="Name by language code.")
    kind = models.CharField(max_length=32, choices=AuthorityKind.choices)
    competences = models.JSONField(default=list, blank=True)
    instruments = models.JSONField(default=list, blank=True, help_text="Instrument codes.")
    languages = models.JSONField(default=list, blank=True, help_text="ISO 639-1 codes accepted.")
    channels = models.JSONField(default=list, blank=True)
    urgent = models.JSONField(
        default=dict,
        blank=True,
        help_text="Urgent-request arrangements: channels, phone, email, notes.",
    )
    formalities = models.JSONField(default=list, blank=True)
    formalities_notes = models.TextField(blank=True)
    office_hours = models.CharField(max_length=200, blank=True)
    time_zone = models.CharField(max_length=64, blank=True)
    address = models.TextField(blank=True)
    phone = models.CharField(max_length=32, blank=True, help_text="E.164")
    fax = models.CharField(max_length=32, blank=True, help_text="E.164")
    email = models.EmailField(blank=True)
    website = models.URLField(blank=True)
    requirements = models.TextField(blank=True)
    source = models.CharField(max_length=500, help_text="URL or citation of the source.")
    source_note = models.TextField(blank=True)
    verified_on = models.DateField(null=True, blank=True)
    is_example = models.BooleanField(default=False, help_text="Demo content, not a real entry.")
    require_two_factor = models.BooleanField(default=False)
    search_text = models.TextField(blank=True, editable=False)
    # The entry as a search result, written by the service that saves it (directory/listing.py).
    listing = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AuthorityQuerySet.as_manager()

    class Meta:
        ordering = ["country_id", "name"]
        verbose_name_plural = "authorities"
        constraints = [
            models.UniqueConstraint(
                fields=["country", "name", "kind"], name="authority_unique_name_per_state_kind"
            ),
            models.CheckConstraint(condition=~Q(source=""), name="authority_has_source"),
        ]
        indexes = [models.Index(fields=["country", "kind"])]

    def __str__(self):
        return self.display_name()

    def get_absolute_url(self):
        return reverse("directory:authority_detail", args=[self.pk])

    def display_name(self, language: str | None = None) -> str:
        lang = (language or get_language() or "en").split("-")[0]
        return self.names.get(lang) or self.name

    @property
    def is_stale(self) -> bool:
        if self.verified_on is None:
            return True
        return (timezone.localdate() - self.verified_on).days > settings.COMITY_STALE_AFTER_DAYS

    def competence_labels(self):
        return [Competence(c).label for c in self.competences if c in Competence.values]

    def channel_labels(self):
        return [Channel(c).label for c in self.channels if c in Channel.values]


class AuthorityFacet(models.Model):
    """Search index rows (competence, instrument, language, channel) kept in step by services."""

    access = access.StateReference("authority__country")

    authority = models.ForeignKey(Authority, on_delete=models.CASCADE, related_name="facets")
    facet = models.CharField(max_length=16)
    value = models.CharField(max_length=40)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["facet", "value", "authority"], name="facet_unique")
        ]

    def __str__(self):
        return f"{self.facet}={self.value}"


class ContactPerson(models.Model):
    """A named person at an authority; shown to signed-in users only, or, when `network` is set,
    to the members of that network only (core.access.ContactReference)."""

    access = access.ContactReference("authority__country")

    authority = models.ForeignKey(Authority, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=200)
    title = models.CharField(max_length=200, blank=True)
    phone = models.CharField(max_length=32, blank=True)
    email = models.EmailField(blank=True)
    languages = models.JSONField(default=list, blank=True)
    network = models.ForeignKey(
        "Network",
        null=True,
        blank=True,
        # Never SET_NULL: a contact kept for one network would become visible to everyone.
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Shown only to the members of this network.",
    )
    is_example = models.BooleanField(default=False)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Network(models.Model):
    """A practitioners' network (WACAP, REFCO, IberRed, EJN, ...)."""

    access = access.SiteReference()

    code = models.SlugField(max_length=32, unique=True)
    name = models.CharField(max_length=300)
    names = models.JSONField(default=dict, blank=True)
    description = models.TextField(blank=True)
    website = models.URLField(blank=True)
    source = models.CharField(max_length=500)
    as_of = models.DateField(null=True, blank=True)
    is_example = models.BooleanField(default=False)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return self.name

    def display_name(self, language: str | None = None) -> str:
        lang = (language or get_language() or "en").split("-")[0]
        return self.names.get(lang) or self.name


class NetworkMemberQuerySet(RestrictedQuerySet):
    def current(self, on=None):
        """Terms running on `on` (today): started by then (or undated) and not ended."""
        on = on or timezone.localdate()
        return self.filter(Q(start__isnull=True) | Q(start__lte=on)).filter(
            Q(end__isnull=True) | Q(end__gt=on)
        )


class NetworkMember(models.Model):
    """A State's place in a network (role "member"), or one term of a focal point, contact point,
    secretariat or presidency for that State: who, from when, until when, and the note the holder
    left for the successor. Past terms stay: they are the network's history."""

    access = access.StateReference()

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="members")
    country = models.ForeignKey("geo.Country", on_delete=models.PROTECT, related_name="+")
    role = models.CharField(
        max_length=20, choices=FocalPointRole.choices, default=FocalPointRole.MEMBER
    )
    authority = models.ForeignKey(
        Authority, null=True, blank=True, on_delete=models.SET_NULL, related_name="network_roles"
    )
    person_name = models.CharField(max_length=200, blank=True)
    # Seen only by the members of the network and its secretariat.
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=32, blank=True, help_text="E.164")
    start = models.DateField(null=True, blank=True)
    end = models.DateField(null=True, blank=True, help_text="Day the term ended (exclusive).")
    handover_note = models.TextField(
        blank=True, help_text="What the holder handed over to the successor on rotation."
    )
    source = models.CharField(max_length=500)
    as_of = models.DateField(null=True, blank=True)
    is_example = models.BooleanField(default=False)

    objects = NetworkMemberQuerySet.as_manager()

    class Meta:
        ordering = ["network", "country_id", "role", "-start"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "country", "role", "authority", "person_name", "start"],
                name="network_term_unique",
            ),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(start__isnull=True) | Q(end__gte=F("start")),
                name="network_term_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.network.code}: {self.country_id} ({self.role})"

    @property
    def is_current(self) -> bool:
        today = timezone.localdate()
        return (self.start is None or self.start <= today) and (
            self.end is None or self.end > today
        )
