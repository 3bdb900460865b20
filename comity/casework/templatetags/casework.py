"""The names of the codes a case's history keeps (a channel, a ground of refusal)."""

from django import template

from comity.casework import reminders
from comity.casework.vocabulary import RefusalGround
from comity.directory.vocabulary import Channel

register = template.Library()


def _label(choices, value) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value or ""


@register.filter
def channel_name(value) -> str:
    return _label(Channel, value)


@register.filter
def ground_name(value) -> str:
    return _label(RefusalGround, value)


@register.filter
def reminder_text(notification) -> str:
    """The reminder in the reader's language (the stored message is the one e-mailed)."""
    return reminders.describe(notification)
