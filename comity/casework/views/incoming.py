"""Registering an incoming request: typed in, or read from the JSON file another comity
installation exported."""

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from comity.casework import services
from comity.casework.forms import (
    EntityFormSet,
    ImportForm,
    IncomingForm,
    add_service_errors,
    entity_rows,
    incoming_initial,
    signed_body,
)
from comity.casework.views.common import registrar_or_404
from comity.drafting.services import RequestInputError, validate_body


def _render_new(request, form, entities, *, status=200, imported=None):
    return render(
        request,
        "casework/case_new.html",
        {"form": form, "entities": entities, "imported": imported},
        status=status,
    )


def _forms(request, data=None, *, initial=None, persons=()):
    owner = request.user.authority
    initial = {"assigned_to": request.user.pk, **(initial or {})}
    form = IncomingForm(data, initial=initial, owner=owner)
    return form, EntityFormSet(data, initial=list(persons), prefix="entities")


@login_required
@require_http_methods(["GET", "POST"])
def case_new(request):
    registrar_or_404(request)
    if request.method != "POST":
        return _render_new(request, *_forms(request))
    form, entities = _forms(request, request.POST)
    if not (form.is_valid() and entities.is_valid()):
        return _render_new(request, form, entities, status=400)
    try:
        case = services.register_incoming(
            owner=request.user.authority,
            actor=request.user,
            data=form.case_data(entity_rows(entities)),
            received_body=form.cleaned_data["body"],
        )
    except services.CaseInputError as exc:
        add_service_errors(form, exc.errors)
        return _render_new(request, form, entities, status=400)
    messages.success(request, _("Registered as %(reference)s.") % {"reference": case.our_reference})
    return redirect(case)


def _read_body(upload) -> tuple[dict | None, list[str]]:
    """The request body of an uploaded comity JSON file, or the messages saying why not."""
    if upload.size > settings.COMITY_MAX_IMPORT_BYTES:
        return None, [
            _(
                "The file is larger than %(limit)d bytes; it cannot be a request exported from comity."
            )
            % {"limit": settings.COMITY_MAX_IMPORT_BYTES}
        ]
    try:
        data = json.loads(upload.read().decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        return None, [_("This file is not JSON. Choose the .json file exported from comity.")]
    if not isinstance(data, dict) or data.get("format") != "comity.request":
        return None, [_("This JSON file is not a request exported from comity.")]
    try:
        return validate_body(data), []
    except RequestInputError as exc:
        return None, [f"{e['field']}: {e['message']}" for e in exc.errors]


@login_required
@require_http_methods(["GET", "POST"])
def case_import(request):
    """Upload the file; the registration form comes back filled in from it, to check and save."""
    registrar_or_404(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        body, problems = _read_body(form.cleaned_data["file"])
        if body is not None:
            initial, persons = incoming_initial(body)
            initial["body"] = signed_body(body)
            return _render_new(
                request, *_forms(request, initial=initial, persons=persons), imported=body
            )
        for problem in problems:
            form.add_error("file", problem)
    status = 400 if form.errors else 200
    return render(request, "casework/case_import.html", {"form": form}, status=status)
