"""The inbox, sent box and search of the informal channel, and their export (metadata and
handling codes only: never subjects or bodies)."""

import csv

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from comity.audit.models import Action
from comity.audit.services import record
from comity.core import access
from comity.core.spreadsheet import guard
from comity.liaison import selectors
from comity.liaison.forms import SearchForm

PAGE_SIZE = 50


def member(request):
    """The user, if they have a part in their contact point's channel; otherwise 404."""
    if not access.liaison_may(request.user, access.LiaisonRole.READER):
        raise Http404
    return request.user


def _filters(request) -> tuple[str, str, SearchForm]:
    form = SearchForm(request.GET or None)
    box, q = "inbox", ""
    if form.is_bound and form.is_valid():
        box = form.cleaned_data.get("box") or "inbox"
        q = form.cleaned_data.get("q") or ""
    return box, q, form


@login_required
@require_GET
def inbox(request):
    user = member(request)
    box, q, form = _filters(request)
    # No count(*) over the whole box: one row more than a page says whether there is a next.
    page = request.GET.get("page", "1")
    number = min(int(page), 10_000) if page.isdigit() and int(page) >= 1 else 1
    start = (number - 1) * PAGE_SIZE
    rows = selectors.box_page(
        user, box=box, q=q, start=start, stop=start + PAGE_SIZE + 1, parties=True
    )
    read = selectors.read_by(user, [m.pk for m in rows[:PAGE_SIZE]])
    return render(
        request,
        "liaison/inbox.html",
        {
            "form": form,
            "box": box,
            "q": q,
            "messages_page": rows[:PAGE_SIZE],
            "read": read,
            "page_number": number,
            "has_next": len(rows) > PAGE_SIZE,
            "due": _due(user) if box == "inbox" and not q and number == 1 else [],
            "may_write": access.liaison_may(user, access.LiaisonRole.OFFICER),
            "today": timezone.localdate(),
        },
    )


def _due(user) -> list:
    return selectors.with_parties(
        list(
            selectors.due_for_answer(user)
            .select_related(None)
            .only("id", "sender_id", "recipient_id", "reply_by")[:20]
        )
    )


EXPORT_LIMIT = 10_000


@login_required
@require_GET
def export(request):
    """The box as CSV: number, date, kind, parties, handling code, evaluation, priority, dates;
    no subject, body or entity (they stay behind their handling codes in comity)."""
    user = member(request)
    box, q, _form = _filters(request)
    rows = selectors.messages(user, box=box, q=q, start=0, stop=EXPORT_LIMIT).defer(
        "subject", "body", "handling_note"
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="comity-liaison.csv"'
    out = csv.writer(response)
    out.writerow(
        [
            _("Number"),
            _("Sent"),
            _("Kind"),
            _("From"),
            _("To"),
            _("Handling code"),
            _("Evaluation"),
            _("Priority"),
            _("Answer wanted by"),
            _("Keep until"),
            _("Purged"),
        ]
    )
    count = 0
    for m in rows:
        out.writerow(
            [
                m.pk,
                m.created_at.isoformat(timespec="minutes"),
                m.get_kind_display(),
                guard(f"{m.sender.country_id} {m.sender.name}"),
                guard(f"{m.recipient.country_id} {m.recipient.name}"),
                m.get_handling_display(),
                f"{m.source_evaluation}{m.information_evaluation}",
                m.get_priority_display(),
                m.reply_by.isoformat() if m.reply_by else "",
                m.expires_on.isoformat(),
                m.purged_at.date().isoformat() if m.purged_at else "",
            ]
        )
        count += 1
    record(
        actor=user, action=Action.EXPORT, obj=user.authority, after={"liaison": box, "rows": count}
    )
    return response
