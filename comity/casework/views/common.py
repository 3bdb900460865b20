"""What the case register's pages share: finding the case (404 when out of scope), paging."""

from django.core.paginator import Paginator
from django.http import Http404
from django.utils.functional import cached_property

from comity.casework import selectors

PAGE_SIZE = 50


def case_or_404(request, pk, *, to_edit: bool = False):
    found = selectors.case_for(request.user, pk, to_edit=to_edit)
    if found is None:
        raise Http404
    return found


def registrar_or_404(request) -> None:
    if not selectors.can_register(request.user):
        raise Http404


class BoundedPaginator(Paginator):
    """Pages of a list counted up to selectors.COUNT_LIMIT cases (`exact` says whether the count
    is the whole list): no page reads a whole register to count it."""

    @cached_property
    def count(self) -> int:
        return selectors.bounded_count(self.object_list)

    @property
    def exact(self) -> bool:
        return self.count < selectors.COUNT_LIMIT


def page_of(request, rows):
    """One page of `rows` (?page=) and the rest of the query, to build the other pages' links."""
    page = BoundedPaginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()


def with_overdue(cases) -> list:
    """The cases, each marked `late` when it is overdue (selectors.is_overdue)."""
    cases = list(cases)
    for case in cases:
        case.late = selectors.is_overdue(case)
    return cases
