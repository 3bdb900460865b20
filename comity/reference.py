"""Loading all reference data (countries, treaties, directory) in one go: `comity load-reference`.

Each app owns a loader; this module only runs them in order inside one transaction, so a failure in
any of them leaves the database as it was. Every loader is idempotent, so running this twice changes
nothing the second time.
"""

import importlib
import sys

from django.db import transaction
from django.utils.translation import gettext as _

from comity.geo.services import load_countries

# (module, function) of the loaders owned by other apps, in the order they must run: treaties
# refer to countries, authorities refer to countries and treaties.
_OPTIONAL_LOADERS = (
    ("comity.treaties.reference", "load_treaties", False),
    ("comity.directory.reference", "load_authorities", True),
)


def _optional_loader(module_name: str, function_name: str):
    """The loader function, or None when its module has not been written (yet)."""
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        # Only a missing loader module is tolerated; a broken import inside it must surface.
        if exc.name and module_name.startswith(exc.name):
            return None
        raise
    return getattr(module, function_name, None)


@transaction.atomic
def load_reference(*, stdout=None) -> dict:
    """Run every reference-data loader; return {loader name: its result (or None if skipped)}."""
    out = stdout or sys.stdout
    results: dict[str, object] = {"countries": load_countries()}
    for module_name, function_name, announce_skip in _OPTIONAL_LOADERS:
        loader = _optional_loader(module_name, function_name)
        if loader is None:
            if announce_skip:
                out.write(
                    _("Skipped %(loader)s: %(module)s is not available yet.\n")
                    % {"loader": function_name, "module": module_name}
                )
            continue
        results[function_name.removeprefix("load_")] = loader()
    return results
