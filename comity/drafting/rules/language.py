"""The language of the request: UNTOC 18(14), UNCAC 46(14), and each State's own requirements."""

from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

from comity.drafting.rules.engine import ALL_KINDS, rule

CITATION = {
    "mla": "UNTOC 18(14) | UNCAC 46(14)",
    "confiscation": "UNTOC 18(14) | UNCAC 46(14)",
    "*": "",
}


def _base(code: str) -> str:
    return code.strip().lower().replace("_", "-").split("-")[0]


def _named(code: str) -> str:
    """'German (de)' in the user's language, or the code alone if Django does not know it."""
    try:
        return f"{get_language_info(_base(code))['name_translated']} ({code})"
    except KeyError:
        return code


@rule(
    id="language.not_accepted",
    severity="error",
    citation=CITATION,
    kinds=ALL_KINDS,
    field="language",
    cites_profile=True,
)
def not_accepted(body, ctx):
    """A request must be in a language acceptable to the requested State."""
    if not ctx.languages or _base(body.language) in {_base(x) for x in ctx.languages}:
        return None
    message = _(
        "%(state)s accepts requests in %(languages)s, not in “%(language)s”. Write the request in "
        "one of those languages, or attach a translation into one of them."
    ) % {
        "state": ctx.state,
        "languages": ", ".join(_named(x) for x in ctx.languages),
        "language": _named(body.language),
    }
    if ctx.languages_note:
        message += " " + ctx.languages_note
    return message


@rule(
    id="language.unknown",
    severity="advice",
    citation=CITATION,
    kinds=ALL_KINDS,
    field="language",
    cites_profile=True,
)
def unknown(body, ctx):
    """Where the accepted languages are not recorded, the drafter must find them out."""
    if ctx.languages:
        return None
    if not ctx.requested_state:
        return _("Choose the requested State so that the language of the request can be checked.")
    message = _(
        "The languages %(state)s accepts are not recorded here. Check its notification to the "
        "Secretary-General of the United Nations, or ask its central authority."
    ) % {"state": ctx.state}
    if ctx.languages_note:
        message += " " + ctx.languages_note
    return message
