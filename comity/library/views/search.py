"""The library's search page: a search box, results with highlights, facets and paging."""

from django.shortcuts import render
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from comity.library import selectors
from comity.library.forms import PER_PAGE, SearchForm
from comity.library.search import engine_name
from comity.library.transfer import may_import
from comity.library.vocabulary import FACETS

FACET_SHOWN = 8  # values shown before "more"


@require_GET
def search_page(request):
    form = SearchForm(request.GET)
    params = form.params()
    try:
        page = selectors.search(request.user, params)
    except selectors.SearchUnavailable:
        return render(request, "library/unavailable.html", {"form": form}, status=503)
    base = _query_items(request.GET)
    facets = [
        {
            "name": name,
            "values": [
                {
                    "value": v,
                    "url": "?" + urlencode(_toggled(base, name, v.value), doseq=True),
                }
                for v in page.facets.get(name, [])
            ],
        }
        for name in FACETS
    ]
    number = params.offset // PER_PAGE + 1
    last = max(1, min((page.count + PER_PAGE - 1) // PER_PAGE, selectors.MAX_OFFSET // PER_PAGE))
    return render(
        request,
        "library/search.html",
        {
            "form": form,
            "page": page,
            "facets": facets,
            "chosen": _chosen(base, page.facets),
            "number": number,
            "last": last,
            "previous_url": _page_url(base, number - 1) if number > 1 else "",
            "next_url": _page_url(base, number + 1) if number < last else "",
            "first_shown": params.offset + 1,
            "last_shown": params.offset + len(page.results),
            "facet_shown": FACET_SHOWN,
            "q": params.q,
            "can_add": request.user.is_authenticated and may_import(request.user),
            "engine": engine_name(),
        },
    )


def _query_items(get) -> list[tuple[str, str]]:
    return [(k, v) for k, values in get.lists() for v in values if k != "page" and v != ""]


def _toggled(items, name, value) -> list[tuple[str, str]]:
    if (name, value) in items:
        return [item for item in items if item != (name, value)]
    return [*items, (name, value)]


def _page_url(items, number: int) -> str:
    return "?" + urlencode([*items, ("page", str(number))], doseq=True)


def _chosen(items, counted) -> list[dict]:
    """The filters in force, each with the address that removes it."""
    out = []
    for name, value in items:
        if name not in FACETS:
            continue
        label = next(
            (v.label for v in counted.get(name, []) if v.value == value),
            selectors.facet_label(name, value),
        )
        out.append(
            {"name": name, "label": label, "url": "?" + urlencode(_toggled(items, name, value))}
        )
    return out
