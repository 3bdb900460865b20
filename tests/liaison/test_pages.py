"""The informal channel's pages, used as its analysts use them: writing with errors kept,
files encrypted, forwarding refused until consent, a formal request started from an answer and
linked both ways with the register, purge, witness protection under need-to-know, printouts
and exports that carry the handling code, and reply-by reminders."""

import io
from pathlib import Path

import pytest
from django.core import mail
from django.core.files.storage import storages
from django.core.management import call_command
from django.utils import timezone
from pypdf import PdfReader

from comity.audit.models import Action, AuditEntry
from comity.casework import services as casework
from comity.drafting.models import Request, Status
from comity.liaison import services
from comity.liaison.models import Attachment, IdentityView, Message
from tests import factories
from tests.liaison.test_channel import BODY, request_and_answer

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n% secret scan of a bank statement\n"


def _compose(fius, **extra) -> dict:
    data = {
        "to_authority": str(fius["nigeria_fiu"].pk),
        "kind": "request",
        "subject": "Two accounts of Harbour Holdings",
        "body": BODY,
        "handling": "H2",
        "source_evaluation": "B",
        "information_evaluation": "2",
        "priority": "routine",
        "entity_type_0": "account",
        "entity_value_0": "GB29 NWBK 6016 1331 9268 19",
    }
    data.update(extra)
    return data


def test_a_refused_message_keeps_what_was_typed_and_names_each_field(client, fius):
    client.force_login(fius["gha"])
    answer = client.post(
        "/liaison/new/",
        _compose(fius, handling="H3", source_evaluation="", entity_type_1="", entity_value_1="x"),
    )
    assert answer.status_code == 400
    page = answer.content.decode()
    assert "Say which restrictions apply (H3)." in page
    assert "Give a type and a value" in page  # the second row: a value without a type
    assert BODY in page and "Two accounts of Harbour Holdings" in page
    assert not Message.objects.exists()


def test_files_are_checked_and_stored_encrypted(client, fius):
    client.force_login(fius["gha"])
    refused = client.post(
        "/liaison/new/",
        {
            **_compose(fius),
            "attachments": [io.BytesIO(b"MZ\x90\x00 not a document")],
        },
    )
    assert refused.status_code == 400
    assert "not one of the accepted kinds" in refused.content.decode()
    upload = io.BytesIO(PDF)
    upload.name = "statement.pdf"
    sent = client.post("/liaison/new/", {**_compose(fius), "attachments": [upload]})
    assert sent.status_code == 302
    attachment = Attachment.objects.get()
    stored = storages["liaison"].open(attachment.key).read()
    assert b"bank statement" not in stored and b"%PDF" not in stored
    client.force_login(fius["nga"])
    download = client.get(f"/liaison/{attachment.message_id}/files/{attachment.pk}/")
    assert download.status_code == 200 and download.content == PDF
    assert "statement.pdf" in download["Content-Disposition"]
    assert AuditEntry.objects.filter(action=Action.DOWNLOAD).exists()


def test_forwarding_is_refused_on_the_page_until_the_originator_consents(client, fius):
    _request, answer = request_and_answer(fius)
    police = {"to_authority": str(fius["nigeria_police"].pk)}
    client.force_login(fius["nga"])
    refused = client.post(f"/liaison/{answer.pk}/forward/", police)
    assert refused.status_code == 409
    assert "Not forwarded." in refused.content.decode()
    form = client.get(f"/liaison/new/?consent_for={answer.pk}")
    assert form.status_code == 200
    initial = form.context["form"].initial
    assert initial["to_authority"] == str(fius["ghana_fiu"].pk)
    asked = client.post(
        f"/liaison/new/?consent_for={answer.pk}",
        {**initial, "kind": "consent_request", "body": "May we pass it to our police?"},
    )
    assert asked.status_code == 302, asked.context["form"].errors
    consent_request = Message.objects.get(kind="consent_request")
    client.force_login(fius["gha"])
    page = client.get(f"/liaison/{consent_request.pk}/")
    assert "Consent to passing the information on" in page.content.decode()
    assert (
        client.post(f"/liaison/{consent_request.pk}/consent/", {"granted": "yes"}).status_code
        == 302
    )
    client.force_login(fius["nga"])
    assert client.post(f"/liaison/{answer.pk}/forward/", police).status_code == 302
    copy = Message.objects.get(forwarded_from=answer)
    assert copy.recipient == fius["nigeria_police"] and copy.handling == answer.handling


def test_request_this_formally_starts_a_draft_linked_both_ways(client, fius):
    _request, answer = request_and_answer(fius)
    client.force_login(fius["gha"])
    started = client.post(f"/liaison/{answer.pk}/formal/")
    assert started.status_code == 302
    draft = Request.objects.get()
    assert draft.requested_state_id == "NGA" and draft.owner == fius["ghana_fiu"]
    assert "[[" in draft.data["facts"] and "shell company" in draft.data["facts"]
    step = client.get(started["Location"]).content.decode()
    assert "Started from the informal channel" in step
    assert f"/liaison/{answer.pk}/" in step and "H1" in step
    review = client.get(f"/requests/{draft.pk}/review/").content.decode()
    assert "informal exchange" in review  # the check that stops unreviewed text
    # Registered as a case: the case shows the message, the message shows the case.
    Request.objects.filter(pk=draft.pk).update(status=Status.FINAL, finalised_at=timezone.now())
    fius["gha"].role = "officer"
    case = casework.open_outgoing(request=Request.objects.get(pk=draft.pk), actor=fius["gha"])
    assert f"/liaison/{answer.pk}/" in client.get(f"/cases/{case.pk}/").content.decode()
    assert case.our_reference in client.get(f"/liaison/{answer.pk}/").content.decode()


def test_after_expiry_purge_removes_bodies_and_files_and_the_pages_say_so(
    client,
    fius,
    django_capture_on_commit_callbacks,
):
    upload = io.BytesIO(PDF)
    upload.name = "statement.pdf"
    client.force_login(fius["gha"])
    client.post("/liaison/new/", {**_compose(fius), "attachments": [upload]})
    message = Message.objects.get()
    key = Attachment.objects.get().key
    Message.objects.filter(pk=message.pk).update(expires_on="2020-01-01")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge", stdout=io.StringIO())
    assert not storages["liaison"].exists(key)
    page = client.get(f"/liaison/{message.pk}/").content.decode()
    assert "Purged" in page and BODY not in page and "Harbour" not in page
    assert "purged after its retention period" in client.get("/liaison/?box=sent").content.decode()
    assert (
        client.get(f"/liaison/{message.pk}/files/{Attachment.objects.get().pk}/").status_code == 404
    )


def _protection(fius) -> Message:
    return services.send(
        actor=fius["gha"],
        to_authority=fius["nigeria_fiu"],
        data={
            "kind": "protection",
            "subject": "Relocation of a witness",
            "body": "Temporary relocation for the trial in Accra.",
            "handling": "H2",
            "source_evaluation": "A",
            "information_evaluation": "1",
            "protected": {
                "pseudonym": "WP-17",
                "name": "Kofi Boateng",
                "date_of_birth": "1990-02-03",
            },
        },
    )


def test_only_named_users_see_a_protected_identity_and_the_originator_sees_each_look(
    client,
    fius,
):
    message = _protection(fius)
    client.force_login(fius["nga"])
    page = client.get(f"/liaison/{message.pk}/").content.decode()
    assert "WP-17" in page and "Kofi Boateng" not in page
    assert client.post(f"/liaison/{message.pk}/identity/").status_code == 404
    # Nigeria's supervisor names a colleague who needs to know (only people of Nigeria's FIU).
    colleague = factories.UserFactory(
        authority=fius["nigeria_fiu"], role="officer", liaison_role="reader"
    )
    assert client.post(f"/liaison/{message.pk}/named/", {"user": colleague.pk}).status_code == 302
    client.force_login(colleague)
    shown = client.post(f"/liaison/{message.pk}/identity/").content.decode()
    assert "Kofi Boateng" in shown
    assert IdentityView.objects.filter(user=colleague).count() == 1
    assert AuditEntry.objects.filter(action=Action.VIEW, actor=colleague).exists()
    client.force_login(fius["gha"])
    originator = client.get(f"/liaison/{message.pk}/").content.decode()
    assert "Who saw the identity" in originator and colleague.get_username() in originator


def test_prints_pdfs_and_exports_carry_the_handling_code(client, fius):
    request, _answer = request_and_answer(fius)
    client.force_login(fius["nga"])
    printed = client.get(f"/liaison/{request.pk}/print/").content.decode()
    assert printed.count("H2 — no dissemination") >= 2
    pdf = client.get(f"/liaison/{request.pk}/pdf/")
    assert pdf["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(pdf.content))
    for page in reader.pages:
        assert "H2 — no dissemination" in page.extract_text()
    export = client.get("/liaison/export.csv?box=inbox").content.decode()
    assert "H2 — no dissemination" in export and "Two accounts" not in export


def test_reply_by_reminders_go_once_to_the_recipients_officers_without_the_content(fius):
    fius["nga"].email = "analyst@nfiu.example"
    fius["nga"].save()
    request, _ = request_and_answer(fius)
    Message.objects.filter(pk=request.pk).update(reply_by="2030-01-10")
    Message.objects.filter(in_reply_to=request).delete()
    for day in ("2030-01-09", "2030-01-09", "2030-01-11", "2030-01-12"):
        call_command("remind", date=day, stdout=io.StringIO())
    sent = [m for m in mail.outbox if "message" in m.subject.lower()]
    assert [m.to for m in sent] == [["analyst@nfiu.example"]] * 2
    assert "due soon" in sent[0].subject.lower() and "overdue" in sent[1].subject.lower()
    assert all("Harbour" not in m.body and BODY not in m.body for m in sent)


@pytest.mark.django_db(transaction=True)
def test_the_database_and_the_file_storage_hold_nothing_readable(client, fius, settings):
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("reads the SQLite file itself")
    upload = io.BytesIO(PDF)
    upload.name = "statement.pdf"
    client.force_login(fius["gha"])
    client.post("/liaison/new/", {**_compose(fius), "attachments": [upload]})
    _protection(fius)
    connection.close()
    name = Path(connection.settings_dict["NAME"])
    raw = b"".join(p.read_bytes() for p in (name, Path(f"{name}-wal")) if p.exists())
    folder = Path(storages["liaison"].location)
    files = b"".join(p.read_bytes() for p in folder.rglob("*") if p.is_file())
    assert files, "the attachment is in the storage folder"
    for secret in (BODY, "Kofi Boateng", "1990-02-03", "statement.pdf", "bank statement", "NWBK"):
        assert secret.encode() not in raw, secret
        assert secret.encode() not in files, secret


def test_an_authority_admin_gives_a_colleague_a_part_in_the_channel(client, fius):
    admin = factories.UserFactory(authority=fius["ghana_fiu"], role="authority_admin")
    colleague = factories.UserFactory(authority=fius["ghana_fiu"], role="officer")
    client.force_login(admin)
    answer = client.post(f"/accounts/users/{colleague.pk}/role/", {"liaison_role": "reader"})
    assert answer.status_code == 302
    colleague.refresh_from_db()
    assert colleague.liaison_role == "reader"
    entry = AuditEntry.objects.filter(object_id=str(colleague.pk)).latest("pk")
    assert entry.after["liaison_role"] == "reader"
    # Nobody gives themselves access to information under handling codes.
    client.post(f"/accounts/users/{admin.pk}/role/", {"liaison_role": "supervisor"})
    admin.refresh_from_db()
    assert admin.liaison_role == ""


def test_taking_h2_information_into_a_formal_request_needs_the_originators_consent(client, fius):
    request, _answer = request_and_answer(fius)
    client.force_login(fius["nga"])
    refused = client.post(f"/liaison/{request.pk}/formal/")
    assert refused.status_code == 409
    assert "goes further only with their consent" in refused.content.decode()
    assert not Request.objects.exists()
    api = client.post(f"/api/v1/messages/{request.pk}/formal-request")
    assert api.status_code == 409 and not Request.objects.exists()
