"""Requirements that come from the requested State's profile, not from a treaty.

Nothing here names a State: a maintainer records a State's requirements in its profile
(treaties.RequirementProfile) and these rules surface them, citing the profile's source and date.
"""

from django.utils.translation import gettext as _

from comity.directory.vocabulary import Formality
from comity.drafting.rules.engine import ALL_KINDS, Finding, measure_types, rule

LABELS = dict(Formality.choices)


@rule(
    id="country.special_requirements",
    severity="advice",
    citation="",
    kinds=ALL_KINDS,
    cites_profile=True,
)
def special_requirements(body, ctx):
    """A request must meet the requested State's own requirements for requests of its kind."""
    if ctx.special_requirements.strip():
        return _("%(state)s asks for the following: %(text)s") % {
            "state": ctx.state,
            "text": ctx.special_requirements.strip(),
        }


@rule(
    id="country.formalities",
    severity="advice",
    citation="",
    kinds=ALL_KINDS,
    cites_profile=True,
)
def formalities(body, ctx):
    """A request must have the form the requested State needs to verify its authenticity (UNTOC 18(14))."""
    for code in ctx.formalities:
        yield Finding(
            _("Formality recorded for %(state)s: %(formality)s. Prepare the request accordingly.")
            % {"state": ctx.state, "formality": LABELS.get(code, code)}
        )


@rule(
    id="country.video_hearing",
    severity="warning",
    citation="UNTOC 18(18) | UNCAC 46(18)",
    kinds={"mla"},
    field="measures",
    cites_profile=True,
)
def video_hearing(body, ctx):
    """Hearing by video link depends on the requested State's law allowing it."""
    if ctx.video_hearing == "no" and "video_hearing" in measure_types(body):
        return _(
            "%(state)s is recorded as not holding hearings by video link. Ask for the witness to "
            "be heard there, or to appear voluntarily in your State, instead."
        ) % {"state": ctx.state}


@rule(
    id="country.temporary_transfer",
    severity="warning",
    citation="UNTOC 18(10) | UNCAC 46(10)",
    kinds={"mla"},
    field="measures",
    cites_profile=True,
)
def temporary_transfer(body, ctx):
    """The temporary transfer of a detained person needs both States' agreement."""
    if ctx.temporary_transfer == "no" and "temporary_transfer_detained" in measure_types(body):
        return _(
            "%(state)s is recorded as not transferring detained persons to testify. Consider a "
            "hearing by video link or in the requested State instead."
        ) % {"state": ctx.state}
