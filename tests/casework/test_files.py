"""The files of a case: judged by their content, stored under a random key, served only to those
who may see the case."""

import io
import os
import stat
import zipfile
from pathlib import Path

import docx
import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection
from django.test import override_settings
from django.urls import reverse

from comity import settings as configured
from comity.audit.models import Action, AuditEntry
from comity.casework import files, sharing
from comity.casework.models import Attachment, CaseEvent
from comity.casework.services import CaseInputError
from comity.casework.vocabulary import EventKind
from comity.web.middleware import body_limit
from tests.casework.helpers import days_ago, incoming_case, officer
from tests.factories import AuthorityFactory, png_logo

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


@pytest.fixture(autouse=True)
def storage_home(tmp_path, settings):
    """The case files of each test in a folder of its own, configured as in settings.py."""
    settings.STORAGES = {
        **settings.STORAGES,
        "casework": {
            **settings.STORAGES["casework"],
            "OPTIONS": {
                **settings.STORAGES["casework"]["OPTIONS"],
                "location": str(tmp_path / "casework"),
            },
        },
    }
    return tmp_path / "casework"


@pytest.fixture
def actor():
    return officer()


@pytest.fixture
def case(actor):
    return incoming_case(actor)


def _add(case, actor, upload, **details):
    return files.add_attachment(
        case=case,
        actor=actor,
        upload=upload,
        kind=details.get("kind", "execution_result"),
        title=details.get("title", "Bank records"),
        dated=details.get("dated", days_ago(2)),
        incoming=True,
    )


def _docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("Letter of request")
    saved = io.BytesIO()
    document.save(saved)
    return saved.getvalue()


def _zip() -> bytes:
    saved = io.BytesIO()
    with zipfile.ZipFile(saved, "w") as package:
        package.writestr("statement.txt", "Witness statement")
    return saved.getvalue()


def _stored(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []


def _error(exc) -> str:
    return {e["field"]: e["message"] for e in exc.value.errors}["file"]


def test_the_default_storage_is_private_under_comity_home():
    options = configured.STORAGES["casework"]["OPTIONS"]
    assert configured.STORAGES["casework"]["BACKEND"].endswith("FileSystemStorage")
    assert Path(options["location"]) == Path(configured.COMITY_HOME) / "casework"
    assert options["directory_permissions_mode"] == 0o700
    assert options["file_permissions_mode"] == 0o600


def test_a_pdf_is_stored_under_a_random_key_with_its_hash(case, actor, storage_home):
    attachment = _add(case, actor, SimpleUploadedFile("../../Letter\u202egpj.exe", PDF))
    [path] = _stored(storage_home)
    assert path.read_bytes() == PDF
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert "Letter" not in attachment.storage_key
    assert attachment.file_name == "Letter gpj.exe.pdf"
    assert attachment.content_type == "application/pdf"
    assert len(attachment.sha256) == 64
    assert CaseEvent.objects.filter(case=case, kind=EventKind.ATTACHMENT).exists()


def test_a_text_file_named_pdf_is_refused(case, actor, storage_home):
    with pytest.raises(CaseInputError) as exc:
        _add(case, actor, SimpleUploadedFile("evidence.pdf", b"just some text"))
    assert "whatever its name says" in _error(exc)
    assert _stored(storage_home) == []


def test_an_empty_file_is_refused(case, actor):
    with pytest.raises(CaseInputError) as exc:
        _add(case, actor, SimpleUploadedFile("empty.pdf", b""))
    assert "empty" in _error(exc)


@override_settings(COMITY_CASE_UPLOAD_MAX_BYTES=20)
def test_a_file_over_the_limit_is_refused(case, actor, storage_home):
    with pytest.raises(CaseInputError) as exc:
        _add(case, actor, SimpleUploadedFile("big.pdf", PDF))
    assert "most a case accepts" in _error(exc)
    assert _stored(storage_home) == []


def test_a_docx_made_by_word_processors_is_accepted(case, actor):
    attachment = _add(case, actor, SimpleUploadedFile("letter", _docx()))
    assert attachment.content_type.endswith("wordprocessingml.document")
    assert attachment.file_name == "letter.docx"


def test_a_zip_is_accepted(case, actor):
    attachment = _add(case, actor, SimpleUploadedFile("annexes.zip", _zip()))
    assert attachment.content_type == "application/zip"


def test_a_png_is_accepted(case, actor):
    assert _add(case, actor, SimpleUploadedFile("seal.png", png_logo())).content_type == "image/png"


@override_settings(COMITY_CASE_UPLOAD_MAX_BYTES=1000)
def test_a_zip_that_unpacks_too_large_is_refused(case, actor):
    saved = io.BytesIO()
    with zipfile.ZipFile(saved, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("zeros.bin", b"\0" * 200_000)
    assert len(saved.getvalue()) < 1000
    with pytest.raises(CaseInputError) as exc:
        _add(case, actor, SimpleUploadedFile("bomb.zip", saved.getvalue()))
    assert "unpack" in _error(exc)


def test_a_damaged_zip_is_refused(case, actor):
    with pytest.raises(CaseInputError) as exc:
        _add(case, actor, SimpleUploadedFile("broken.zip", b"PK\x03\x04" + b"\0" * 100))
    assert "damaged" in _error(exc)


def test_details_and_content_are_checked_together(case, actor):
    with pytest.raises(CaseInputError) as exc:
        files.add_attachment(
            case=case,
            actor=actor,
            upload=SimpleUploadedFile("x.pdf", b"text"),
            kind="nonsense",
            title="",
            dated=None,
            incoming=True,
        )
    assert {e["field"] for e in exc.value.errors} == {"file", "kind", "title", "dated"}


def test_no_file_is_left_behind_when_the_database_refuses_the_row(case, actor, storage_home):
    def refuse_attachments(execute, sql, params, many, context):
        if sql.startswith("INSERT") and "casework_attachment" in sql:
            raise IntegrityError("refused for the test")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(refuse_attachments), pytest.raises(IntegrityError):
        _add(case, actor, SimpleUploadedFile("letter.pdf", PDF))
    assert _stored(storage_home) == []
    assert not Attachment.objects.filter(case=case).exists()


def test_a_viewer_of_the_owning_authority_may_not_add_files(case):
    viewer = officer(case.owner, role="viewer")
    with pytest.raises(PermissionDenied):
        _add(case, viewer, SimpleUploadedFile("letter.pdf", PDF))


def test_the_upload_address_accepts_a_whole_case_file(case):
    limit = body_limit(f"/cases/{case.pk}/files/")
    assert limit > settings.COMITY_CASE_UPLOAD_MAX_BYTES
    assert body_limit(f"/cases/{case.pk}/conditions/") == settings.COMITY_MAX_BODY_BYTES


def _download(client, user, attachment):
    client.force_login(user)
    return client.get(reverse("casework:file", args=[attachment.case_id, attachment.pk]))


def test_download_is_a_404_for_another_authority(client, case, actor):
    attachment = _add(case, actor, SimpleUploadedFile("letter.pdf", PDF))
    assert _download(client, officer(), attachment).status_code == 404


def test_a_shared_colleague_downloads_and_adds_files(client, case, actor):
    attachment = _add(case, actor, SimpleUploadedFile("letter.pdf", PDF))
    colleague = officer(AuthorityFactory(country=case.owner.country))
    sharing.share_case(case=case, actor=actor, user=colleague, reason="executes the search")
    response = _download(client, colleague, attachment)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith('attachment; filename="letter.pdf"')
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox"
    assert AuditEntry.objects.filter(action=Action.DOWNLOAD, actor=colleague).exists()
    page = client.post(
        reverse("casework:files", args=[case.pk]),
        {
            "file": SimpleUploadedFile("result.pdf", PDF),
            "kind": "execution_result",
            "title": "Search report",
            "dated": days_ago(1).isoformat(),
            "incoming": "1",
        },
    )
    assert page.status_code == 302
    assert Attachment.objects.filter(case=case, uploaded_by=colleague).exists()


def test_a_refused_upload_keeps_what_was_typed(client, case, actor, storage_home):
    client.force_login(actor)
    page = client.post(
        reverse("casework:files", args=[case.pk]),
        {
            "file": SimpleUploadedFile("notes.pdf", b"plain text"),
            "kind": "letter",
            "title": "Letter of the prosecutor of Kyiv",
            "dated": days_ago(1).isoformat(),
            "incoming": "0",
        },
    )
    assert page.status_code == 400
    body = page.content.decode()
    assert "Letter of the prosecutor of Kyiv" in body
    assert "whatever its name says" in body
    assert not Attachment.objects.filter(case=case).exists()
    assert _stored(storage_home) == []
