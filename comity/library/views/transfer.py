"""Importing documents from a JSON-lines file on a page; exporting what the user may read."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from comity.library import transfer


@login_required
@require_http_methods(["GET", "POST"])
def import_page(request):
    if not transfer.may_import(request.user):
        raise Http404
    errors = []
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            errors = [{"row": 0, "field": "file", "message": _("Choose a JSON-lines file.")}]
        else:
            try:
                lines = upload.read().decode("utf-8-sig").splitlines()
                result = transfer.import_documents(
                    actor=request.user, rows=transfer.read_lines(lines)
                )
            except UnicodeDecodeError:
                errors = [{"row": 0, "field": "file", "message": _("The file must be UTF-8 text.")}]
            except transfer.LibraryImportError as exc:
                errors = exc.errors
            else:
                messages.success(
                    request,
                    _("Imported: %(created)d new documents, %(replaced)d replaced.") % result,
                )
                return redirect("library:search")
    return render(request, "library/import.html", {"errors": errors}, status=400 if errors else 200)


@login_required
@require_GET
def export_file(request):
    response = StreamingHttpResponse(
        transfer.export_lines(request.user), content_type="application/x-ndjson; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="library.jsonl"'
    return response
