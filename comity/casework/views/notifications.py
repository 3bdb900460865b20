"""The user's reminders: the list, and marking one or all as read."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from comity.casework import reminders


@login_required
@require_GET
def notification_list(request):
    page = Paginator(reminders.notifications_for(request.user), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "casework/notifications.html",
        {"page": page, "notifications": page.object_list},
    )


@login_required
@require_POST
def notification_read(request, pk):
    if not reminders.notifications_for(request.user).filter(pk=pk).exists():
        raise Http404
    reminders.mark_read(user=request.user, pk=pk)
    return redirect("casework:notifications")


@login_required
@require_POST
def notifications_read_all(request):
    count = reminders.mark_read(user=request.user)
    if count:
        messages.success(request, _("All reminders are marked as read."))
    return redirect("casework:notifications")
