"""Writes to the country table. Countries are reference data: loaded in bulk, never edited by hand."""

from importlib.metadata import version

import babel
from django.db import transaction

from comity.audit.models import Action
from comity.audit.services import record
from comity.geo.catalogue import country_records
from comity.geo.models import Country

_FIELDS = ("iso2", "numeric", "kind", "name", "names", "official_languages")


@transaction.atomic
def load_countries(*, actor=None) -> dict:
    """Create or update every country of the catalogue (ISO 3166-1 plus EUU and XKX).

    Idempotent: a second run changes nothing and writes no audit entry. Rows are not audited one by
    one; when anything changed, one "import" entry summarises the run. Countries that are no longer
    in the catalogue are kept (other tables point at them) and only counted.

    Returns {"created", "updated", "unchanged", "not_in_catalogue", "total"} counts.
    """
    existing = {country.iso3: country for country in Country.objects.all()}
    to_create: list[Country] = []
    to_update: list[Country] = []
    for fields in country_records():
        country = existing.pop(fields["iso3"], None)
        if country is None:
            to_create.append(Country(**fields))
            continue
        if any(getattr(country, name) != fields[name] for name in _FIELDS):
            for name in _FIELDS:
                setattr(country, name, fields[name])
            to_update.append(country)

    if to_update:
        Country.objects.bulk_update(to_update, _FIELDS, batch_size=500)
    if to_create:
        Country.objects.bulk_create(to_create, batch_size=500)

    total = Country.objects.count()
    counts = {
        "created": len(to_create),
        "updated": len(to_update),
        "unchanged": total - len(to_create) - len(to_update) - len(existing),
        "not_in_catalogue": len(existing),
        "total": total,
    }
    if to_create or to_update:
        record(
            actor=actor,
            action=Action.IMPORT,
            object_type="geo.country",
            note=(
                f"Countries loaded from pycountry {_pycountry_version()} and CLDR "
                f"(Babel {_babel_version()}): {counts['created']} created, "
                f"{counts['updated']} updated, {counts['unchanged']} unchanged."
            ),
        )
    return counts


def _pycountry_version() -> str:
    return version("pycountry")


def _babel_version() -> str:
    return babel.__version__
