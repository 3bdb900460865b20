"""The ground floor: what every other part of comity shares.

Settings helpers, the seven languages, the rules every piece of user text obeys, the access policy
and the error shape of bad input. Nothing here imports another comity module; everything else may
import from here (the layers are stated in pyproject.toml and checked by `make test`).
"""
