"""Writing to the audit trail. Every service that changes a domain object calls `record`."""

import json
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from comity.audit import seal
from comity.audit.models import Action, AuditEntry
from comity.core import access, generations

GENESIS = "0" * 64
_LOCK_KEY = 0x636F6D697479  # "comity": serialises appends on PostgreSQL


def snapshot(value) -> object:
    """Make a value JSON-native (dates, UUIDs and decimals become strings) so the hash is stable."""
    return json.loads(json.dumps(value, default=str, ensure_ascii=False))


def _actor_name(actor) -> str:
    if actor is None:
        return "system"
    full = actor.get_full_name() if hasattr(actor, "get_full_name") else ""
    return f"{full} ({actor.get_username()})" if full else actor.get_username()


@transaction.atomic
def record(
    *,
    actor,
    action: str,
    obj=None,
    object_type: str = "",
    object_id: str = "",
    object_repr: str = "",
    country_id: str = "",
    owner=None,
    before: dict | None = None,
    after: dict | None = None,
    note: str = "",
) -> AuditEntry:
    """Append one entry to the chain. Call inside the same transaction as the change it records.

    Who may read the entry follows from `obj` (its State and, for an authority's confidential
    objects, that authority: comity.core.access); `owner` marks an entry about a public object
    as the confidential business of one authority (e.g. its security settings).
    """
    if action not in Action.values:
        raise ValueError(f"Unknown audit action {action!r}")
    owner_id = ""
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        object_repr = object_repr or str(obj)[:300]
        scope_country, owner_id = access.scope_of(obj)
        country_id = country_id or scope_country
    if owner is not None:
        owner_id = str(owner.pk)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK_KEY])
    last = AuditEntry.objects.order_by("-id").values_list("hash", flat=True).first()
    entry = AuditEntry(
        at=timezone.now(),
        actor=actor if getattr(actor, "pk", None) else None,
        actor_name=_actor_name(actor),
        action=action,
        object_type=object_type,
        object_id=object_id,
        object_repr=object_repr,
        country_id=country_id,
        owner_id=owner_id,
        before=snapshot(before) if before is not None else None,
        after=snapshot(after) if after is not None else None,
        note=note,
        prev_hash=last or GENESIS,
    )
    entry.hash = entry.compute_hash()
    entry.seal = seal.seal(entry.hash)
    entry.save()
    # What answers this change makes stale, by the one rule (comity.core.generations).
    generations.renew(*generations.scopes_changed_by(object_type, action))
    return entry


def record_saved(*, actor, obj, before: dict | None, after: dict, **context) -> AuditEntry | None:
    """Record that `obj` was created (`before` is None) or changed; nothing when it did not
    change. `context` as for record() (country_id, owner, note)."""
    if after == before:
        return None
    return record(
        actor=actor,
        action=Action.CREATE if before is None else Action.UPDATE,
        obj=obj,
        before=before,
        after=after,
        **context,
    )


@dataclass
class ChainReport:
    checked: int
    intact: bool
    broken_at: int | None = None
    problem: str = ""
    checkpoints: int = 0
    last_checkpoint: str = ""  # when the newest checkpoint was written


def verify_chain(*, checkpoints_path=None) -> ChainReport:
    """Walk the chain in order: links, hashes and seals, then the checkpoints kept outside the
    database. Report the first entry that does not match."""
    try:
        points = seal.read(checkpoints_path)
    except seal.CheckpointFileError as exc:
        return ChainReport(0, False, None, f"the checkpoint file is not valid: {exc}")
    wanted = {point.sequence for point in points}
    seen: dict[int, str] = {}
    expected_prev = GENESIS
    checked = 0
    for entry in AuditEntry.objects.order_by("id").iterator(chunk_size=2000):
        checked += 1
        problem = _entry_problem(entry, expected_prev)
        if problem:
            return ChainReport(checked, False, entry.pk, problem, len(points))
        if entry.pk in wanted:
            seen[entry.pk] = entry.hash
        expected_prev = entry.hash
    for point in points:
        if point.sequence not in seen:
            return ChainReport(
                checked,
                False,
                point.sequence,
                f"entry #{point.sequence}, recorded in the checkpoint of {point.at}, is missing: "
                "entries were removed (the chain was cut back)",
                len(points),
            )
        if seen[point.sequence] != point.hash:
            return ChainReport(
                checked,
                False,
                point.sequence,
                f"entry #{point.sequence} differs from the checkpoint of {point.at}: the chain "
                "was rewritten up to it",
                len(points),
            )
    return ChainReport(
        checked, True, checkpoints=len(points), last_checkpoint=points[-1].at if points else ""
    )


def _entry_problem(entry: AuditEntry, expected_prev: str) -> str:
    if entry.prev_hash != expected_prev:
        return (
            "its link to the previous entry does not match: an entry before it was changed or "
            "deleted"
        )
    if entry.compute_hash() != entry.hash:
        return "its content does not match its hash: it was changed"
    if not seal.sealed(entry.hash, entry.seal):
        return (
            "its seal does not match: its hash was recomputed by someone without the audit key "
            "(or the audit key has changed)"
        )
    return ""


@transaction.atomic
def checkpoint(*, path=None) -> seal.Checkpoint:
    """Verify the chain, then record its newest entry outside the database (seal.append).

    Refuses (ValueError) when the chain is broken: a checkpoint must never bless a tampered one.
    """
    report = verify_chain(checkpoints_path=path)
    if not report.intact:
        raise ValueError(f"Audit chain broken at entry #{report.broken_at}: {report.problem}")
    last = AuditEntry.objects.order_by("-id").values_list("id", "hash").first()
    sequence, head = last if last else (0, GENESIS)
    earlier = seal.read(path)
    point = seal.new_checkpoint(
        sequence=sequence,
        hash=head,
        count=report.checked,
        previous_mac=earlier[-1].mac if earlier else "",
    )
    seal.append(point, path)
    return point
