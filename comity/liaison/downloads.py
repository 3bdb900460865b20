"""An attachment as a download: decrypted in memory, never written in clear; each download is
recorded in the audit trail."""

from django.http import HttpResponse
from django.utils.http import content_disposition_header

from comity.audit.models import Action
from comity.audit.services import record
from comity.liaison import attachments
from comity.liaison.models import Attachment


def attachment_response(attachment: Attachment, user) -> HttpResponse:
    response = HttpResponse(attachments.content(attachment), content_type=attachment.content_type)
    response["Content-Disposition"] = content_disposition_header(True, attachment.name)
    response["Cache-Control"] = "no-store"
    record(
        actor=user,
        action=Action.DOWNLOAD,
        obj=attachment,
        after={"message": attachment.message_id},
    )
    return response
