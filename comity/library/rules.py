"""Who may read and keep a document of the library.

| visibility | read by                                  | changed and deleted by                         |
|------------|------------------------------------------|------------------------------------------------|
| public     | everyone, signed in or not               | the writers of the authority that added it; site admins |
| signed_in  | every signed-in user                     | the same                                       |
| authority  | the users of the authority that added it | the writers of that authority                  |

A document nobody's authority added (imported by a site administrator) is kept by site admins.
"""

from dataclasses import dataclass

from django.db.models import Q

from comity.core.access import NOTHING, Permission, Rule, is_member, is_site_admin, may_write


@dataclass(frozen=True)
class LibraryShelf(Rule):
    """`path` leads from the model to the document ("" for a document, "document__" for an
    article)."""

    path: str = ""

    def q(self, user, permission):
        p = self.path
        if permission == Permission.VIEW:
            return Q(**{p + "visibility__in": readable(user)}) | _own(user, p, "authority")
        if is_site_admin(user):
            return Q(**{p + "visibility__in": ["public", "signed_in"]}) | _own(user, p, "")
        if not may_write(user):
            return NOTHING
        return Q(**{p + "owner": user.authority_id})

    def country_of(self, obj) -> str:
        document = getattr(obj, "document", obj)
        return document.country_id or ""


def _own(user, p: str, visibility: str) -> Q:
    """Documents of the user's own authority (of one visibility, or any)."""
    if not is_member(user):
        return Q(pk__in=[])
    own = Q(**{p + "owner": user.authority_id})
    return own & Q(**{p + "visibility": visibility}) if visibility else own


def readable(user) -> list[str]:
    """The visibilities `user` may read whoever added the document."""
    if user.is_authenticated and user.is_active:
        return ["public", "signed_in"]
    return ["public"]


def access_keys(user) -> list[str]:
    """The access keys (Document.access_key) of the documents `user` may read, for the engines."""
    keys = readable(user)
    if is_member(user):
        keys = [*keys, f"authority:{user.authority_id}"]
    return keys
