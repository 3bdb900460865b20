"""The import-linter contracts in pyproject.toml name every part of comity.

`lint-imports` (a phase of `make test`) checks the contracts; this test makes sure a new app cannot
slip past them by not being named: every package of comity is either a floor of the domain or on
the top floor.
"""

import tomllib
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def _contracts() -> list[dict]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    return config["tool"]["importlinter"]["contracts"]


def test_every_package_of_comity_is_on_a_floor():
    layers, top = set(), set()
    for contract in _contracts():
        if contract["type"] == "layers":
            layers.update(contract["layers"])
        if contract["type"] == "protected":
            top.update(contract["protected_modules"])
    packages = {
        f"comity.{path.parent.name}"
        for path in (ROOT / "comity").glob("*/__init__.py")
        if path.parent.name != "locale"
    }
    unplaced = sorted(packages - layers - top)
    assert not unplaced, (
        f"{unplaced}: add each package to the layers contract in pyproject.toml (a domain app, "
        "above the apps it uses) or to the top floor (pages, API, commands)."
    )


def test_the_ground_floor_is_the_lowest_layer():
    layers = next(c for c in _contracts() if c["type"] == "layers")["layers"]
    assert layers[-1] == "comity.core"
