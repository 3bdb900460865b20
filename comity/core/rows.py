"""Writing to a row that a page or endpoint read a moment before.

Between the read and the write someone else may have deleted the row (a draft deleted in another
tab, an authority removed from the directory). The write then finds nothing: that is the
ordinary "not found" of the caller, never a server error.
"""

from django.http import Http404


class Gone(Http404):
    """The row was deleted between the caller's read and its write; nothing was changed."""


def locked(queryset, pk):
    """The row `pk` of `queryset`, locked for this transaction (Gone when it no longer exists)."""
    try:
        return queryset.select_for_update(of=("self",)).get(pk=pk)
    except queryset.model.DoesNotExist as exc:
        raise Gone from exc


def reread(queryset, pk):
    """The row `pk` as it is now, unlocked (Gone when it no longer exists)."""
    try:
        return queryset.get(pk=pk)
    except queryset.model.DoesNotExist as exc:
        raise Gone from exc
