from django.db import models
from django.utils.translation import get_language


class CountryQuerySet(models.QuerySet):
    def states(self):
        return self.filter(kind=Country.Kind.STATE)


class Country(models.Model):
    """A State or other treaty participant, keyed by ISO 3166-1 alpha-3 (EUU and XKX included)."""

    class Kind(models.TextChoices):
        STATE = "state", "State"
        TERRITORY = "territory", "Territory"
        ORGANIZATION = "organization", "Regional organization"

    iso3 = models.CharField(max_length=3, primary_key=True)
    iso2 = models.CharField(max_length=2, unique=True)
    numeric = models.CharField(max_length=3, blank=True)
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.STATE)
    name = models.CharField(max_length=200, help_text="English short name (CLDR).")
    names = models.JSONField(default=dict, help_text="Names by UI language code (CLDR).")
    official_languages = models.JSONField(default=list, help_text="ISO 639-1 codes (CLDR).")

    objects = CountryQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "countries"

    def __str__(self):
        return self.localized_name()

    def localized_name(self, language: str | None = None) -> str:
        lang = (language or get_language() or "en").split("-")[0]
        return self.names.get(lang) or self.name
