"""Writes to the directory. Every change runs in a transaction and leaves an audit entry."""

import unicodedata
from functools import cache

from django.db import transaction
from django.utils.translation import gettext as _

from comity.audit.models import Action
from comity.audit.services import record, record_saved
from comity.directory import listing
from comity.directory.models import Authority, AuthorityFacet, ContactPerson, Network, NetworkMember
from comity.directory.validation import FieldError, clean_authority
from comity.geo.catalogue import names_by_code

FACET_FIELDS = {
    "competence": "competences",
    "instrument": "instruments",
    "language": "languages",
    "channel": "channels",
}
AUDITED_FIELDS = (*Authority.ENTRY_FIELDS, "require_two_factor")


class DirectoryInputError(Exception):
    """Input that fails validation; `errors` lists each field and what to fix."""

    def __init__(self, errors: list[FieldError]):
        super().__init__("; ".join(f"{e.field}: {e.message}" for e in errors))
        self.errors = errors


def fold(text: str) -> str:
    """Case- and accent-insensitive form used for free-text search in any script."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@cache
def state_names() -> dict[str, str]:
    """The folded names of each State in the seven UI languages (CLDR), one per line, by alpha-3.

    Free text finds an entry when a word of it is part of the entry's search text or of one of
    its State's names: "Afrique du Sud", "Германия", "德国" find the entries of ZAF and DEU. The
    names are not copied into each entry's search text, so they never go stale there; the finder
    and selectors.search_authorities both read them from here.
    """
    return {iso3: fold("\n".join(names)) for iso3, names in names_by_code().items()}


def authority_state(authority: Authority) -> dict:
    """The audited fields of an entry, as stored."""
    return {field: getattr(authority, field) for field in AUDITED_FIELDS}


def _search_text(authority: Authority) -> str:
    parts = [
        authority.name,
        *authority.names.values(),
        authority.address,
        authority.requirements,
        authority.country_id,
        authority.email,
    ]
    return fold(" ".join(p for p in parts if p))


def _reindex(authority: Authority) -> None:
    AuthorityFacet.objects.filter(authority=authority).delete()
    AuthorityFacet.objects.bulk_create(
        AuthorityFacet(authority=authority, facet=facet, value=value)
        for facet, field in FACET_FIELDS.items()
        for value in getattr(authority, field)
    )


def _apply(authority: Authority, cleaned: dict) -> None:
    for field, value in cleaned.items():
        setattr(authority, field, value)
    authority.search_text = _search_text(authority)


def _clean_or_raise(data: dict) -> dict:
    cleaned, errors = clean_authority(data)
    if errors:
        raise DirectoryInputError(errors)
    return cleaned


def _save_checked(authority: Authority) -> None:
    """Save, turning the unique (State, name, kind) constraint into a field error."""
    clash = Authority.objects.filter(
        country_id=authority.country_id, name=authority.name, kind=authority.kind
    ).exclude(pk=authority.pk)
    if clash.exists():
        raise DirectoryInputError([FieldError("name", duplicate_message())])
    authority.save()


def duplicate_message() -> str:
    return _(
        "An entry of this kind with this name already exists for this State. Edit that entry "
        "instead, or give a different name."
    )


def apply_and_index(authority: Authority, cleaned: dict, *, actor, before: dict | None) -> None:
    """Save already-cleaned values, refresh the search index, audit. Call inside a transaction."""
    _apply(authority, cleaned)
    _save_checked(authority)
    _reindex(authority)
    listing.refresh(authority)
    after = authority_state(authority)
    if before is None:
        record(actor=actor, action=Action.CREATE, obj=authority, after=after)
    elif after != before:
        record(actor=actor, action=Action.UPDATE, obj=authority, before=before, after=after)


@transaction.atomic
def create_authority(*, data: dict, actor) -> Authority:
    """Create an entry from API-shaped data; raises DirectoryInputError and writes nothing if bad."""
    authority = Authority()
    apply_and_index(authority, _clean_or_raise(data), actor=actor, before=None)
    return authority


@transaction.atomic
def update_authority(*, authority: Authority, data: dict, actor) -> Authority:
    """Replace an entry's fields with API-shaped data; audited with before and after."""
    apply_and_index(
        authority, _clean_or_raise(data), actor=actor, before=authority_state(authority)
    )
    return authority


@transaction.atomic
def delete_authority(*, authority: Authority, actor) -> None:
    """Delete an entry. Refused (ProtectedError) while users still belong to it."""
    before = authority_state(authority)
    record(actor=actor, action=Action.DELETE, obj=authority, before=before)
    authority.delete()


@transaction.atomic
def save_contact(
    *, authority: Authority, data: dict, actor, contact: ContactPerson | None = None
) -> ContactPerson:
    fields = ("name", "title", "phone", "email", "languages", "network", "is_example")
    contact = contact or ContactPerson(authority=authority)
    before = None if contact.pk is None else {f: getattr(contact, f) for f in fields}
    for field in fields:
        if field in data:
            setattr(contact, field, data[field])
    contact.save()
    after = {f: getattr(contact, f) for f in fields}
    if before is not None:
        before["network"] = getattr(before["network"], "code", None)
    after["network"] = getattr(after["network"], "code", None)
    record_saved(
        actor=actor, obj=contact, before=before, after=after, country_id=authority.country_id
    )
    return contact


@transaction.atomic
def delete_contact(*, contact: ContactPerson, actor) -> None:
    record(
        actor=actor,
        action=Action.DELETE,
        obj=contact,
        country_id=contact.authority.country_id,
        before={"name": contact.name, "email": contact.email},
    )
    contact.delete()


@transaction.atomic
def save_network(*, code: str, data: dict, actor) -> Network:
    fields = ("name", "names", "description", "website", "source", "as_of", "is_example")
    network = Network.objects.filter(code=code).first()
    before = None if network is None else {f: getattr(network, f) for f in fields}
    network = network or Network(code=code)
    for field in fields:
        if field in data:
            setattr(network, field, data[field])
    network.full_clean()
    network.save()
    record_saved(
        actor=actor, obj=network, before=before, after={f: getattr(network, f) for f in fields}
    )
    return network


@transaction.atomic
def add_network_member(
    *,
    network: Network,
    country_id: str,
    role: str,
    source: str,
    actor,
    authority: Authority | None = None,
    person_name: str = "",
    email: str = "",
    phone: str = "",
    start=None,
    is_example: bool = False,
) -> NetworkMember:
    """Add a State's membership or a term of one of its focal points (networks.services.rotate
    ends the current holder's term first)."""
    member, created = NetworkMember.objects.get_or_create(
        network=network,
        country_id=country_id,
        role=role,
        authority=authority,
        person_name=person_name,
        start=start,
        defaults={"source": source, "is_example": is_example, "email": email, "phone": phone},
    )
    if created:
        record(
            actor=actor,
            action=Action.CREATE,
            obj=member,
            country_id=country_id,
            after={
                "network": network.code,
                "country": country_id,
                "role": role,
                "authority": str(authority.pk) if authority else None,
                "person_name": person_name,
                "start": start.isoformat() if start else None,
            },
        )
    return member


@transaction.atomic
def remove_network_member(*, member: NetworkMember, actor) -> None:
    record(
        actor=actor,
        action=Action.DELETE,
        obj=member,
        country_id=member.country_id,
        before={
            "network": member.network.code,
            "country": member.country_id,
            "role": member.role,
            "person_name": member.person_name,
        },
    )
    member.delete()
