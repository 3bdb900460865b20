"""Who may change which directory entries. Reads are open to signed-in users (see selectors)."""

from comity.directory.models import Authority


def can_edit(user, authority: Authority) -> bool:
    return Authority.objects.editable_by(user).filter(pk=authority.pk).exists()


def can_create_for(user, country_id: str) -> bool:
    allowed = importable_countries(user)
    return allowed is None or country_id in allowed


def importable_countries(user) -> frozenset[str] | None:
    """None: every State (site admin); a set: only those States; empty: none."""
    if not user.is_authenticated:
        return frozenset()
    if user.is_site_admin:
        return None
    if user.is_authority_admin:
        return frozenset({user.country_id})
    return frozenset()
