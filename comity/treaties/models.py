from django.db import models
from django.db.models import Q
from django.utils.translation import get_language

from comity.core import access
from comity.core.access import RestrictedQuerySet
from comity.treaties.vocabulary import (
    ConsentType,
    DeclarationMeaning,
    DualCriminality,
    InstrumentType,
    RequestKind,
    SuspensionKind,
    Ternary,
)


class Instrument(models.Model):
    """A treaty, convention, protocol or scheme. Its legal rules live in data/instruments.toml."""

    access = access.SiteReference()
    code = models.CharField(max_length=40, unique=True)
    title = models.CharField(max_length=400)
    titles = models.JSONField(default=dict, blank=True)
    type = models.CharField(max_length=16, choices=InstrumentType.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="protocols"
    )
    depositary = models.CharField(max_length=300, blank=True)
    adopted_on = models.DateField(null=True, blank=True)
    in_force_on = models.DateField(null=True, blank=True, help_text="General entry into force.")
    reference = models.CharField(max_length=200, blank=True)
    kinds = models.JSONField(
        default=list,
        blank=True,
        help_text="Request kinds a bilateral treaty provides for (multilateral rules: instruments.toml).",
    )
    source = models.CharField(max_length=500)
    text_url = models.URLField(
        max_length=500, blank=True, help_text="Where the text can be read (depositary first)."
    )
    is_example = models.BooleanField(default=False)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return self.code

    def display_title(self, language: str | None = None) -> str:
        lang = (language or get_language() or "en").split("-")[0]
        return self.titles.get(lang) or self.title


class ParticipantList(models.Model):
    """One source's list of participants. Complete: absence means no action as of `as_of`."""

    access = access.SiteReference()
    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="lists")
    source = models.CharField(max_length=500)
    as_of = models.DateField(null=True, blank=True)
    complete = models.BooleanField(default=False)
    note = models.TextField(blank=True)
    imported_at = models.DateTimeField(auto_now_add=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["instrument", "-as_of"]
        constraints = [
            models.UniqueConstraint(fields=["instrument", "source", "as_of"], name="list_unique"),
            models.CheckConstraint(
                condition=Q(complete=False) | Q(as_of__isnull=False),
                name="complete_list_has_date",
            ),
        ]

    def __str__(self):
        return f"{self.instrument.code} ({self.as_of or 'undated'})"


class Participation(models.Model):
    """A State's signature, consent to be bound and entry into force for one instrument."""

    access = access.StateReference()
    instrument = models.ForeignKey(
        Instrument, on_delete=models.CASCADE, related_name="participations"
    )
    country = models.ForeignKey(
        "geo.Country", on_delete=models.PROTECT, related_name="participations"
    )
    signature_date = models.DateField(null=True, blank=True)
    consent_date = models.DateField(null=True, blank=True)
    consent_type = models.CharField(max_length=32, choices=ConsentType.choices, blank=True)
    entry_into_force = models.DateField(null=True, blank=True)
    entry_into_force_computed = models.BooleanField(
        default=False, help_text="Computed from the instrument's rule, not read from the source."
    )
    withdrawal_date = models.DateField(null=True, blank=True)
    source = models.CharField(max_length=500)
    as_of = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)
    participant_list = models.ForeignKey(
        ParticipantList, null=True, blank=True, on_delete=models.SET_NULL, related_name="rows"
    )

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["instrument", "country_id"]
        constraints = [
            models.UniqueConstraint(fields=["instrument", "country"], name="participation_unique"),
            models.CheckConstraint(
                condition=Q(consent_date__isnull=True)
                | Q(signature_date__isnull=True)
                | Q(consent_date__gte=models.F("signature_date")),
                name="consent_not_before_signature",
            ),
        ]

    def __str__(self):
        return f"{self.instrument.code}/{self.country_id}"


class Suspension(models.Model):
    """An instrument that binds both States but does not apply between them from a date: one
    State suspended or terminated it towards the other, or declared it would not apply it."""

    access = access.StateReference()
    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="suspensions")
    country = models.ForeignKey("geo.Country", on_delete=models.PROTECT, related_name="suspensions")
    towards = models.ForeignKey("geo.Country", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=16, choices=SuspensionKind.choices)
    effective_from = models.DateField()
    ended_on = models.DateField(
        null=True, blank=True, help_text="The day it applied again; blank: still suspended."
    )
    source = models.CharField(max_length=500)
    as_of = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["instrument", "country_id", "towards_id", "effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["instrument", "country", "towards", "effective_from"],
                name="suspension_unique",
            ),
            models.CheckConstraint(
                condition=~Q(country=models.F("towards")), name="suspension_between_two_states"
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gt=models.F("effective_from")),
                name="suspension_ends_after_it_starts",
            ),
        ]

    def __str__(self):
        return f"{self.instrument.code} {self.country_id}→{self.towards_id}"


class Declaration(models.Model):
    """A declaration, notification or reservation under a provision, with what it means."""

    access = access.StateReference()
    instrument = models.ForeignKey(
        Instrument, on_delete=models.CASCADE, related_name="declarations"
    )
    country = models.ForeignKey(
        "geo.Country", on_delete=models.PROTECT, related_name="declarations"
    )
    provision = models.CharField(max_length=40, help_text="e.g. 16(5), 18(13), 18(14)")
    meaning = models.CharField(max_length=24, choices=DeclarationMeaning.choices)
    value = models.JSONField(default=dict, blank=True)
    text = models.TextField(help_text="The declaration as the source gives it (paraphrased).")
    notification_date = models.DateField(null=True, blank=True)
    source = models.CharField(max_length=500)
    as_of = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["instrument", "country_id", "provision"]
        constraints = [
            models.UniqueConstraint(
                fields=["instrument", "country", "provision", "meaning"], name="declaration_unique"
            )
        ]

    def __str__(self):
        return f"{self.instrument.code} {self.provision} {self.country_id}"


class RequirementProfile(models.Model):
    """What a State demands of a request of one kind (and measure), machine-readable.

    The fields follow the EJN Fiches Belges and the PC-OC country forms. Every tri-state fact
    defaults to unknown; `source` and `as_of` say where the profile's facts come from.
    """

    access = access.StateReference()
    country = models.ForeignKey("geo.Country", on_delete=models.PROTECT, related_name="profiles")
    kind = models.CharField(max_length=24, choices=RequestKind.choices)
    measure = models.CharField(max_length=40, blank=True, help_text="Blank: every measure.")
    languages = models.JSONField(default=list, blank=True)
    languages_note = models.TextField(blank=True)
    channels = models.JSONField(default=list, blank=True)
    central_authority = models.ForeignKey(
        "directory.Authority", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dual_criminality = models.CharField(
        max_length=12, choices=DualCriminality.choices, default=DualCriminality.UNKNOWN
    )
    formalities = models.JSONField(default=list, blank=True)
    video_hearing = models.CharField(max_length=8, choices=Ternary.choices, default=Ternary.UNKNOWN)
    temporary_transfer = models.CharField(
        max_length=8, choices=Ternary.choices, default=Ternary.UNKNOWN
    )
    preservation_without_mla = models.CharField(
        max_length=8, choices=Ternary.choices, default=Ternary.UNKNOWN
    )
    spontaneous_information = models.CharField(
        max_length=8, choices=Ternary.choices, default=Ternary.UNKNOWN
    )
    joint_investigation_teams = models.CharField(
        max_length=8, choices=Ternary.choices, default=Ternary.UNKNOWN
    )
    treaty_required_for_extradition = models.CharField(
        max_length=8, choices=Ternary.choices, default=Ternary.UNKNOWN
    )
    usual_execution_time = models.CharField(max_length=200, blank=True)
    special_requirements = models.TextField(blank=True)
    source = models.CharField(max_length=500)
    as_of = models.DateField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["country_id", "kind", "measure"]
        constraints = [
            models.UniqueConstraint(fields=["country", "kind", "measure"], name="profile_unique")
        ]

    def __str__(self):
        return f"{self.country_id} {self.kind} {self.measure or '*'}"
