"""Reads of the audit trail. Who may see which entry is decided once, by the access policy
(comity.core.access.AuditTrail, through AuditEntry.objects.restrict)."""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone

from comity.audit.models import Action, AuditEntry
from comity.core import access


def may_read_log(user) -> bool:
    """The audit log pages are for site administrators and authority administrators."""
    return access.is_site_admin(user) or access.is_authority_admin(user)


# What an object's page shows of its history to everyone who may see the object: its changes.
# Who downloaded or exported it is for the audit log's readers only.
CHANGES = (Action.CREATE, Action.UPDATE, Action.DELETE, Action.IMPORT)


def history_for(obj, user, *, limit: int = 50) -> list[AuditEntry]:
    """The latest entries about one object, newest first (for the object's page).

    The caller has already decided `user` may see `obj`: the changes to it come with it, except
    those marked as one authority's confidential business, which follow the audit log's rule,
    as do downloads and exports.
    """
    entries = AuditEntry.objects.for_object(obj)
    allowed = AuditEntry.access.q(user, access.Permission.VIEW)
    if allowed is not access.ALL:
        public = Q(owner_id="", action__in=CHANGES)
        entries = entries.filter(public | allowed if allowed is not access.NOTHING else public)
    found = list(entries.order_by("-id")[:limit])
    withhold_values(user, found)
    return found


def withhold_values(user, entries) -> None:
    """Mark the entries whose before/after values `user` sees only as field names.

    An entry about an authority's confidential object (a request's facts, a person's details)
    shows its values to that authority's own administrators; site administrators, who run the
    installation, see that it changed and which fields, not what it says.
    """
    own = str(user.authority_id) if access.is_member(user) else None
    for entry in entries:
        entry.withheld = bool(entry.owner_id) and entry.owner_id != own


@dataclass(frozen=True)
class LogFilters:
    action: str = ""
    object_type: str = ""
    actor: str = ""
    date_from: object = None
    date_to: object = None
    object_id: str = ""


def _start_of(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def entries_for_log(user, filters: LogFilters):
    """Entries `user` may see, filtered; dates are days in the current time zone, inclusive."""
    entries = AuditEntry.objects.restrict(user).order_by("-id")
    if filters.action:
        entries = entries.filter(action=filters.action)
    if filters.object_type:
        entries = entries.filter(object_type=filters.object_type)
    if filters.actor:
        entries = entries.filter(actor_name__icontains=filters.actor)
    if filters.object_id:
        entries = entries.filter(object_id=filters.object_id)
    if filters.date_from:
        entries = entries.filter(at__gte=_start_of(filters.date_from))
    if filters.date_to:
        entries = entries.filter(at__lt=_start_of(filters.date_to) + timedelta(days=1))
    return entries


def object_types_for(user) -> list[str]:
    """The object types present in what `user` may see, for the filter's choices."""
    return list(
        AuditEntry.objects.restrict(user)
        .exclude(object_type="")
        .order_by("object_type")
        .values_list("object_type", flat=True)
        .distinct()
    )


def entry_for(user, pk: int) -> AuditEntry:
    """One entry, if `user` may see it; raises AuditEntry.DoesNotExist otherwise."""
    return AuditEntry.objects.restrict(user).get(pk=pk)


def attach_links(entries) -> None:
    """Set `entry.link` to the object's page when it still exists and has one.

    One query per object type on the page, not one per entry.
    """
    by_type: dict[str, set[str]] = {}
    for entry in entries:
        entry.link = ""
        if entry.object_type and entry.object_id:
            by_type.setdefault(entry.object_type, set()).add(entry.object_id)
    urls: dict[tuple[str, str], str] = {}
    for object_type, ids in by_type.items():
        model = _model_for(object_type)
        if model is None or not hasattr(model, "get_absolute_url"):
            continue
        try:
            objects = model._default_manager.filter(pk__in=ids)
            urls.update({(object_type, str(obj.pk)): obj.get_absolute_url() for obj in objects})
        except (ValueError, TypeError, ValidationError):  # ids that do not fit the model's key type
            continue
    for entry in entries:
        entry.link = urls.get((entry.object_type, entry.object_id), "")


def _model_for(object_type: str):
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None
