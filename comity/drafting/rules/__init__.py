"""The rules engine of the request writer: what a request must contain, checked against the law.

    checks = run_checks(body, context=context_for(body))

Each rule is declared once, in a module by theme, with its id, severity, citation and the request
kinds it applies to (see engine.py). `REGISTRY` lists them all; importing this package loads them.
"""

from comity.drafting.rules import (  # noqa: F401  (importing registers the rules)
    assistance,
    base,
    confidentiality,
    confiscation,
    cooperation,
    country,
    dual_criminality,
    extradition,
    extradition_grounds,
    informal,
    language,
    preservation,
    transfer,
    urgency,
)
from comity.drafting.rules.context import CheckContext, context_for
from comity.drafting.rules.engine import REGISTRY, Check, Finding, Rule, rule, run_checks

__all__ = [
    "REGISTRY",
    "Check",
    "CheckContext",
    "Finding",
    "Rule",
    "context_for",
    "rule",
    "run_checks",
]
