"""The rows of a box, written in one pass: a box shows 50 messages, and Django's template
engine spends most of a page's time resolving the dozen values of each row one by one."""

from django import template
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from comity.liaison.vocabulary import Handling, MessageKind

register = template.Library()


@register.simple_tag(takes_context=True)
def box_rows(context, messages, read):
    """The <tr> of each selectors.Summary (with its parties) of a box page."""
    user = context["user"]
    base = reverse("liaison:message", args=[0])[: -len("0/")]
    purged = format_html('<span class="muted">{}</span>', _("(purged after its retention period)"))
    urgent = format_html(' <span class="badge badge-error">{}</span>', _("Urgent"))
    unread_badge = format_html(' <span class="badge badge-warn">{}</span>', _("unread"))
    example = format_html(' <span class="badge badge-example">{}</span>', _("Example data"))
    kinds = dict(MessageKind.choices)
    handlings = dict(Handling.choices)

    def row(m):
        unread = m.recipient_id == user.authority_id and m.pk not in read
        return (
            ' class="unread"' if unread else "",
            m.pk,
            localtime(m.created_at).strftime("%Y-%m-%d %H:%M"),
            m.sender,
            m.recipient,
            kinds.get(m.kind, m.kind),
            urgent if m.priority == "urgent" else "",
            f"{base}{m.pk}/",
            purged if m.purged_at else format_html("<bdi>{}</bdi>", m.subject),
            mark_safe(f"{unread_badge if unread else ''}{example if m.is_example else ''}"),
            m.handling.lower(),
            handlings.get(m.handling, m.handling),
            m.handling,
            f"{m.source_evaluation}{m.information_evaluation}",
            m.reply_by.isoformat() if m.reply_by else "—",
        )

    return format_html_join(
        "\n",
        "<tr{}><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}{}</td>"
        '<td><a href="{}">{}</a>{}</td>'
        '<td><span class="badge handling-badge handling-{}" title="{}">{}</span> {}</td>'
        "<td>{}</td></tr>",
        (row(m) for m in messages),
    )
