"""The list of projects, a new project (from the gaps of an assessment), a project's page, its
details, its status, and its exports."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from ninja.responses import NinjaJSONEncoder

from comity.assessments.models import Assessment
from comity.assistance import exports, selectors, services
from comity.assistance import gaps as gap_info
from comity.assistance.forms import FilterForm, ProjectForm
from comity.assistance.schema import ProjectInputError
from comity.assistance.vocabulary import ProjectStatus
from comity.core import access
from comity.core.paging import MAX_LIMIT
from comity.geo.selectors import country_choices

PER_PAGE = 50


def show_errors(form, errors) -> None:
    """The service's errors beside the form's fields ("budget[1].amount" beside "budget")."""
    for error in errors:
        name = error["field"].split(".")[0].split("[")[0]
        form.add_error(name if name in form.fields else None, error["message"])


@login_required
@require_GET
def project_list(request):
    form = FilterForm(request.GET or None, networks=selectors.networks_seen(request.user))
    filters = form.filters() if request.GET else {"state": "", "network": "", "status": ""}
    found = selectors.projects(request.user, **filters)
    shown = list(found[:PER_PAGE])
    counts = selectors.gap_counts([p.pk for p in shown])
    rows = [(p, *counts.get(p.pk, (0, 0))) for p in shown]
    return render(
        request,
        "assistance/list.html",
        {
            "form": form,
            "rows": rows,
            "count": found.count(),
            "per_page": PER_PAGE,
            "query": request.GET.urlencode(),
            "can_add": services.may_create_any(request.user),
        },
    )


def _assessment(request):
    """The assessment named by ?assessment=, if the user may see it (404 otherwise)."""
    raw = request.GET.get("assessment", "")
    if not raw:
        return None
    if not raw.isdigit() or len(raw) > 18:
        raise Http404
    return get_object_or_404(
        Assessment.objects.restrict(request.user).select_related("state", "network"), pk=raw
    )


def _states_for(user):
    """The States a user may start a project for, as choices; None when only their own."""
    if access.is_site_admin(user) or access.network_ids(user)[1]:
        return country_choices()
    return None


@login_required
@require_http_methods(["GET", "POST"])
def project_new(request):
    assessment = _assessment(request)
    user = request.user
    if assessment is not None:
        state = assessment.state_id
        if not services.may_create(user, state=state, network=assessment.network):
            raise Http404
        gap_rows = [gap_info.described(a, status="") for a in gap_info.gaps_of(assessment)]
        states = None
    else:
        if not services.may_create_any(user):
            raise Http404
        gap_rows, states = [], _states_for(user)
        state = user.authority.country_id if states is None else request.POST.get("state", "")
    networks = selectors.networks_of(state) if state else selectors.networks_seen(user)
    initial = {"currency": "USD"}
    if assessment is not None and assessment.network_id:
        initial["network"] = assessment.network.code
    context = {"assessment": assessment, "gap_rows": gap_rows, "state": state}
    if request.method != "POST":
        form = ProjectForm(initial=initial, states=states, networks=networks, gaps=gap_rows)
        return _render_form(request, form, context)
    form = ProjectForm(request.POST, states=states, networks=networks, gaps=gap_rows)
    if not form.is_valid():
        return _render_form(request, form, context, status=400)
    data = form.data_for_service()
    if states is not None:
        state = form.cleaned_data["state"]
    try:
        project = services.create_project(
            state=state,
            title=data.pop("title"),
            network=data.pop("network"),
            gaps=data.pop("gaps"),
            data=data,
            actor=user,
        )
    except services.NotAllowed:
        form.add_error(
            "state" if states is not None else None,
            _("You may not start a project for this State: choose your own, or a network you run."),
        )
        return _render_form(request, form, context, status=400)
    except ProjectInputError as exc:
        show_errors(form, exc.errors)
        return _render_form(request, form, context, status=400)
    messages.success(
        request, _("The project was created. Add its objectives, activities and budget.")
    )
    return redirect(project)


def _render_form(request, form, context, *, project=None, status=200):
    return render(
        request,
        "assistance/project_form.html",
        {**context, "form": form, "project": project},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def project_edit(request, pk):
    project = selectors.project_for(request.user, pk, "change")
    current = [gap_info.described(a, status="") for a in project.gaps.select_related("assessment")]
    offered = {g.answer.pk for g in current}
    for assessment in selectors.assessments_of(request.user, project.state_id):
        for answer in gap_info.gaps_of(assessment):
            if answer.pk not in offered:
                offered.add(answer.pk)
                current.append(gap_info.described(answer, status=""))
    networks = selectors.networks_of(project.state_id)
    context = {"gap_rows": current, "state": project.state_id}
    if request.method != "POST":
        initial = {
            "title": project.title,
            "summary": project.summary,
            "network": project.network.code if project.network_id else "",
            "currency": project.currency,
            "start": project.start,
            "end": project.end,
            "gaps": [str(pk) for pk in project.gaps.values_list("pk", flat=True)],
        }
        form = ProjectForm(initial=initial, networks=networks, gaps=current)
        return _render_form(request, form, context, project=project)
    form = ProjectForm(request.POST, networks=networks, gaps=current)
    if not form.is_valid():
        return _render_form(request, form, context, project=project, status=400)
    try:
        services.update_project(project=project, data=form.data_for_service(), actor=request.user)
    except ProjectInputError as exc:
        show_errors(form, exc.errors)
        return _render_form(request, form, context, project=project, status=400)
    messages.success(request, _("Saved."))
    return redirect(project)


@login_required
@require_GET
def project_page(request, pk):
    project = selectors.project_for(request.user, pk)
    view = selectors.overview(project)
    return render(
        request,
        "assistance/project.html",
        {
            "view": view,
            "project": project,
            "can_change": selectors.may_change(request.user, project),
            "moves": [(status, ProjectStatus(status).label) for status in view.moves],
            "statuses": [
                (status.label, view.entered.get(status.value)) for status in ProjectStatus
            ],
        },
    )


@login_required
@require_POST
def project_transition(request, pk):
    project = selectors.project_for(request.user, pk, "change")
    to = request.POST.get("to", "")
    try:
        services.transition(project=project, to=to, actor=request.user)
    except services.TransitionNotAllowed as exc:
        messages.error(request, str(exc))
        return redirect(project)
    messages.success(
        request, _("The project is now: %(status)s.") % {"status": ProjectStatus(to).label}
    )
    return redirect(project)


@login_required
@require_GET
def export_csv(request):
    form = FilterForm(request.GET or None, networks=selectors.networks_seen(request.user))
    filters = form.filters() if request.GET else {"state": "", "network": "", "status": ""}
    found = selectors.projects(request.user, **filters)[: MAX_LIMIT * 20]
    response = HttpResponse(exports.csv_text(found), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="projects.csv"'
    return response


@login_required
@require_GET
def export_json(request, pk):
    project = selectors.project_for(request.user, pk)
    data = exports.project_data(selectors.overview(project))
    response = HttpResponse(
        json.dumps(data, cls=NinjaJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="project-{project.pk}.json"'
    return response
