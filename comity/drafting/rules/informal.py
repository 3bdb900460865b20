"""Text taken from an informal exchange (police, FIU) into a draft is marked for the drafter's
review: information exchanged informally is intelligence, often under a handling code that forbids
its use as evidence without the originator's permission (H1). The marks stay until the drafter
has rewritten the text for a formal request and removed them."""

import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from comity.drafting.rules.engine import ALL_KINDS, rule

OPEN = "[["
CLOSE = "]]"
MARK = re.compile(r"\[\[[^\]\n]{1,200}\]\]")
REVIEW_LABEL = gettext_lazy("Taken from an informal exchange: review before sending")
END_LABEL = gettext_lazy("End of the text to review")


def marked(text: str) -> str:
    """`text` between the review marks, in the active language."""
    return f"{OPEN}{REVIEW_LABEL}{CLOSE}\n{text.strip()}\n{OPEN}{END_LABEL}{CLOSE}"


@rule(
    id="informal.unreviewed",
    severity="error",
    citation="UNTOC 18(15)(c) | UNTOC 27(1)",
    kinds=ALL_KINDS,
    field="facts",
)
def unreviewed_informal_text(body, ctx):
    """Text from an informal exchange must be reviewed before a request is sent."""
    if MARK.search(body.facts or ""):
        return _(
            "The facts still hold text taken from an informal exchange. Rewrite it for a formal "
            "request, keep only what the originator allows to be used as evidence, and remove "
            "the marks [[…]]."
        )
