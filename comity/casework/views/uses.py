"""The page of a case's conditions on the use of evidence, its consents, and the question "may I
use this material in these proceedings?"."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from comity.casework import conditions, selectors
from comity.casework.models import Case
from comity.casework.services import CaseInputError
from comity.casework.use_forms import (
    ConditionForm,
    ConsentForm,
    ConsentReplyForm,
    LiftForm,
    UseQuestionForm,
)
from comity.casework.vocabulary import ConsentReply
from comity.core import access


def case_or_404(request, pk, *, to_edit: bool = False) -> Case:
    """The case if the user may see it (or change it, with to_edit); 404 otherwise."""
    case = selectors.case_for(request.user, pk, to_edit=to_edit)
    if case is None:
        raise Http404
    return case


def may_change(user, case: Case) -> bool:
    return access.may_create(user, Case.access, owner=case.owner)


def saved(form, call) -> bool:
    """Run `call` (a service) when `form` is valid; its errors go beside the fields."""
    if not form.is_valid():
        return False
    try:
        call(form.cleaned_data)
    except CaseInputError as exc:
        form.add_service_errors(exc.errors)
        return False
    return True


def _forms(case, data, action: str, target) -> dict:
    """Every form of the page, the one that was sent bound to what the user typed; a lift form
    beside each condition in force, a reply form beside each consent awaiting its reply."""
    all_conditions = list(case.conditions.select_related("created_by"))
    in_force = [c for c in all_conditions if c.lifted_on is None]

    def bound(name, key=None):
        return data if action == name and (key is None or str(key) == str(target)) else None

    return {
        "condition_form": ConditionForm(bound("condition"), prefix="condition"),
        "consent_form": ConsentForm(bound("consent"), prefix="consent", conditions=in_force),
        "condition_rows": [
            (c, None if c.lifted_on else LiftForm(bound("lift", c.pk), prefix=f"lift-{c.pk}"))
            for c in all_conditions
        ],
        "consent_rows": [
            (
                c,
                ConsentReplyForm(bound("reply", c.pk), prefix=f"reply-{c.pk}")
                if c.reply == ConsentReply.PENDING
                else None,
            )
            for c in case.consents.select_related("condition")
        ],
    }


def _row_form(rows, pk):
    """The row of `rows` whose object has `pk`, and its form (None when it has none); 404 when
    there is no such row."""
    for obj, form in rows:
        if str(obj.pk) == str(pk):
            return obj, form
    raise Http404


def _apply(request, case, forms, action, target) -> bool:
    actor = request.user
    if action == "condition":
        return saved(
            forms["condition_form"],
            lambda d: conditions.add_condition(case=case, actor=actor, **d),
        )
    if action == "consent":
        in_force = {str(c.pk): c for c, form in forms["condition_rows"] if form is not None}
        return saved(
            forms["consent_form"],
            lambda d: conditions.request_consent(
                case=case,
                actor=actor,
                proceedings=d["proceedings"],
                material=d["material"],
                requested_on=d["requested_on"],
                condition=in_force.get(d["condition"]),
            ),
        )
    if action == "lift":
        condition, form = _row_form(forms["condition_rows"], target)
        if form is None:
            messages.error(request, _("This condition was already lifted."))
            return False
        return saved(
            form, lambda d: conditions.lift_condition(condition=condition, actor=actor, **d)
        )
    if action == "reply":
        consent, form = _row_form(forms["consent_rows"], target)
        if form is None:
            messages.error(request, _("This consent request was already answered."))
            return False
        return saved(
            form, lambda d: conditions.record_consent_reply(consent=consent, actor=actor, **d)
        )
    raise Http404


@login_required
@require_http_methods(["GET", "POST"])
def case_conditions(request, pk):
    """Conditions in force and lifted, consents asked and answered, and the question form."""
    posted = request.method == "POST"
    case = case_or_404(request, pk, to_edit=posted)
    action, target = request.POST.get("action", ""), request.POST.get("target", "")
    forms = _forms(case, request.POST if posted else None, action, target)
    if posted:
        if _apply(request, case, forms, action, target):
            messages.success(request, _("Saved. The change is in the case's history."))
            return redirect("casework:conditions", pk=case.pk)
        messages.error(request, _("Nothing was saved. Correct the fields marked below."))
    question = UseQuestionForm(request.GET if "proceedings" in request.GET else None)
    answer = None
    if question.is_bound and question.is_valid():
        answer = conditions.may_use(
            case, question.cleaned_data["proceedings"], question.cleaned_data["material"]
        )
    return render(
        request,
        "casework/conditions.html",
        {
            "case": case,
            "can_change": may_change(request.user, case),
            "question": question,
            "answer": answer,
            "exculpatory": conditions.EXCULPATORY,
            **forms,
        },
        status=400 if posted else 200,
    )
