"""The register: every case an officer may see, filtered and searched; and the overdue ones."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from comity.casework import selectors
from comity.casework.forms import RegisterFilterForm
from comity.casework.views.common import page_of, with_overdue


def _render(request, cases, *, form=None, overdue_list=False):
    page, query = page_of(request, cases)
    page.object_list = with_overdue(page.object_list)
    return render(
        request,
        "casework/register.html",
        {
            "form": form,
            "page": page,
            "query": query,
            "overdue_list": overdue_list,
            "can_register": selectors.can_register(request.user),
        },
    )


@login_required
@require_GET
def case_list(request):
    officers = selectors.officers(request.user.authority) if request.user.authority_id else ()
    form = RegisterFilterForm(request.GET or None, officers=officers)
    return _render(request, selectors.register(request.user, form.filters()), form=form)


@login_required
@require_GET
def overdue_list(request):
    return _render(request, selectors.overdue(request.user), overdue_list=True)
