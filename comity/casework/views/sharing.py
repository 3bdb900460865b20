"""Who a case is shared with, and the cases linked to it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from comity.casework import sharing
from comity.casework.models import CaseLink
from comity.casework.use_forms import ShareForm
from comity.casework.views.uses import case_or_404, may_change, saved
from comity.core.access import Permission


def _apply(request, case, form) -> bool:
    action = request.POST.get("action", "")
    if action == "share":
        people = {str(p.pk): p for p in sharing.colleagues(case)}
        return saved(
            form,
            lambda d: sharing.share_case(
                case=case, actor=request.user, user=people.get(d["user"]), reason=d["reason"]
            ),
        )
    if action == "end":
        share = sharing.shares(case).filter(pk=_number(request.POST.get("target"))).first()
        if share is None:
            raise Http404
        sharing.end_share(share=share, actor=request.user)
        return True
    if action in ("confirm", "dismiss"):
        link = (
            CaseLink.objects.restrict(request.user, Permission.CHANGE)
            .filter(case=case, pk=_number(request.POST.get("target")))
            .select_related("case", "other")
            .first()
        )
        if link is None:
            raise Http404
        sharing.decide_link(link=link, actor=request.user, confirmed=action == "confirm")
        return True
    raise Http404


def _number(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Http404 from None


@login_required
@require_http_methods(["GET", "POST"])
def case_sharing(request, pk):
    """The colleagues a case is shared with, the form to share it, and its linked cases."""
    posted = request.method == "POST"
    case = case_or_404(request, pk, to_edit=posted)
    can_change = may_change(request.user, case)
    sent = posted and request.POST.get("action") == "share"
    form = ShareForm(
        request.POST if sent else None, prefix="share", colleagues=sharing.colleagues(case)
    )
    if posted:
        if _apply(request, case, form):
            messages.success(request, _("Saved. The change is in the case's history."))
            return redirect("casework:sharing", pk=case.pk)
        messages.error(request, _("Nothing was saved. Correct the fields marked below."))
    return render(
        request,
        "casework/sharing.html",
        {
            "case": case,
            "can_change": can_change,
            "shares": sharing.shares(case),
            "form": form,
            **sharing.linked_cases(case, request.user),
        },
        status=400 if posted else 200,
    )
