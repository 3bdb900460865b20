"""`/api/v1/countries`: the public list of States and other participants, with names in every UI language."""

from ninja import Field, Query, Router, Schema

from comity.core.errors import ERRORS
from comity.core.paging import Paging
from comity.core.text import Line
from comity.geo import selectors
from comity.geo.models import Country

router = Router()


class CountryNames(Schema):
    ar: str = ""
    en: str = ""
    es: str = ""
    fr: str = ""
    ru: str = ""
    zh: str = ""
    uk: str = ""


class CountryOut(Schema):
    iso3: str = Field(description="ISO 3166-1 alpha-3 (EUU: European Union, XKX: Kosovo)")
    iso2: str
    name: str = Field(description="Name in the language of the request")
    names: CountryNames
    official_languages: list[str] = Field(description="ISO 639-1 codes (CLDR)")
    kind: Country.Kind


class CountryList(Schema):
    count: int
    items: list[CountryOut]


class CountryQuery(Paging):
    q: Line = Field("", max_length=200, description="Part of a name in any UI language, or a code")
    kind: Country.Kind | None = Field(None, description="state, territory or organization")


def _out(country: Country, language: str) -> dict:
    return {
        "iso3": country.iso3,
        "iso2": country.iso2,
        "name": country.localized_name(language),
        "names": country.names,
        "official_languages": country.official_languages,
        "kind": country.kind,
    }


@router.get(
    "",
    response={200: CountryList, **ERRORS},
    auth=None,
    summary="List countries and other treaty participants",
)
def list_countries(request, params: Query[CountryQuery]):
    queryset = selectors.countries(q=params.q, kind=params.kind or "")
    language = selectors.ui_language()
    page = queryset[params.offset : params.offset + params.limit]
    return {"count": queryset.count(), "items": [_out(c, language) for c in page]}
