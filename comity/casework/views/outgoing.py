"""A final request of the request writer registered as sent: the outgoing case opens."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from comity.casework import selectors, services
from comity.casework.forms import SendForm, add_service_errors
from comity.drafting import selectors as drafting_selectors
from comity.drafting.models import Status as RequestStatus


@login_required
@require_http_methods(["GET", "POST"])
def case_send(request, request_pk):
    found = drafting_selectors.request_for(request.user, request_pk, to_edit=True)
    if found is None or not selectors.can_register(request.user):
        raise Http404
    existing = selectors.case_of_request(request.user, found)
    if existing is not None:
        return redirect(existing)
    initial = {
        "our_reference": services.outgoing_reference(found),
        "requested_deadline": (found.data.get("urgency") or {}).get("deadline"),
        "assigned_to": request.user.pk,
    }
    form = SendForm(request.POST or None, initial=initial, owner=found.owner)
    if found.status != RequestStatus.FINAL:
        return render(request, "casework/case_send.html", {"req": found}, status=409)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            case = services.send_request(
                request=found,
                actor=request.user,
                on=d["on"],
                transmission={"channel": d["channel"], "tracking_number": d["tracking_number"]},
                fields=form.case_fields(),
            )
        except services.CaseInputError as exc:
            add_service_errors(form, exc.errors)
        else:
            messages.success(
                request, _("Registered as sent: %(reference)s.") % {"reference": case.our_reference}
            )
            return redirect(case)
    status = 400 if request.method == "POST" else 200
    return render(request, "casework/case_send.html", {"req": found, "form": form}, status=status)
