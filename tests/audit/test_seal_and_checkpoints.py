"""What the seals and the checkpoints add to the hash chain: an attacker who can write the
database but holds neither the audit key nor the checkpoint file can no longer re-hash the chain
after an edit, or cut its newest entries off, unnoticed."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from comity.audit import seal
from comity.audit.models import Action, AuditEntry
from comity.audit.services import GENESIS, checkpoint, record, verify_chain
from tests.audit.tampering import delete_row, tamper
from tests.factories import AuthorityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def points(tmp_path):
    return tmp_path / "audit-checkpoints.jsonl"


def _entries(n):
    authority = AuthorityFactory()
    return [
        record(actor=None, action=Action.UPDATE, obj=authority, after={"name": f"v{i}"})
        for i in range(n)
    ]


def _rehash_from(first_id: int, *, reseal: bool = False) -> None:
    """Edit an entry and recompute every hash and link after it, as a database writer could
    (`reseal`: one who also stole the audit key)."""
    previous = (
        AuditEntry.objects.filter(id__lt=first_id).order_by("-id").values_list("hash", flat=True)
    ).first() or GENESIS
    for entry in AuditEntry.objects.filter(id__gte=first_id).order_by("id"):
        if entry.pk == first_id:
            entry.after = {"name": "forged"}
        entry.prev_hash = previous
        entry.hash = entry.compute_hash()
        values = {"after": entry.after, "prev_hash": entry.prev_hash, "hash": entry.hash}
        if reseal:
            values["seal"] = seal.seal(entry.hash)
        tamper(entry.pk, **values)
        previous = entry.hash


def test_every_entry_is_sealed_with_a_key_kept_outside_the_database():
    entry = _entries(1)[0]
    assert len(entry.seal) == 64 and entry.seal != entry.hash
    assert verify_chain().intact


def test_editing_an_entry_and_rehashing_everything_after_it_is_detected(points):
    entries = _entries(5)
    _rehash_from(entries[2].pk)
    report = verify_chain(checkpoints_path=points)
    assert not report.intact and report.broken_at == entries[2].pk
    assert "seal" in report.problem


def test_rehashing_and_resealing_with_a_stolen_key_is_caught_by_the_checkpoint(points):
    """Who also holds the audit key can reseal, but not rewrite the checkpoint file."""
    entries = _entries(4)
    checkpoint(path=points)
    _rehash_from(entries[1].pk, reseal=True)
    report = verify_chain(checkpoints_path=points)
    assert not report.intact and report.broken_at == entries[-1].pk
    assert "rewritten" in report.problem
    assert verify_chain(checkpoints_path=points.with_name("none.jsonl")).intact


def test_cutting_off_the_newest_entries_is_detected_back_to_the_last_checkpoint(points):
    entries = _entries(5)
    checkpoint(path=points)
    delete_row(entries[4].pk)
    delete_row(entries[3].pk)
    report = verify_chain(checkpoints_path=points)
    assert not report.intact and report.broken_at == entries[4].pk
    assert "removed" in report.problem and "cut back" in report.problem


def test_entries_after_the_newest_checkpoint_can_be_cut_off_unnoticed(points):
    """The documented limit: checkpoint often (docs/OPERATIONS.md)."""
    entries = _entries(5)
    checkpoint(path=points)
    extra = record(actor=None, action=Action.EXPORT, object_type="directory.authority")
    delete_row(extra.pk)
    assert verify_chain(checkpoints_path=points).intact
    assert entries  # the checkpointed ones are still all there


def test_a_changed_checkpoint_file_is_reported(points):
    _entries(2)
    checkpoint(path=points)
    line = json.loads(points.read_text())
    line["sequence"] = 1
    points.write_text(json.dumps(line) + "\n")
    report = verify_chain(checkpoints_path=points)
    assert not report.intact and "checkpoint file" in report.problem


def test_a_checkpoint_refuses_to_bless_a_broken_chain(points):
    entries = _entries(3)
    tamper(entries[1].pk, note="edited")
    with pytest.raises(ValueError, match="broken"):
        checkpoint(path=points)
    assert not points.exists()


def test_the_commands_checkpoint_then_verify(points, capsys):
    entries = _entries(3)
    call_command("audit", "checkpoint", "--checkpoints", str(points))
    assert f"entry #{entries[-1].pk}" in capsys.readouterr().out
    assert points.stat().st_mode & 0o077 == 0
    call_command("audit", "verify", "--checkpoints", str(points))
    assert "and 1 checkpoint(s)" in capsys.readouterr().out
    delete_row(entries[-1].pk)
    with pytest.raises(SystemExit):
        call_command("audit", "verify", "--checkpoints", str(points))
    with pytest.raises(CommandError, match="No checkpoint written"):
        call_command("audit", "checkpoint", "--checkpoints", str(points))


def test_another_audit_key_breaks_the_seals(settings):
    _entries(2)
    settings.COMITY_AUDIT_KEY = "another key, as after a careless SECRET_KEY change"
    report = verify_chain()
    assert not report.intact and "audit key" in report.problem


def test_a_checkpoint_taken_out_of_the_middle_of_the_file_is_reported(points):
    for _ in range(3):
        _entries(1)
        checkpoint(path=points)
    lines = points.read_text().splitlines()
    points.write_text("\n".join([lines[0], lines[2]]) + "\n")
    report = verify_chain(checkpoints_path=points)
    assert not report.intact and "taken out" in report.problem


def test_verify_with_max_age_catches_a_file_cut_short_with_the_chain(points, capsys):
    """Cutting the newest entries and the file's last lines together goes unseen by the chain
    alone; the age of the newest checkpoint gives it away to monitoring."""
    import time_machine

    with time_machine.travel("2026-11-29 08:00Z", tick=False):
        _entries(2)
        checkpoint(path=points)
    with time_machine.travel("2026-11-29 09:00Z", tick=False):
        later = _entries(2)
        checkpoint(path=points)
    lines = points.read_text().splitlines()
    points.write_text(lines[0] + "\n")
    for entry in reversed(later):
        delete_row(entry.pk)
    with time_machine.travel("2026-11-29 09:05Z", tick=False):
        assert verify_chain(checkpoints_path=points).intact
        with pytest.raises(SystemExit):
            call_command("audit", "verify", "--checkpoints", str(points), "--max-age", "15")
    assert "too old" in capsys.readouterr().err
