from django.shortcuts import render
from django.views.decorators.http import require_GET

from comity.casework import selectors as casework
from comity.casework.views.common import with_overdue
from comity.core import access
from comity.directory.selectors import directory_summary
from comity.drafting import selectors as drafting
from comity.web import help as help_text


@require_GET
def home(request):
    """A signed-in officer lands on their work: recent requests, quick actions, searches."""
    if not request.user.is_authenticated:
        return render(request, "web/home.html", {})
    return render(
        request,
        "web/home.html",
        {
            "summary": directory_summary(),
            "recent": drafting.recent_with_checks(request.user),
            "can_draft": drafting.can_draft(request.user),
            "work": _officer_work(request.user),
        },
    )


def _officer_work(user):
    """The signed-in member's cases: overdue, due this week, recently changed; and reminders."""
    if not access.is_member(user):
        return None
    work = casework.officer_work(user)
    work.recent = with_overdue(work.recent)
    work.due_soon = with_overdue(work.due_soon)
    return work


@require_GET
def help_index(request):
    """The help: what each kind of request is for, and the glossary that forms link to."""
    return render(
        request,
        "web/help.html",
        {
            "kinds": help_text.KINDS,
            "terms": help_text.TERMS,
            "abbreviations": help_text.ABBREVIATIONS,
        },
    )


def _error(request, template: str, status: int):
    return render(request, template, status=status)


def bad_request(request, exception=None):
    return _error(request, "web/errors/400.html", 400)


def permission_denied(request, exception=None):
    return _error(request, "web/errors/403.html", 403)


def page_not_found(request, exception=None):
    return _error(request, "web/errors/404.html", 404)


def server_error(request):
    return _error(request, "web/errors/500.html", 500)
