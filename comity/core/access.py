"""Who may see and change what: the one access policy of comity.

Every query for confidential data goes through `Model.objects.restrict(user, permission)`: each
model names its rule in its `access` attribute, and the rule turns (user, permission) into a
filter on the model's rows. A page or an endpoint that finds nothing answers 404, never 403: out
of scope looks exactly like "does not exist".

| rule             | objects                                 | view                                     | change, delete                         |
|------------------|-----------------------------------------|------------------------------------------|----------------------------------------|
| AuthorityOwned   | a request and its versions              | the users of the owning authority        | those of them who are not viewers      |
| CaseRecord       | a case of the register and its events, conditions, consents, files, shares, links | the users of the owning authority; the colleagues (of the same State) it is shared with | the owning authority's users who are not viewers |
| AuthorityPeople  | user accounts                           | site admins; an authority's admins see its people (never a site admin) | the same                 |
| PersonalItem     | API tokens                              | their owner                              | their owner                            |
| AuthoritySettings | an authority's house style (letterhead, signatory, DOCX template) | site admins; the authority's admins | the same          |
| StateReference   | directory entries, contacts, networks, requirements | every signed-in user         | site admins; authority admins of the object's State |
| SiteReference    | instruments, participation, treaties    | everyone                                 | site admins                            |
| ContactReference | contact persons of directory entries    | every signed-in user; one kept for a network's members: those members, its secretariat, the contact's own State | as StateReference |
| NetworkBusiness  | a network's meetings, courses, action items | the people of its member States and its secretariat | its secretariat            |
| StateWork        | needs assessments, assistance projects  | the people of the State, of the network's member States, its secretariat | the State's writers; the network's secretariat |
| AuditTrail       | audit entries                           | site admins; authority admins see entries about their own authority's objects and about their State's reference data | nobody |

Site administrators run the installation; they do not read an authority's requests.
"""

from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from django.apps import apps
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """A user's role at their authority."""

    VIEWER = "viewer", _("Viewer")
    OFFICER = "officer", _("Officer")
    SUPERVISOR = "supervisor", _("Supervisor")
    AUTHORITY_ADMIN = "authority_admin", _("Authority administrator")


class LiaisonRole(models.TextChoices):
    """A user's part in their contact point's informal channel (police, FIU, asset recovery,
    witness protection, 24/7). Without one, the channel does not exist for them."""

    NONE = "", _("No access to the informal channel")
    READER = "reader", _("Reads messages")
    OFFICER = "officer", _("Opens, answers and asks for consent")
    SUPERVISOR = "supervisor", _("Also forwards, consents and names who sees protected identities")


LIAISON_RANK = {LiaisonRole.READER: 1, LiaisonRole.OFFICER: 2, LiaisonRole.SUPERVISOR: 3}


class Permission(StrEnum):
    VIEW = "view"
    CHANGE = "change"
    DELETE = "delete"


ALL = True
NOTHING = False


def is_site_admin(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_superuser)


def is_member(user) -> bool:
    """An active user who works for an authority."""
    return bool(user.is_authenticated and user.is_active and user.authority_id)


def is_authority_admin(user) -> bool:
    return is_member(user) and user.role == Role.AUTHORITY_ADMIN


def may_write(user) -> bool:
    """A member whose role lets them change their authority's work (every role but viewer)."""
    return is_member(user) and user.role != Role.VIEWER


def liaison_may(user, role: str) -> bool:
    """Whether the user's part in the informal channel is `role` or above."""
    return is_member(user) and LIAISON_RANK.get(user.liaison_role, 0) >= LIAISON_RANK[role]


class Rule:
    """How one model's rows are scoped. `confidential` rows belong to one authority."""

    confidential = False

    def q(self, user, permission: Permission) -> Q | bool:
        raise NotImplementedError

    def owner_of(self, obj) -> str:
        """The authority a confidential object belongs to ('' for reference data)."""
        return ""

    def country_of(self, obj) -> str:
        return ""


@dataclass(frozen=True)
class _AuthorityScoped(Rule):
    """Rows that belong to one authority, reached by `authority`, the path to its foreign key."""

    authority: str = "authority"
    confidential = True

    def owner_of(self, obj) -> str:
        return str(_follow(obj, self.authority + "_id") or "")

    def country_of(self, obj) -> str:
        return getattr(_follow(obj, self.authority), "country_id", "") or ""


@dataclass(frozen=True)
class AuthorityOwned(_AuthorityScoped):
    """An authority's own work, e.g. AuthorityOwned("owner") for a request."""

    authority: str = "owner"

    def q(self, user, permission):
        allowed = is_member(user) if permission == Permission.VIEW else may_write(user)
        if not allowed:
            return NOTHING
        return Q(**{self.authority: user.authority_id})


@dataclass(frozen=True)
class CaseRecord(_AuthorityScoped):
    """A case of the register, or a row that hangs off one (`case`: the path to the case).

    Seen by the users of the owning authority and by each colleague the case is shared with (one
    small query for that user's shares); changed only by the owning authority's writers.
    """

    authority: str = "owner"
    case: str = ""

    def q(self, user, permission):
        if permission != Permission.VIEW:
            return Q(**{self.authority: user.authority_id}) if may_write(user) else NOTHING
        if not is_member(user):
            return NOTHING
        own = Q(**{self.authority: user.authority_id})
        shared = shared_case_ids(user)
        if not shared:
            return own
        return own | Q(**{(self.case + "_id" if self.case else "pk") + "__in": shared})


def shared_case_ids(user) -> list:
    """The cases of other authorities shared with `user` (casework.CaseShare)."""
    share = apps.get_model("casework", "CaseShare")
    return list(share.objects.filter(user=user).values_list("case_id", flat=True))


@dataclass(frozen=True)
class AuthorityPeople(_AuthorityScoped):
    """The people of an authority: seen and managed by its administrators and by site admins."""

    def q(self, user, permission):
        if is_site_admin(user):
            return ALL
        if is_authority_admin(user):
            return Q(**{self.authority: user.authority_id}) & Q(is_superuser=False)
        return NOTHING


@dataclass(frozen=True)
class AuthoritySettings(_AuthorityScoped):
    """An authority's own settings (its house style): kept by its administrators, and by site
    admins for any authority. Not by the other authorities of its State, unlike its directory
    entry (StateReference)."""

    def q(self, user, permission):
        if is_site_admin(user):
            return ALL
        if is_authority_admin(user):
            return Q(**{self.authority: user.authority_id})
        return NOTHING


@dataclass(frozen=True)
class PersonalItem(_AuthorityScoped):
    """Something only its owner sees (an API token). Its audit entries go to the owner's authority."""

    authority: str = "user__authority"
    user: str = "user"

    def q(self, user, permission):
        if not (user.is_authenticated and user.is_active):
            return NOTHING
        return Q(**{self.user: user.pk})


@dataclass(frozen=True)
class StateReference(Rule):
    """Reference data about one State: read by every signed-in user, kept by that State's admins."""

    country: str = "country"

    def q(self, user, permission):
        if permission == Permission.VIEW:
            return ALL if user.is_authenticated and user.is_active else NOTHING
        states = writable_states(user)
        if states is None:
            return ALL
        if not states:
            return NOTHING
        return Q(**{self.country + "__in": states})

    def country_of(self, obj) -> str:
        return str(_follow(obj, self.country + "_id") or "")


@dataclass(frozen=True)
class SiteReference(Rule):
    """Reference data of the whole installation: public, kept by site administrators."""

    def q(self, user, permission):
        if permission == Permission.VIEW:
            return ALL
        return ALL if is_site_admin(user) else NOTHING


@dataclass(frozen=True)
class AuditTrail(Rule):
    """The audit log: an entry is seen by those who may see what it is about (and site admins).

    Entries about an authority's confidential objects carry that authority (`owner_id`) and are
    seen by its administrators; entries about reference data are seen by the administrators of the
    State concerned. An entry about a confidential kind of object without an owner (written before
    owners were recorded) is seen by site administrators only.
    """

    def q(self, user, permission):
        if permission != Permission.VIEW:
            return NOTHING
        if is_site_admin(user):
            return ALL
        if not is_authority_admin(user):
            return NOTHING
        own = Q(owner_id=str(user.authority_id))
        reference = (
            Q(owner_id="")
            & Q(country_id=user.authority.country_id)
            & ~Q(object_type__in=confidential_types())
        )
        return own | reference


@dataclass(frozen=True)
class ContactReference(StateReference):
    """A contact person of a directory entry: seen by every signed-in user, unless the entry keeps
    it for the members of one network (`network`); then by those members, the network's
    secretariat, the people of the contact's own State and site admins. Kept as StateReference."""

    network: str = "network"

    def q(self, user, permission):
        if permission != Permission.VIEW:
            return super().q(user, permission)
        if not (user.is_authenticated and user.is_active):
            return NOTHING
        if is_site_admin(user):
            return ALL
        members, secretariat = network_ids(user)
        shown = Q(**{self.network + "__isnull": True}) | Q(
            **{self.network + "__in": members | secretariat}
        )
        if user.authority_id:
            shown |= Q(**{self.country + "__in": [user.authority.country_id]})
        return shown


@dataclass(frozen=True)
class NetworkBusiness(Rule):
    """A network's own work (meetings, courses, action items, focal-point contacts): seen by the
    people of its member States and its secretariat, kept by the secretariat (and site admins).
    With `open_without_network`, a row without a network (e.g. a meeting of a treaty body) is
    seen by every signed-in user and kept by site admins."""

    network: str = "network"
    open_without_network: bool = False

    def q(self, user, permission):
        if not (user.is_authenticated and user.is_active):
            return NOTHING
        if is_site_admin(user):
            return ALL
        members, secretariat = network_ids(user)
        networks = secretariat if permission != Permission.VIEW else members | secretariat
        allowed = Q(**{self.network + "__in": networks})
        if self.open_without_network and permission == Permission.VIEW:
            allowed |= Q(**{self.network + "__isnull": True})
        return allowed


@dataclass(frozen=True)
class StateWork(Rule):
    """Work about one State run within a network (a needs assessment, an assistance project).

    Seen by the people of that State, of the network's member States and its secretariat; kept
    by the writers of that State (never another member's) and by the network's secretariat.
    """

    country: str = "state"
    network: str = "network"

    def q(self, user, permission):
        if not (user.is_authenticated and user.is_active):
            return NOTHING
        if is_site_admin(user):
            return ALL
        members, secretariat = network_ids(user)
        allowed = Q(**{self.network + "__in": secretariat})
        if permission == Permission.VIEW:
            allowed |= Q(**{self.network + "__in": members})
            if is_member(user):
                allowed |= Q(**{self.country: user.authority.country_id})
        elif may_write(user):
            allowed |= Q(**{self.country: user.authority.country_id})
        return allowed

    def country_of(self, obj) -> str:
        return str(_follow(obj, self.country + "_id") or "")


# Raised whenever a network's membership or secretariat changes (networks.apps connects it), so
# that what network_ids remembered on a user object is read again.
_network_generation = 0


def forget_network_ids(**_signal) -> None:
    global _network_generation
    _network_generation += 1


def network_ids(user) -> tuple[frozenset, frozenset]:
    """(networks whose member States include the user's State, networks whose secretariat the
    user belongs to), from the current terms of directory.NetworkMember and networks.Secretary.

    Remembered on the user object (one request) until a membership or secretariat changes: a
    page asks several rules and checks, each of which would otherwise read them again."""
    if not (user.is_authenticated and user.is_active):
        return frozenset(), frozenset()
    remembered = getattr(user, "_network_ids", None)
    if remembered is not None and remembered[0] == _network_generation:
        return remembered[1]
    members = frozenset()
    if user.authority_id:
        term = apps.get_model("directory", "NetworkMember")
        members = frozenset(
            term.objects.current()
            .filter(country_id=user.authority.country_id)
            .values_list("network_id", flat=True)
            .distinct()
        )
    secretary = apps.get_model("networks", "Secretary")
    secretariat = frozenset(
        secretary.objects.filter(user=user).values_list("network_id", flat=True)
    )
    user._network_ids = (_network_generation, (members, secretariat))
    return members, secretariat


def is_secretary(user, network_id) -> bool:
    return is_site_admin(user) or network_id in network_ids(user)[1]


def writable_states(user) -> frozenset[str] | None:
    """The States whose reference data `user` keeps: None for every State (site admins)."""
    if is_site_admin(user):
        return None
    if is_authority_admin(user):
        return frozenset({user.authority.country_id})
    return frozenset()


def may_create(user, rule: Rule, *, owner=None, country_id: str = "") -> bool:
    """Whether `user` may create an object under `rule` for `owner` (an authority) or a State."""
    if isinstance(rule, (AuthorityOwned, CaseRecord)):
        return may_write(user) and owner is not None and user.authority_id == owner.pk
    if isinstance(rule, (AuthorityPeople, AuthoritySettings)):
        return is_site_admin(user) or (
            is_authority_admin(user) and owner is not None and user.authority_id == owner.pk
        )
    if isinstance(rule, StateReference):
        states = writable_states(user)
        return states is None or country_id in states
    if isinstance(rule, SiteReference):
        return is_site_admin(user)
    return False


class RestrictedQuerySet(models.QuerySet):
    """A queryset that can be cut down to what one user may see or change."""

    def restrict(self, user, permission: Permission | str = Permission.VIEW):
        allowed = self.model.access.q(user, Permission(permission))
        if allowed is ALL:
            return self
        if allowed is NOTHING:
            return self.none()
        return self.filter(allowed)


def can(user, permission: Permission | str, obj) -> bool:
    """Whether `user` may view/change/delete `obj`, by the same rule as the lists."""
    manager = type(obj)._default_manager
    return manager.restrict(user, permission).filter(pk=obj.pk).exists()


def rule_of(obj_or_model) -> Rule | None:
    return getattr(obj_or_model, "access", None)


def scope_of(obj) -> tuple[str, str]:
    """(State, owning authority) of an object, for the audit entry written about it."""
    rule = rule_of(obj)
    if rule is None:
        return (getattr(obj, "country_id", "") or "", "")
    return (rule.country_of(obj) or getattr(obj, "country_id", "") or "", rule.owner_of(obj))


@cache
def confidential_types() -> frozenset[str]:
    """The labels ("drafting.request") of every model whose rows belong to an authority."""
    return frozenset(
        model._meta.label_lower
        for model in apps.get_models()
        if getattr(rule_of(model), "confidential", False)
    )


def _follow(obj, path: str):
    """obj.a.b_id for the path "a.b_id" or "a__b_id"; None when a link is missing."""
    for part in path.replace("__", ".").split("."):
        if obj is None:
            return None
        obj = getattr(obj, part, None)
    return obj
