"""One message: its handling code and evaluation above all, the exchange it belongs to, what it
is about, its files, who read it (for its sender), and what may be done with it: answer, ask
for consent, consent, forward, request it formally; for witness protection, the protected
person under need-to-know."""

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from comity.accounts.models import User
from comity.casework import selectors as casework
from comity.core import access
from comity.directory.models import Authority
from comity.drafting.models import Request
from comity.liaison import formal, protection, selectors, services
from comity.liaison.downloads import attachment_response
from comity.liaison.forms import ConsentForm, ForwardForm, NameUserForm
from comity.liaison.models import Attachment, FormalRequest, NamedUser, ProtectedPerson
from comity.liaison.views.boxes import member
from comity.liaison.vocabulary import Handling, MessageKind


def _found(request, pk):
    user = member(request)
    found = selectors.message(user, pk)
    if found is None:
        raise Http404
    return user, found


def _person(found):
    if found.kind != MessageKind.PROTECTION:
        return None
    return ProtectedPerson.objects.filter(message=found).first()


def _formal_links(user, found) -> list[dict]:
    """The drafts started from the message that the user may see, with their registered case."""
    ids = FormalRequest.objects.restrict(user).filter(message=found).values("request_id")
    return [
        {"request": draft, "case": casework.case_of_request(user, draft)}
        for draft in Request.objects.restrict(user).filter(pk__in=ids).order_by("created_at")
    ]


def page_context(user, found, **extra) -> dict:
    person = _person(found)
    mine = found.sender_id == user.authority_id
    supervisor = access.liaison_may(user, access.LiaisonRole.SUPERVISOR)
    officer = access.liaison_may(user, access.LiaisonRole.OFFICER)
    originators = services.originators(found)
    missing = services.missing_consents(found, user.authority, originators)
    context = {
        "message": found,
        "thread": selectors.thread(user, found),
        "entities": list(found.entities.all()),
        "attachments": [] if found.purged_at else list(found.attachments.all()),
        "reads": list(selectors.reads(found)) if mine else None,
        "mine": mine,
        "officer": officer,
        "supervisor": supervisor,
        "may_answer": officer
        and not found.purged_at
        and found.kind not in (MessageKind.CONSENT,)
        and not mine,
        "may_consent": supervisor
        and user.authority_id in originators
        and found.kind == MessageKind.CONSENT_REQUEST,
        "may_forward": supervisor and found.kind != MessageKind.PROTECTION and not found.purged_at,
        "may_ask_consent": officer and bool(missing),
        "missing": Authority.objects.filter(pk__in=missing).order_by("name"),
        "may_formalise": officer
        and (not mine or found.kind == MessageKind.REQUEST)
        and not found.purged_at
        and found.kind in (MessageKind.REQUEST, MessageKind.ANSWER, MessageKind.SPONTANEOUS),
        "formal_links": _formal_links(user, found),
        "h1": found.handling == Handling.H1,
        "forward_form": ForwardForm(authorities=selectors.contact_points(user)),
        "consent_form": ConsentForm(),
        "person": person,
    }
    if person is not None:
        named = list(selectors.named_users(person))
        context.update(
            {
                "named": named,
                "may_see_identity": any(n.user_id == user.pk for n in named),
                "identity_views": list(selectors.identity_views(person)) if mine else None,
                "name_form": _name_form(user, named) if supervisor else None,
            }
        )
    context.update(extra)
    return context


def _name_form(user, named):
    """The form to name a colleague, when someone is left to name."""
    people = _colleagues(user, named)
    return NameUserForm(people=people) if people else None


def _colleagues(user, named):
    already = {n.user_id for n in named}
    return [
        u
        for u in User.objects.filter(authority_id=user.authority_id, is_active=True)
        .exclude(liaison_role="")
        .order_by("username")
        if u.pk not in already
    ]


@login_required
@require_GET
def message(request, pk: int):
    user, found = _found(request, pk)
    services.read(message=found, actor=user)
    return render(request, "liaison/message.html", page_context(user, found))


@login_required
@require_POST
def forward(request, pk: int):
    user, found = _found(request, pk)
    form = ForwardForm(request.POST, authorities=selectors.contact_points(user))
    status, refused = 400, ""
    if form.is_valid():
        target = Authority.objects.get(pk=form.cleaned_data["to_authority"])
        try:
            copy = services.forward(message=found, to_authority=target, actor=user)
        except services.ConsentMissing as exc:
            status, refused = 409, str(exc)
        except services.LiaisonInputError as exc:
            for error in exc.errors:
                form.add_error(None, error["message"])
        except PermissionError as exc:
            raise Http404 from exc
        else:
            flash.success(
                request,
                _("Forwarded to %(name)s as message %(n)s.") % {"name": target.name, "n": copy.pk},
            )
            return redirect("liaison:message", found.pk)
    context = page_context(user, found, forward_form=form, refused=refused)
    return render(request, "liaison/message.html", context, status=status)


@login_required
@require_POST
def consent(request, pk: int):
    user, found = _found(request, pk)
    form = ConsentForm(request.POST)
    if form.is_valid():
        try:
            answer = services.consent(
                message=found,
                granted=form.cleaned_data["granted"],
                note=form.cleaned_data["note"],
                actor=user,
            )
        except services.LiaisonInputError as exc:
            for error in exc.errors:
                form.add_error(None, error["message"])
        except PermissionError as exc:
            raise Http404 from exc
        else:
            flash.success(request, _("Your answer was sent as message %(n)s.") % {"n": answer.pk})
            return redirect("liaison:message", found.pk)
    context = page_context(user, found, consent_form=form)
    return render(request, "liaison/message.html", context, status=400)


@login_required
@require_POST
def request_formally(request, pk: int):
    user, found = _found(request, pk)
    try:
        link = formal.request_formally(message=found, actor=user)
    except services.ConsentMissing as exc:
        context = page_context(user, found, formal_errors=[str(exc)])
        return render(request, "liaison/message.html", context, status=409)
    except services.LiaisonInputError as exc:
        context = page_context(user, found, formal_errors=[e["message"] for e in exc.errors])
        return render(request, "liaison/message.html", context, status=400)
    except PermissionError as exc:
        raise Http404 from exc
    flash.success(
        request,
        _("A draft request was started from message %(n)s. Review the facts marked in it.")
        % {"n": found.pk},
    )
    return redirect("drafting:step", link.request_id, "parties")


@login_required
@require_POST
def identity(request, pk: int):
    user, found = _found(request, pk)
    person = _person(found)
    if person is None:
        raise Http404
    try:
        shown = protection.show_identity(person=person, actor=user)
    except protection.NotNamed as exc:
        raise Http404 from exc
    return render(request, "liaison/message.html", page_context(user, found, identity=shown))


@login_required
@require_POST
def name_user(request, pk: int):
    user, found = _found(request, pk)
    person = _person(found)
    if person is None or not access.liaison_may(user, access.LiaisonRole.SUPERVISOR):
        raise Http404
    named = list(selectors.named_users(person))
    form = NameUserForm(request.POST, people=_colleagues(user, named))
    if form.is_valid():
        colleague = User.objects.get(pk=form.cleaned_data["user"])
        protection.name_user(person=person, user=colleague, actor=user)
        flash.success(request, _("%(name)s may now see the identity.") % {"name": colleague})
        return redirect("liaison:message", found.pk)
    context = page_context(user, found, name_form=form)
    return render(request, "liaison/message.html", context, status=400)


@login_required
@require_POST
def unname_user(request, pk: int, named_pk: int):
    user, found = _found(request, pk)
    person = _person(found)
    if person is None:
        raise Http404
    named = get_object_or_404(NamedUser, person=person, pk=named_pk)
    try:
        protection.unname_user(named=named, actor=user)
    except PermissionError as exc:
        raise Http404 from exc
    return redirect("liaison:message", found.pk)


@login_required
@require_GET
def attachment(request, pk: int, attachment_pk: int):
    user, found = _found(request, pk)
    if found.purged_at:
        raise Http404
    return attachment_response(get_object_or_404(Attachment, message=found, pk=attachment_pk), user)
