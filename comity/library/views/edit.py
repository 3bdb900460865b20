"""Adding, changing and deleting a document. A save that fails keeps everything typed; a save
that meets someone else's change says so and keeps what was typed for a deliberate second save."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from comity.core import access
from comity.library import selectors, services
from comity.library.forms import DocumentForm, initial_for
from comity.library.transfer import may_import


def _render(request, form, *, document=None, status=200, conflict=False):
    return render(
        request,
        "library/document_form.html",
        {
            "form": form,
            "document": document,
            "conflict": conflict,
            "type_fields": DocumentForm.TYPE_FIELDS,
        },
        status=status,
    )


def _upload(request):
    upload = request.FILES.get("file")
    return (upload.read(), upload.name) if upload else None


def _show_errors(form, errors) -> None:
    for error in errors:
        name = error["field"].split(".")[0]
        form.add_error(name if name in form.fields else None, error["message"])


@login_required
@require_http_methods(["GET", "POST"])
def document_new(request):
    if not may_import(request.user):
        raise Http404
    if request.method != "POST":
        return _render(request, DocumentForm(initial={"access": "public"}))
    form = DocumentForm(request.POST, request.FILES)
    if not form.is_valid():
        return _render(request, form, status=400)
    try:
        document = services.create(
            actor=request.user, data=form.data_for_service(), upload=_upload(request)
        )
    except services.LibraryInputError as exc:
        _show_errors(form, exc.errors)
        return _render(request, form, status=400)
    messages.success(request, _("The document was added. It is searchable now."))
    return redirect(document)


def _writable(request, pk):
    document = selectors.document_for(request.user, pk)
    if not access.can(request.user, access.Permission.CHANGE, document):
        raise Http404
    return document


@login_required
@require_http_methods(["GET", "POST"])
def document_edit(request, pk):
    document = _writable(request, pk)
    if request.method != "POST":
        return _render(request, DocumentForm(initial=initial_for(document)), document=document)
    form = DocumentForm(request.POST, request.FILES)
    if not form.is_valid():
        return _render(request, form, document=document, status=400)
    data = form.data_for_service()
    _keep_article_texts(document, data)
    try:
        saved = services.update(
            actor=request.user,
            document=document,
            data={**data, "key": document.key},
            upload=_upload(request),
            version=form.cleaned_data.get("version"),
        )
    except services.StaleDocument as exc:
        fresh = request.POST.copy()
        fresh["version"] = exc.document.version
        form = DocumentForm(fresh)
        form.is_valid()
        return _render(request, form, document=exc.document, status=409, conflict=True)
    except services.LibraryInputError as exc:
        _show_errors(form, exc.errors)
        return _render(request, form, document=document, status=400)
    messages.success(request, _("Saved."))
    return redirect(saved)


def _keep_article_texts(document, data: dict) -> None:
    """The form edits an article's number, heading and provisions; its text (imported) stays."""
    texts = {a.number: a.text for a in document.articles.all()}
    for article in data.get("articles", []):
        article["text"] = texts.get(article["number"], "")


@login_required
@require_http_methods(["GET", "POST"])
def document_delete(request, pk):
    document = _writable(request, pk)
    if request.method == "POST":
        services.delete(actor=request.user, document=document)
        messages.success(request, _("The document was deleted."))
        return redirect("library:search")
    return render(request, "library/document_delete.html", {"document": document})
