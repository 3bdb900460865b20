"""Key rotation: after `comity liaison-keys rotate --drop-old`, every message is readable with the
new key alone, and a value written with the dropped key no longer decrypts."""

import json

import pytest
from cryptography.fernet import Fernet
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management import call_command

from comity.liaison import attachments, services, vault
from comity.liaison.models import Attachment, Message, ProtectedPerson
from tests.liaison.test_channel import request_and_answer
from tests.liaison.test_pages import PDF

pytestmark = pytest.mark.django_db


@pytest.fixture
def own_keys(settings, tmp_path, monkeypatch):
    """A key file of this test's own, so the rotation does not touch the installation's."""
    monkeypatch.delenv("COMITY_LIAISON_KEYS", raising=False)
    settings.COMITY_HOME = tmp_path
    vault.reset()
    yield tmp_path / "liaison-keys.json"
    vault.reset()


def test_rotation_rewrites_every_value_and_drops_the_old_key(own_keys, fius, settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "liaison": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "files")},
        },
    }
    request, answer = request_and_answer(fius)
    with_file = services.send(
        actor=fius["gha"],
        to_authority=fius["nigeria_fiu"],
        data={
            "kind": "protection",
            "subject": "Protection",
            "handling": "H2",
            "source_evaluation": "A",
            "information_evaluation": "1",
            "protected": {"pseudonym": "WP-1", "name": "Kofi Boateng"},
        },
        uploads=[ContentFile(PDF, name="scan.pdf")],
    )
    attachment = Attachment.objects.get(message=with_file)
    file_before = storages["liaison"].open(attachment.key).read()
    old = json.loads(own_keys.read_text())["keys"]
    body_before = Message.objects.get(pk=request.pk).body
    raw_before = _raw_body(request.pk)
    call_command("liaison_keys", "rotate", "--drop-old")
    keys = json.loads(own_keys.read_text())["keys"]
    assert len(keys) == 1 and keys[0] not in old
    assert _raw_body(request.pk) != raw_before
    vault.reset()  # read the key file again: only the new key is left in it
    assert Message.objects.get(pk=request.pk).body == body_before
    assert Message.objects.get(pk=answer.pk).body.startswith("Both accounts")
    # Files and protected identities are rewritten too, and read with the new key alone.
    assert storages["liaison"].open(attachment.key).read() != file_before
    assert attachments.content(Attachment.objects.get(pk=attachment.pk)) == PDF
    assert "Kofi Boateng" in ProtectedPerson.objects.get(message=with_file).identity
    # The old key no longer decrypts anything comity keeps.
    token = raw_before[len(vault.PREFIX) :].encode()
    Fernet(old[0].encode()).decrypt(token)  # it did, with the old key
    with pytest.raises(vault.VaultError):
        vault.decrypt(raw_before)
    assert (own_keys.stat().st_mode & 0o777) == 0o600


def _raw_body(pk) -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT body FROM liaison_message WHERE id = %s", [pk])
        return cursor.fetchone()[0]
