"""Factories for tests: real model instances, built the way services would build them."""

import datetime

import factory

from comity.accounts.models import Role, User
from comity.directory.models import Authority, Network
from comity.geo.models import Country
from comity.treaties.models import Instrument, ParticipantList, Participation

_KNOWN = {
    "UKR": ("UA", "804", "Ukraine", {"uk": "Україна", "ar": "أوكرانيا"}, ["uk"]),
    "DEU": ("DE", "276", "Germany", {"de": "Deutschland"}, ["de"]),
    "FRA": ("FR", "250", "France", {"fr": "France"}, ["fr"]),
    "NGA": ("NG", "566", "Nigeria", {}, ["en"]),
    "GHA": ("GH", "288", "Ghana", {}, ["en"]),
    "ESP": ("ES", "724", "Spain", {"es": "España"}, ["es"]),
    "CAN": ("CA", "124", "Canada", {}, ["en", "fr"]),
}


def country(iso3: str) -> Country:
    """The Country row for a code, creating it with CLDR-like names when the table is empty."""
    existing = Country.objects.filter(iso3=iso3).first()
    if existing:
        return existing
    iso2, numeric, name, names, langs = _KNOWN[iso3]
    return Country.objects.create(
        iso3=iso3,
        iso2=iso2,
        numeric=numeric,
        name=name,
        names={"en": name, **names},
        official_languages=langs,
    )


class AuthorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Authority

    country = factory.LazyFunction(lambda: country("UKR"))
    name = factory.Sequence(lambda n: f"Test authority {n}")
    names = factory.LazyAttribute(lambda o: {"en": o.name})
    kind = "central_authority"
    competences = factory.LazyFunction(lambda: ["mla"])
    instruments = factory.LazyFunction(lambda: ["UNTOC"])
    languages = factory.LazyFunction(lambda: ["en"])
    channels = factory.LazyFunction(lambda: ["direct"])
    source = "test fixture"
    is_example = True


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    authority = factory.SubFactory(AuthorityFactory)
    role = Role.OFFICER
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery staple")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Network

    code = factory.Sequence(lambda n: f"net{n}")
    name = factory.Sequence(lambda n: f"Test network {n}")
    source = "test fixture"
    is_example = True


class InstrumentFactory(factory.django.DjangoModelFactory):
    """A multilateral instrument; give it a code of data/instruments.toml for its legal rules."""

    class Meta:
        model = Instrument
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"TEST-{n}")
    title = factory.LazyAttribute(lambda o: f"Test instrument {o.code}")
    type = "convention"
    source = "test fixture"
    is_example = True


class ParticipantListFactory(factory.django.DjangoModelFactory):
    """A participant list; complete by default (a complete list must have its as-of date)."""

    class Meta:
        model = ParticipantList

    instrument = factory.SubFactory(InstrumentFactory)
    source = factory.Sequence(lambda n: f"https://example.org/list/{n}")
    as_of = datetime.date(2014, 1, 27)
    complete = True


class ParticipationFactory(factory.django.DjangoModelFactory):
    """One State's row, taken from its list (source and as-of date) when one is given."""

    class Meta:
        model = Participation

    instrument = factory.LazyAttribute(
        lambda o: o.participant_list.instrument if o.participant_list else InstrumentFactory()
    )
    country = factory.LazyFunction(lambda: country("UKR"))
    participant_list = None
    source = factory.LazyAttribute(
        lambda o: o.participant_list.source if o.participant_list else "test fixture"
    )
    as_of = factory.LazyAttribute(
        lambda o: o.participant_list.as_of if o.participant_list else None
    )


PASSWORD = "correct horse battery staple"


def png_logo(width: int = 240, height: int = 80, color=(20, 60, 120)) -> bytes:
    """A real PNG image, as an authority would upload for its letterhead."""
    import io

    from PIL import Image

    saved = io.BytesIO()
    Image.new("RGB", (width, height), color).save(saved, "PNG")
    return saved.getvalue()
