"""Writing a message: new, an answer (?reply_to=), or a request for consent (?consent_for=).
A failed send shows every error beside its field and keeps what was typed (files must be
chosen again: a browser never sends them back)."""

import re

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from comity.core import access
from comity.directory.models import Authority
from comity.liaison import selectors, services
from comity.liaison.forms import ComposeForm
from comity.liaison.vocabulary import Handling, MessageKind

ENTITY_FIELD = re.compile(r"^entities\[(\d+)\]$")


def _writer(request):
    if not access.liaison_may(request.user, access.LiaisonRole.OFFICER):
        raise Http404
    return request.user


def _answering(request, user):
    """The message answered (?reply_to=, ?consent_for=, or the form's in_reply_to), one the user
    may see, and whether the answer is a request for consent."""
    value = (
        request.GET.get("consent_for")
        or request.GET.get("reply_to")
        or request.POST.get("in_reply_to")
        or ""
    )
    if not value.isdigit():
        return None, False
    found = selectors.message(user, int(value))
    if found is None:
        raise Http404
    consent = "consent_for" in request.GET or request.POST.get("kind") == "consent_request"
    return found, consent


def _initial(user, answered, consent: bool) -> dict:
    if answered is None:
        return {"priority": "routine"}
    if consent:
        return {
            "to_authority": str(services.originator_to_ask(answered, user.authority)),
            "kind": MessageKind.CONSENT_REQUEST,
            "subject": _("Request for consent: message %(n)s") % {"n": answered.pk},
            "handling": Handling.H0,
            "source_evaluation": "X",
            "information_evaluation": "4",
            "in_reply_to": answered.pk,
            "priority": "routine",
        }
    return {
        "to_authority": str(answered.other_party_id(user.authority_id)),
        "kind": MessageKind.ANSWER,
        "subject": answered.subject
        if answered.subject.startswith(_("Re:"))
        else f"{_('Re:')} {answered.subject}",
        "handling": answered.handling,
        "in_reply_to": answered.pk,
        "priority": answered.priority,
    }


def _field_of(error_field: str, data: dict) -> str:
    """The form field of a service error ("entities[1]" is the second row typed)."""
    found = ENTITY_FIELD.match(error_field)
    if found:
        index = int(found.group(1))
        rows = data.get("entities") or []
        return f"entity_value_{rows[index]['row']}" if index < len(rows) else "__all__"
    if error_field.startswith("protected."):
        return error_field.split(".", 1)[1]
    if error_field.startswith("attachments"):
        return "attachments"
    return error_field


@login_required
@require_http_methods(["GET", "POST"])
def compose(request):
    user = _writer(request)
    answered, consent = _answering(request, user)
    authorities = selectors.contact_points(user)
    form = ComposeForm(
        request.POST or None,
        request.FILES or None,
        authorities=authorities,
        initial=_initial(user, answered, consent),
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.data_for_service()
            data["in_reply_to"] = answered
            chosen = form.cleaned_data["to_authority"]
            recipient = Authority.objects.filter(pk=chosen).first() if chosen else None
            try:
                sent = services.send(
                    actor=user,
                    to_authority=recipient,
                    data=data,
                    uploads=form.cleaned_data.get("attachments") or [],
                )
            except services.LiaisonInputError as exc:
                for error in exc.errors:
                    field = _field_of(error["field"], data)
                    form.add_error(field if field in form.fields else None, error["message"])
            else:
                flash.success(request, _("Message %(n)s sent.") % {"n": sent.pk})
                return redirect("liaison:message", sent.pk)
        if request.FILES:
            form.add_error(
                "attachments", _("Choose the files again: a page sent back does not keep them.")
            )
    return render(
        request,
        "liaison/compose.html",
        {"form": form, "answered": answered, "consent": consent},
        status=status,
    )
