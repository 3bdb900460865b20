"""How much weight a source carries: depositary, treaty office, official journal, the authority
itself, or a secondary source (a copy, a news report, an encyclopaedia) used for a stated reason.

The standings are data (data/source_standing.csv, one row per site or path prefix), so a
maintainer classifies a new source where the facts live. A source that is not a web address (the
text of an instrument, "Domestic law of …") is the primary text itself. A web address nobody has
classified is shown as secondary: nothing is presented as authoritative without saying so.
"""

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext_lazy as _

STANDINGS_FILE = Path(settings.BASE_DIR) / "data" / "source_standing.csv"

PRIMARY = frozenset({"depositary", "treaty_office", "official_journal", "authority"})

# Why a secondary source is used (the `reason` column), in the reader's language.
REASONS = {
    "copy": _("a copy of an official text, table or notice; the original could not be read"),
    "database": _("a private legal database; no official page could be read"),
    "news": _("a news report or article; no official notice could be read"),
    "encyclopedia": _("an encyclopedia or aggregator; no official list could be read"),
    "unclassified": _("not yet classified by a maintainer"),
}


@dataclass(frozen=True)
class Standing:
    standing: str  # depositary | treaty_office | official_journal | authority | secondary
    publisher: str
    reason: str  # a key of REASONS for a secondary source

    @property
    def secondary(self) -> bool:
        return self.standing not in PRIMARY

    @property
    def why(self) -> str:
        """Why a secondary source is used, translated."""
        return str(REASONS.get(self.reason, REASONS["unclassified"]))


UNCLASSIFIED = Standing("secondary", "", "unclassified")


@cache
def _table() -> dict[str, Standing]:
    with open(STANDINGS_FILE, newline="", encoding="utf-8") as handle:
        return {
            row["prefix"]: Standing(row["standing"], row["publisher"], row["reason"])
            for row in csv.DictReader(handle)
        }


def _bare(url: str) -> str:
    bare = url.split("://", 1)[1] if "://" in url else url
    return bare[4:] if bare.startswith("www.") else bare


@cache
def standing(source: str) -> Standing | None:
    """The standing of `source`, or None when it is not a web address (the text itself)."""
    if not source.startswith(("http://", "https://")):
        return None
    bare = _bare(source)
    table = _table()
    best = None
    for prefix, found in table.items():
        if (bare == prefix or bare.startswith((prefix + "/", prefix + "?"))) and (
            best is None or len(prefix) > len(best[0])
        ):
            best = (prefix, found)
    return best[1] if best else UNCLASSIFIED
