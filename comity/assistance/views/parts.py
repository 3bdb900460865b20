"""Adding, changing and removing a project's objectives, activities, partners, budget lines,
indicators and progress reports: one small form each, re-shown with what was typed when a
check fails."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from comity.assistance import gaps as gap_info
from comity.assistance import selectors, services
from comity.assistance.forms import PART_FORMS, part_initial
from comity.assistance.schema import ProjectInputError
from comity.assistance.views.projects import show_errors
from comity.assistance.vocabulary import PartnerRole

TITLES = {
    "objectives": (gettext_lazy("Add an objective"), gettext_lazy("Change the objective")),
    "activities": (gettext_lazy("Add an activity"), gettext_lazy("Change the activity")),
    "partners": (gettext_lazy("Add a partner"), gettext_lazy("Change the partner")),
    "budget": (gettext_lazy("Add a budget line"), gettext_lazy("Change the budget line")),
    "indicators": (gettext_lazy("Add an indicator"), gettext_lazy("Change the indicator")),
    "reports": (gettext_lazy("Add a progress report"), gettext_lazy("Change the progress report")),
}


def _form(kind, project, user, *args, **kwargs):
    extra = {}
    if kind == "objectives":
        extra["gaps"] = [
            gap_info.described(a, status="") for a in project.gaps.select_related("assessment")
        ]
    elif kind == "activities":
        extra["events"] = selectors.events_for(user, project)
    elif kind == "budget":
        extra["donors"] = [
            p.name for p in project.partners.filter(role=PartnerRole.DONOR).order_by("name")
        ]
        extra["currency"] = project.currency
    return PART_FORMS[kind](*args, **extra, **kwargs)


def _part(project, kind, part_pk):
    return get_object_or_404(services.MODELS[kind].objects.filter(project=project), pk=part_pk)


def _render(request, form, project, kind, part=None, status=200):
    return render(
        request,
        "assistance/part_form.html",
        {
            "form": form,
            "project": project,
            "kind": kind,
            "part": part,
            "heading": TITLES[kind][1 if part else 0],
        },
        status=status,
    )


def _saved(request, project, kind):
    messages.success(request, _("Saved."))
    return redirect(f"{project.get_absolute_url()}#{kind}")


@login_required
@require_http_methods(["GET", "POST"])
def part_new(request, pk, kind):
    project = selectors.project_for(request.user, pk, "change")
    if kind not in PART_FORMS:
        raise Http404
    if request.method != "POST":
        return _render(request, _form(kind, project, request.user), project, kind)
    form = _form(kind, project, request.user, request.POST)
    if not form.is_valid():
        return _render(request, form, project, kind, status=400)
    try:
        services.add_part(
            project=project, kind=kind, data=form.data_for_service(), actor=request.user
        )
    except ProjectInputError as exc:
        show_errors(form, exc.errors)
        return _render(request, form, project, kind, status=400)
    return _saved(request, project, kind)


@login_required
@require_http_methods(["GET", "POST"])
def part_edit(request, pk, kind, part_pk):
    project = selectors.project_for(request.user, pk, "change")
    part = _part(project, kind, part_pk)
    if request.method != "POST":
        form = _form(kind, project, request.user, initial=part_initial(kind, part))
        return _render(request, form, project, kind, part)
    form = _form(kind, project, request.user, request.POST)
    if not form.is_valid():
        return _render(request, form, project, kind, part, status=400)
    try:
        services.change_part(part=part, data=form.data_for_service(), actor=request.user)
    except ProjectInputError as exc:
        show_errors(form, exc.errors)
        return _render(request, form, project, kind, part, status=400)
    return _saved(request, project, kind)


@login_required
@require_http_methods(["GET", "POST"])
def part_delete(request, pk, kind, part_pk):
    project = selectors.project_for(request.user, pk, "change")
    part = _part(project, kind, part_pk)
    if request.method == "POST":
        services.remove_part(part=part, actor=request.user)
        messages.success(request, _("Removed."))
        return redirect(f"{project.get_absolute_url()}#{kind}")
    return render(
        request, "assistance/part_delete.html", {"project": project, "part": part, "kind": kind}
    )
