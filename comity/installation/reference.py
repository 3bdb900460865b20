"""Loading all reference data (countries, treaties, directory, profiles, the library's seed): `comity load-reference`.

Each app owns its loader; this module runs them in order inside one transaction, so a failure in
any of them leaves the database as it was. Every loader is idempotent: running this twice changes
nothing the second time.
"""

from django.db import transaction

from comity.directory.reference import load_authorities
from comity.geo.services import load_countries
from comity.library.reference import load_seed
from comity.treaties.reference import load_profiles, load_treaties


@transaction.atomic
def load_reference(*, stdout=None) -> dict:
    """Run every reference-data loader in dependency order; return each loader's summary."""
    return {
        "countries": load_countries(),
        "treaties": load_treaties(),
        "authorities": load_authorities(),
        "profiles": load_profiles(),
        "library": load_seed(),
    }
