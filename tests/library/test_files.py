"""A document's file: judged by its content, its text read for search, the original kept."""

import io

import docx
import pytest
from weasyprint import HTML

from comity.library import files, services
from comity.library.models import Document
from tests.library.helpers import add, keys, states

pytestmark = pytest.mark.django_db

CASE = {"type": "case", "title": "Judgment", "language": "en"}


def _pdf(text: str) -> bytes:
    return HTML(string=f"<p>{text}</p>").write_pdf()


def _docx(text: str) -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Annex"
    table.rows[0].cells[1].text = "seized ledger"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (_pdf("The court ordered the confiscation of the yacht."), "pdf"),
        (_docx("The court ordered the confiscation of the yacht."), "docx"),
        (
            b"<html><head><style>p{}</style></head><body><p>The court ordered the confiscation "
            b"of the <b>yacht</b>.</p><script>var x;</script></body></html>",
            "html",
        ),
        (b"The court ordered the confiscation of the yacht.", "txt"),
    ],
    ids=["pdf", "docx", "html", "text"],
)
def test_the_text_of_each_kind_of_file_is_read(data, kind):
    read = files.read(data)
    assert read.kind == kind
    assert "confiscation of the" in read.text
    assert "yacht" in read.text
    assert "var x" not in read.text


def test_an_uploaded_file_makes_the_document_searchable_and_is_kept(
    django_capture_on_commit_callbacks,
):
    states()
    data = _docx("The court ordered the confiscation of the yacht.")
    document = add(CASE, capture=django_capture_on_commit_callbacks, upload=(data, "judgment.docx"))
    assert keys("yacht") == [document.key]
    assert keys("ledger") == [document.key]
    document.refresh_from_db()
    assert document.file_name == "judgment.docx"
    assert document.file_size == len(data)
    with files.open_original(document.file) as handle:
        assert handle.read() == data


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "empty"),
        (b"\x00\x01\x02\xff\xfe binary", "PDF, DOCX, HTML or plain text"),
        (b"PK\x03\x04 not really a zip", "damaged"),
        (b"%PDF-1.7 broken", "could not be read"),
    ],
    ids=["empty", "binary", "bad-zip", "bad-pdf"],
)
def test_a_file_that_cannot_be_read_is_refused_and_nothing_is_saved(data, words, settings):
    states()
    with pytest.raises(services.LibraryInputError) as raised:
        services.create(actor=None, data=CASE, upload=(data, "file.bin"))
    assert raised.value.errors[0]["field"] == "file"
    assert words in raised.value.errors[0]["message"]
    assert not Document.objects.exists()


def test_a_file_over_the_limit_is_refused(settings):
    settings.COMITY_LIBRARY_UPLOAD_MAX_BYTES = 10
    with pytest.raises(files.FileProblem, match="larger than"):
        files.read(b"a text longer than ten bytes")


def test_a_failed_save_leaves_no_file_behind(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "library": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    states()
    with pytest.raises(services.LibraryInputError):
        services.create(
            actor=None,
            data={**CASE, "key": "taken"},
            upload=(b"some text", "a.txt"),
        )
        services.create(actor=None, data={**CASE, "key": "taken"}, upload=(b"more", "b.txt"))
    assert len(list(tmp_path.iterdir())) == 1


def test_an_uploaded_html_file_is_served_as_a_download_only(
    client, django_capture_on_commit_callbacks
):
    states()
    document = add(
        {**CASE, "access": "public"},
        capture=django_capture_on_commit_callbacks,
        upload=(b"<html><body><script>alert(1)</script>text</body></html>", "page.html"),
    )
    answer = client.get(f"/library/{document.pk}/file/")
    assert answer.status_code == 200
    assert answer["Content-Disposition"].startswith("attachment;")
    assert answer["X-Content-Type-Options"] == "nosniff"
