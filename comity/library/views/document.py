"""One document of the library: its details, articles, text (the query's words marked), source."""

from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from comity.core import access
from comity.library import files, query, selectors
from comity.library.snippets import Marker, marked
from comity.treaties.sources import standing

TEXT_SHOWN = 200_000  # characters of the text written into the page


@require_GET
def document_page(request, pk):
    document = selectors.document_for(request.user, pk)
    q = request.GET.get("q", "")[:500]
    forms, prefixes = query.parse(q).highlight_forms()
    marker = Marker(forms, prefixes)
    text = document.text[:TEXT_SHOWN]
    return render(
        request,
        "library/document.html",
        {
            "document": document,
            "articles": list(document.articles.all()),
            "q": q,
            "title": marked(document.title, marker, document.language),
            "summary": marked(document.summary, marker, document.language),
            "text": marked(text, marker, document.language, collapse=False) if marker else text,
            "text_cut": len(document.text) > TEXT_SHOWN,
            "standing": standing(document.source_url) if document.source_url else None,
            "can_change": access.can(request.user, access.Permission.CHANGE, document),
            "related": selectors.related(request.user, document),
        },
    )


@require_GET
def document_file(request, pk):
    document = selectors.document_for(request.user, pk)
    if not document.file:
        raise Http404
    try:
        handle = files.open_original(document.file)
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(handle, content_type=document.file_type or "application/octet-stream")
    # Always a download: an uploaded HTML file must never run as a page of this site.
    response["Content-Disposition"] = content_disposition_header(
        True, document.file_name or "document"
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
