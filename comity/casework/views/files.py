"""The files of a case: the list, the upload form, and downloads."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from comity.casework import files, selectors
from comity.casework.models import Attachment
from comity.casework.use_forms import AttachmentForm
from comity.casework.views.uses import case_or_404, may_change, saved


@login_required
@require_http_methods(["GET", "POST"])
def case_files(request, pk):
    """The letters, e-mails, results and annexes of a case; its writers and the colleagues it is
    shared with add to them."""
    case = case_or_404(request, pk)
    can_add = selectors.may_contribute(request.user, case)
    posted = request.method == "POST"
    if posted and not can_add:
        raise Http404
    form = AttachmentForm(request.POST if posted else None, request.FILES if posted else None)
    if posted:
        if saved(
            form,
            lambda d: files.add_attachment(
                case=case,
                actor=request.user,
                upload=d["file"],
                kind=d["kind"],
                title=d["title"],
                dated=d["dated"],
                incoming=d["incoming"],
            ),
        ):
            messages.success(request, _("The file was added to the case."))
            return redirect("casework:files", pk=case.pk)
        messages.error(
            request,
            _("Nothing was saved. Correct the fields marked below and choose the file again."),
        )
    return render(
        request,
        "casework/files.html",
        {
            "case": case,
            "can_change": may_change(request.user, case),
            "can_add": can_add,
            "attachments": case.attachments.select_related("uploaded_by"),
            "form": form,
        },
        status=400 if posted else 200,
    )


@login_required
@require_GET
def case_file(request, pk, file_pk):
    """One file, as a download that the browser never displays or runs."""
    case = case_or_404(request, pk)
    attachment = Attachment.objects.restrict(request.user).filter(pk=file_pk, case=case).first()
    if attachment is None:
        raise Http404
    try:
        stored = files.download(attachment=attachment, actor=request.user)
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        stored,
        as_attachment=True,
        filename=attachment.file_name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    return response
