"""Changing the details of a case, persons, companies and accounts included."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from comity.casework import selectors, services
from comity.casework.forms import (
    EditCaseForm,
    EntityFormSet,
    add_service_errors,
    entity_initial,
    entity_rows,
)
from comity.casework.views.common import case_or_404


def _forms(case, data=None):
    form = EditCaseForm(
        data,
        initial=EditCaseForm.initial_of(case),
        owner=case.owner,
        counterpart_state=case.counterpart_state_id,
    )
    entities = EntityFormSet(data, initial=entity_initial(case), prefix="entities")
    return form, entities


def _render(request, case, form, entities, *, status=200, conflict=""):
    return render(
        request,
        "casework/case_edit.html",
        {"case": case, "form": form, "entities": entities, "conflict": conflict},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def case_edit(request, pk):
    """The details form. A save that conflicts with someone else's keeps what was typed, says
    so, and takes the version now current so that saving again is a deliberate choice."""
    case = case_or_404(request, pk, to_edit=True)
    if request.method != "POST":
        return _render(request, case, *_forms(case))
    form, entities = _forms(case, request.POST)
    if not (form.is_valid() and entities.is_valid()):
        return _render(request, case, form, entities, status=400)
    try:
        saved = services.update_case(
            case=case,
            actor=request.user,
            data=form.case_data(entity_rows(entities)),
            expected_version=form.cleaned_data["version"],
        )
    except services.StaleCase as exc:
        data = request.POST.copy()
        data["version"] = exc.current.version
        current = selectors.case_for(request.user, pk)
        form, entities = _forms(current, data)
        return _render(request, current, form, entities, status=409, conflict=str(exc))
    except services.CaseInputError as exc:
        add_service_errors(form, exc.errors)
        return _render(request, case, form, entities, status=400)
    messages.success(request, _("Saved."))
    return redirect(saved)
