"""The list of assessments (filtered by State, network, questionnaire) and starting one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from comity.assessments import questionnaires, selectors, services
from comity.assessments.forms import FilterForm, StartForm


@login_required
@require_GET
def assessment_list(request):
    networks = list(selectors.startable_networks(request.user))
    form = FilterForm(request.GET or None, networks=networks)
    found = selectors.listed(request.user, **form.values())
    page = Paginator(found, 50).get_page(request.GET.get("page"))
    titles = {q.code: q.title_in() for q in questionnaires.available()}
    for assessment in page.object_list:
        assessment.questionnaire_title = titles.get(
            assessment.questionnaire, assessment.questionnaire
        )
    return render(
        request,
        "assessments/list.html",
        {
            "form": form,
            "page": page,
            "can_start": selectors.startable_states(request.user) != set(),
            "networks": networks,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def assessment_new(request):
    states = selectors.startable_states(request.user)
    if states == set():
        raise Http404
    networks = list(selectors.startable_networks(request.user))
    if request.method != "POST":
        initial = {"state": next(iter(states))} if states and len(states) == 1 else {}
        if len(networks) == 1:
            initial["network"] = networks[0].code
        form = StartForm(initial=initial, states=states, networks=networks)
        return render(request, "assessments/new.html", {"form": form})
    chosen = request.POST.get("state", "")
    if states is not None and chosen and chosen not in states:
        raise Http404  # a State the user may not assess: as if it did not exist
    form = StartForm(request.POST, states=states, networks=networks)
    if not form.is_valid():
        return render(request, "assessments/new.html", {"form": form}, status=400)
    data = form.cleaned_data
    try:
        assessment = services.start_assessment(
            state=data["state"],
            questionnaire=data["questionnaire"],
            network=data["network"] or None,
            actor=request.user,
        )
    except services.NotAllowed as exc:
        raise Http404 from exc
    except services.AssessmentInputError as exc:
        for error in exc.errors:
            form.add_error(
                error["field"] if error["field"] in form.fields else None, error["message"]
            )
        return render(request, "assessments/new.html", {"form": form}, status=400)
    messages.success(request, _("The assessment was started as a draft."))
    return redirect(assessment)
