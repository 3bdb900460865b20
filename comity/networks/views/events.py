"""Meetings: the list, a new meeting, its page (agenda, participants, attendance, minutes,
decisions, action items), its calendar file, and the action items across meetings."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from comity.accounts.emails import site_url_from_settings
from comity.core import access
from comity.geo.models import Country
from comity.library.models import Document
from comity.library.vocabulary import DocumentType
from comity.networks import ics, invitations, selectors, services
from comity.networks.forms import ActionForm, AgendaForm, EventForm, MinutesForm, ParticipantForm
from comity.networks.models import ActionItem, AgendaItem
from comity.networks.vocabulary import Attendance


def _countries():
    return list(Country.objects.order_by("iso3"))


def _form_errors(form, exc: services.NetworkInputError) -> None:
    for error in exc.errors:
        field = error["field"].split("[")[0].split(".")[-1]
        form.add_error(field if field in form.fields else None, error["message"])


@require_GET
@login_required
def event_list(request):
    events = selectors.events_for(request.user)
    code = request.GET.get("network") or ""
    if code:
        events = events.filter(network__code=code)
    past = request.GET.get("when") == "past"
    now = timezone.now()
    events = (
        events.filter(end__lt=now).order_by("-start")
        if past
        else events.filter(end__gte=now).order_by("start")
    )
    return render(
        request,
        "networks/event_list.html",
        {"events": events[:200], "past": past, "network_code": code},
    )


@require_http_methods(["GET", "POST"])
@login_required
def event_new(request, code):
    network = selectors.network_for(code)
    if not services.may_manage(request.user, network):
        raise Http404
    form = EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.create_event(
                network=network, data=form.cleaned_data, actor=request.user
            )
        except services.NetworkInputError as exc:
            _form_errors(form, exc)
        else:
            messages.success(
                request, _("The meeting was created. Add its agenda and participants.")
            )
            return redirect(event)
    return render(request, "networks/event_form.html", {"network": network, "form": form})


@require_http_methods(["GET", "POST"])
@login_required
def event_edit(request, pk):
    event = selectors.event_for(request.user, pk, "change")
    initial = {
        "kind": event.kind,
        "title": event.title,
        "description": event.description,
        "start": timezone.localtime(event.start).strftime("%Y-%m-%dT%H:%M"),
        "end": timezone.localtime(event.end).strftime("%Y-%m-%dT%H:%M"),
        "place": event.place,
        "online_url": event.online_url,
    }
    form = EventForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_event(event=event, data=form.cleaned_data, actor=request.user)
        except services.NetworkInputError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("The meeting was saved."))
            return redirect(event)
    return render(
        request,
        "networks/event_form.html",
        {"network": event.network, "form": form, "event": event},
    )


@require_GET
@login_required
def event_detail(request, pk):
    event = selectors.event_for(request.user, pk)
    return _page(request, event, manage=access.can(request.user, "change", event))


def _page(request, event, *, manage=True, status=200, **forms):
    """The meeting's page; for those who keep it, its forms: the one given (bound, with its
    errors, after a failed save) and the others as they start."""
    context = {"event": event, "manage": manage, **_shown(event, request.user)}
    if manage:
        decisions = "\n".join(d.text for d in context["decisions"])
        context.update(
            participant_form=forms.get("participant_form")
            or ParticipantForm(countries=_countries()),
            action_form=forms.get("action_form") or ActionForm(),
            minutes_form=forms.get("minutes_form")
            or MinutesForm(initial={"minutes": event.minutes, "decisions": decisions}),
            attendance_choices=Attendance.choices,
        )
    return render(request, "networks/event_detail.html", context, status=status)


def _shown(event, user) -> dict:
    return {
        "zone": timezone.get_current_timezone_name(),
        "today": timezone.localdate(),
        **selectors.event_details(event, user),
    }


def _managed(request, pk):
    return selectors.event_for(request.user, pk, "change")


@require_http_methods(["GET", "POST"])
@login_required
def event_agenda(request, pk):
    event = _managed(request, pk)
    # The library's publications (manuals, guides, model laws) and what the agenda already has;
    # at most 500, by title.
    attached = AgendaItem.documents.through.objects.filter(agendaitem__event=event)
    documents = list(
        Document.objects.restrict(request.user)
        .filter(Q(type=DocumentType.PUBLICATION) | Q(pk__in=attached.values("document_id")))
        .order_by("title")[:500]
    )
    current = list(event.agenda.prefetch_related("documents"))
    form = AgendaForm(request.POST or None, initial={"items": "\n".join(a.title for a in current)})
    chosen = {a.position: {str(d.pk) for d in a.documents.all()} for a in current}
    if request.method == "POST":
        chosen = {
            int(key.split("-")[1]): set(request.POST.getlist(key))
            for key in request.POST
            if key.startswith("documents-") and key.split("-")[1].isdigit()
        }
        if form.is_valid():
            # An item kept under the same title keeps its notes and the documents this user
            # cannot read (and so could not choose).
            readable = {d.pk for d in documents}
            kept = {a.title: a for a in current}
            items = []
            for i, line in enumerate(form.lines(), start=1):
                before = kept.get(line)
                hidden = [
                    d.pk for d in (before.documents.all() if before else []) if d.pk not in readable
                ]
                items.append(
                    {
                        "title": line,
                        "notes": before.notes if before else "",
                        "documents": [int(d) for d in chosen.get(i, ()) if d.isdigit()] + hidden,
                    }
                )
            try:
                services.set_agenda(event=event, items=items, actor=request.user)
            except services.NetworkInputError as exc:
                _form_errors(form, exc)
            else:
                messages.success(request, _("The agenda was saved."))
                return redirect(event)
    lines = form.lines() if form.is_bound and form.is_valid() else [a.title for a in current]
    rows = [(i, line, chosen.get(i, set())) for i, line in enumerate(lines, start=1)]
    return render(
        request,
        "networks/event_agenda.html",
        {
            "event": event,
            "form": form,
            "rows": rows,
            "documents": documents,
            "spare": len(rows) + 1,
        },
    )


@require_POST
@login_required
def participant_add(request, pk):
    event = _managed(request, pk)
    form = ParticipantForm(request.POST, countries=_countries())
    if form.is_valid():
        d = form.cleaned_data
        try:
            services.add_participant(
                event=event,
                actor=request.user,
                name=d["name"],
                email=d["email"],
                country=Country.objects.filter(iso3=d["country"]).first(),
                organisation=d["organisation"],
                role=d["role"],
            )
        except services.NetworkInputError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("%(name)s was added.") % {"name": d["name"]})
            return redirect(event.get_absolute_url() + "#participants")
    return _page(request, event, status=400, participant_form=form)


@require_POST
@login_required
def participants_from_network(request, pk):
    """Invite the current focal points of every member State, with the addresses on record."""
    event = _managed(request, pk)
    if event.network is None:
        raise Http404
    added = 0
    known = set(event.participants.values_list("email", flat=True))
    for state in selectors.member_states(event.network):
        for term in state.current:
            if not term.email or term.email.lower() in known:
                continue
            services.add_participant(
                event=event,
                actor=request.user,
                name=term.person_name
                or (term.authority.name if term.authority else term.country_id),
                email=term.email,
                country=term.country,
                authority=term.authority,
            )
            known.add(term.email.lower())
            added += 1
    messages.success(request, _("%(count)s focal points were added.") % {"count": added})
    return redirect(event.get_absolute_url() + "#participants")


@require_POST
@login_required
def invite(request, pk):
    event = _managed(request, pk)
    sent, failed = invitations.invite(event=event, actor=request.user)
    if failed:
        messages.error(
            request,
            _("%(sent)s invitations were sent; %(failed)s could not be sent. Try again later.")
            % {"sent": sent, "failed": failed},
        )
    else:
        messages.success(request, _("%(sent)s invitations were sent.") % {"sent": sent})
    return redirect(event.get_absolute_url() + "#participants")


@require_POST
@login_required
def attendance(request, pk):
    event = _managed(request, pk)
    marks = {}
    for key, value in request.POST.items():
        if key.startswith("attendance-") and key[11:].isdigit():
            marks[int(key[11:])] = value
    try:
        changed = services.record_attendance(event=event, marks=marks, actor=request.user)
    except services.NetworkInputError as exc:
        messages.error(request, exc.errors[0]["message"])
    else:
        messages.success(request, _("Attendance saved (%(count)s changed).") % {"count": changed})
    return redirect(event.get_absolute_url() + "#participants")


@require_POST
@login_required
def minutes(request, pk):
    event = _managed(request, pk)
    form = MinutesForm(request.POST)
    if form.is_valid():
        services.save_minutes(
            event=event,
            minutes=form.cleaned_data["minutes"],
            decisions=form.cleaned_data["decisions"].splitlines(),
            actor=request.user,
        )
        messages.success(request, _("The minutes and decisions were saved."))
        return redirect(event.get_absolute_url() + "#minutes")
    return _page(request, event, status=400, minutes_form=form)


@require_POST
@login_required
def transition(request, pk):
    event = _managed(request, pk)
    try:
        services.transition(event, to=request.POST.get("to", ""), actor=request.user)
    except services.TransitionRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The meeting's status was changed."))
    return redirect(event)


@require_POST
@login_required
def action_add(request, pk):
    event = _managed(request, pk)
    form = ActionForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            services.add_action(
                event=event,
                title=d["title"],
                deadline=d["deadline"],
                owner_name=d["owner_name"],
                owner_email=d["owner_email"],
                actor=request.user,
            )
        except services.NetworkInputError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("The action item was added."))
            return redirect(event.get_absolute_url() + "#actions")
    return _page(request, event, status=400, action_form=form)


@require_POST
@login_required
def action_done(request, pk):
    action = get_object_or_404(ActionItem.objects.restrict(request.user, "change"), pk=pk)
    services.complete_action(action=action, note=request.POST.get("note", ""), actor=request.user)
    messages.success(request, _("The action item is done."))
    return redirect(action.get_absolute_url())


@require_GET
@login_required
def action_list(request):
    actions = selectors.actions_for(request.user)
    show = request.GET.get("show", "open")
    if show == "overdue":
        actions = actions.overdue()
    elif show == "open":
        actions = actions.open()
    return render(
        request,
        "networks/action_list.html",
        {
            "actions": actions.order_by("deadline", "pk")[:500],
            "show": show,
            "today": timezone.localdate(),
        },
    )


@require_GET
@login_required
def event_ics(request, pk):
    event = selectors.event_for(request.user, pk)
    body = ics.event_ics(event, site_url=site_url_from_settings())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="meeting-{event.pk}.ics"'
    return response


@require_http_methods(["GET", "POST"])
def register(request, token):
    """Registration from the invitation's link; works without an account."""
    participant = invitations.participant_of(token)
    if participant is None:
        raise Http404
    if request.method == "POST":
        services.register(
            participant=participant, actor=request.user if request.user.is_authenticated else None
        )
        messages.success(request, _("Thank you: your participation is confirmed."))
        return redirect("networks:register", token=token)
    return render(
        request,
        "networks/register.html",
        {"participant": participant, "event": participant.event},
    )
