"""One case: its details, deadlines and life cycle, and the forms that move it on."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from comity.casework import deadlines, letters, lifecycle, selectors, services
from comity.casework.forms import ConsultationForm, NoteForm, TransitionForm, add_service_errors
from comity.casework.views.common import case_or_404
from comity.casework.vocabulary import Direction, Status
from comity.core import access
from comity.core.access import Permission
from comity.core.errors import field_error
from comity.liaison import selectors as liaison_selectors

DEADLINE_NAMES = {
    "requested": gettext_lazy("the deadline asked by the requesting State"),
    "target": gettext_lazy("the internal target for this kind of request"),
    "statutory": gettext_lazy("the statutory deadline"),
}
# The other pages of a case, by URL name; the status enquiry only once an outgoing case was sent.
RELATED_PAGES = (
    ("casework:conditions", gettext_lazy("Conditions on use")),
    ("casework:files", gettext_lazy("Documents")),
    ("casework:sharing", gettext_lazy("Sharing and linked cases")),
)
ENQUIRY_PAGE = ("casework:status_enquiry", gettext_lazy("Status enquiry letter"))


def _related(case) -> list[tuple[str, str]]:
    enquiry = letters.is_outgoing(case) and letters.was_sent(case)
    pages = [*RELATED_PAGES, ENQUIRY_PAGE] if enquiry else RELATED_PAGES
    return [(reverse(name, args=[case.pk]), label) for name, label in pages]


def _entered(case) -> list[tuple[str, str]]:
    return [
        (Status(state).label if state in Status.values else state, day)
        for state, day in sorted(case.entered.items(), key=lambda item: item[1])
    ]


def render_detail(request, case, *, status=200, conflict="", **forms):
    """The case page; `forms` replace the empty forms (a failed POST shows its input again)."""
    can_change = access.can(request.user, Permission.CHANGE, case)
    incoming = case.direction == Direction.INCOMING
    nexts = selectors.next_states(case)
    context = {
        "case": case,
        "late": selectors.is_overdue(case),
        "governing": DEADLINE_NAMES.get(deadlines.which_deadline(case), ""),
        "entered": _entered(case),
        "events": case.events.select_related("actor"),
        "entities": case.entities.all(),
        "can_change": can_change,
        "incoming": incoming,
        "needs_consultation": incoming and bool(lifecycle.NEEDS_CONSULTATION & set(nexts)),
        "can_send": Status.SENT in nexts,
        "can_refuse": Status.REFUSED in nexts,
        "related": _related(case),
        "conflict": conflict,
        # The informal messages its request was started from (both ways: the message page
        # shows this case).
        "informal_origins": liaison_selectors.origins(request.user, case.request_id)
        if case.request_id
        else [],
    }
    if can_change:
        context.update(
            transition_form=TransitionForm(case=case),
            consultation_form=ConsultationForm(),
            note_form=NoteForm(),
        )
    context.update(forms)
    return render(request, "casework/case_detail.html", context, status=status)


@login_required
@require_GET
def case_detail(request, pk):
    return render_detail(request, case_or_404(request, pk))


@login_required
@require_POST
def case_transition(request, pk):
    case = case_or_404(request, pk, to_edit=True)
    form = TransitionForm(request.POST, case=case)
    if form.is_valid():
        try:
            moved = services.transition(case=case, actor=request.user, **form.service_kwargs())
        except services.StaleCase as exc:
            data = request.POST.copy()
            data["version"] = exc.current.version
            current = selectors.case_for(request.user, pk)
            form = TransitionForm(data, case=current)
            return render_detail(
                request, current, status=409, conflict=str(exc), transition_form=form
            )
        except services.TransitionNotAllowed as exc:
            form.add_error("to", str(exc))
        except services.CaseInputError as exc:
            add_service_errors(form, exc.errors)
        else:
            messages.success(
                request, _("The case is now %(status)s.") % {"status": moved.get_status_display()}
            )
            return redirect(moved)
    return render_detail(request, case, status=400, transition_form=form)


def _event_form(request, pk, form_class, name, save):
    case = case_or_404(request, pk, to_edit=True)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            save(case, form.cleaned_data)
        except services.CaseInputError as exc:
            add_service_errors(form, exc.errors)
        else:
            messages.success(request, _("Saved."))
            return redirect(case)
    return render_detail(request, case, status=400, **{name: form})


@login_required
@require_POST
def case_consult(request, pk):
    def save(case, data):
        if case.direction != Direction.INCOMING:
            raise services.CaseInputError(
                [field_error("note", _("Only an incoming request is consulted on."))]
            )
        services.record_consultation(case=case, actor=request.user, **data)

    return _event_form(request, pk, ConsultationForm, "consultation_form", save)


@login_required
@require_POST
def case_note(request, pk):
    def save(case, data):
        services.add_note(case=case, actor=request.user, note=data["note"])

    return _event_form(request, pk, NoteForm, "note_form", save)
