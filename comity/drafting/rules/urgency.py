"""Deadlines and urgency: UNTOC 18(24), UNCAC 46(24)."""

from django.utils import timezone
from django.utils.translation import gettext as _

from comity.drafting.rules.engine import filled, rule

KINDS = {"mla", "confiscation"}
CITATION = "UNTOC 18(24) | UNCAC 46(24)"


@rule(id="urgency.reason", severity="error", citation=CITATION, kinds=KINDS, field="urgency.reason")
def reason(body, ctx):
    """The requested State takes account of deadlines and urgency for which reasons are given."""
    if (body.urgency.urgent or body.urgency.deadline) and not filled(body.urgency.reason):
        return _(
            "Say why the request is urgent or why the deadline matters (for example, a trial "
            "date or data that will be deleted); without reasons it may not be given priority."
        )


@rule(
    id="urgency.deadline_past",
    severity="error",
    citation=CITATION,
    kinds=KINDS,
    field="urgency.deadline",
)
def deadline_past(body, ctx):
    """A deadline the requested State is asked to respect must lie in the future."""
    if body.urgency.deadline and body.urgency.deadline < timezone.localdate():
        return _("The deadline %(date)s has passed. Set a date in the future or remove it.") % {
            "date": body.urgency.deadline.isoformat()
        }
