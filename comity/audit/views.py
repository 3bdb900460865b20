"""The audit log, for administrators: each sees the entries the access policy lets them see
(comity.core.access.AuditTrail); everyone else gets 404."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from comity.audit import selectors
from comity.audit.forms import LogFilterForm
from comity.audit.models import AuditEntry

PAGE_SIZE = 50


@login_required
@require_GET
def log(request):
    if not selectors.may_read_log(request.user):
        raise Http404
    form = LogFilterForm(request.GET or None, object_types=selectors.object_types_for(request.user))
    entries = selectors.entries_for_log(request.user, form.filters())
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    selectors.attach_links(page.object_list)
    selectors.withhold_values(request.user, page.object_list)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "audit/log.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "time_zone": timezone.get_current_timezone_name(),
        },
    )


@login_required
@require_GET
def detail(request, pk: int):
    if not selectors.may_read_log(request.user):
        raise Http404
    try:
        entry = selectors.entry_for(request.user, pk)
    except AuditEntry.DoesNotExist:
        raise Http404 from None
    selectors.attach_links([entry])
    selectors.withhold_values(request.user, [entry])
    return render(
        request,
        "audit/detail.html",
        {"entry": entry, "time_zone": timezone.get_current_timezone_name()},
    )
