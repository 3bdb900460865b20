"""The codes of States as the API takes them: ISO 3166-1 alpha-3 in capitals, plus EUU (the European
Union) and XKX (Kosovo), which treaties need.

The list is fixed by the catalogue (pycountry), so the API's description names every code; the
country table in the database holds the same ones once the reference data is loaded.
"""

from enum import StrEnum

import pycountry

from comity.geo.names import EXTRA_PARTICIPANTS

STATE_CODES: tuple[str, ...] = tuple(
    sorted({entry.alpha_3 for entry in pycountry.countries} | set(EXTRA_PARTICIPANTS))
)

StateCode = StrEnum("StateCode", [(code, code) for code in STATE_CODES])
StateCode.__doc__ = "ISO 3166-1 alpha-3 code in capitals (EUU: European Union, XKX: Kosovo)."
StateCode.__module__ = __name__

StateCodeOrEmpty = StrEnum("StateCodeOrEmpty", [("NONE", ""), *((c, c) for c in STATE_CODES)])
StateCodeOrEmpty.__doc__ = "A State's code (as StateCode), or empty while not chosen yet."
StateCodeOrEmpty.__module__ = __name__
