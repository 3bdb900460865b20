"""Reads from the directory: search, summaries, comparisons."""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from comity.directory import finder, search_index
from comity.directory.models import Authority, AuthorityFacet, Network, NetworkMember
from comity.directory.services import fold, state_names


@dataclass(frozen=True)
class AuthorityFilter:
    country: str = ""
    competence: str = ""
    instrument: str = ""
    language: str = ""
    channel: str = ""
    kind: str = ""
    q: str = ""
    stale: bool = False
    examples: bool = True


def can_read_directory(user) -> bool:
    return user.is_authenticated or settings.COMITY_DIRECTORY_PUBLIC


def search_authorities(f: AuthorityFilter) -> QuerySet[Authority]:
    """Entries matching every given filter; free text matches any name, address or requirement,
    and the name of the entry's State in any UI language."""
    qs = Authority.objects.all()
    if f.country:
        qs = qs.filter(country_id=f.country.upper())
    if f.kind:
        qs = qs.filter(kind=f.kind)
    facets = [
        (facet, value)
        for facet, value in (
            ("competence", f.competence),
            ("instrument", f.instrument.upper()),
            ("language", f.language.lower()),
            ("channel", f.channel),
        )
        if value
    ]
    if facets:
        # One subquery: the index rows of the first facet, kept when the entry also has every
        # other facet (EXISTS probes of the (facet, value, authority) unique index). On SQLite
        # this is about twice as fast as one `pk IN (...)` list per facet.
        (first_facet, first_value), others = facets[0], facets[1:]
        ids = AuthorityFacet.objects.filter(facet=first_facet, value=first_value)
        for facet, value in others:
            ids = ids.filter(
                Exists(
                    AuthorityFacet.objects.filter(
                        facet=facet, value=value, authority_id=OuterRef("authority_id")
                    )
                )
            )
        qs = qs.filter(pk__in=ids.values("authority_id"))
    if f.q:
        indexed = search_index.sqlite_fts_available()
        for word in fold(f.q).split()[:8]:
            # A word also finds every entry of a State named with it (services.state_names).
            named = sorted(code for code, names in state_names().items() if word in names)
            if indexed and len(word) >= 3:
                # On the table's rowid, so SQLite drives the query from the index's matches
                # (half the time of matching on the primary key). The word is a bound parameter.
                where = search_index.MATCH_ROWIDS
                if named:
                    marks = ", ".join(["%s"] * len(named))
                    where = f"({where} OR directory_authority.country_id IN ({marks}))"
                qs = qs.extra(  # noqa: S610  (constant clauses; the values are bound parameters)
                    where=[where], params=[search_index.phrase(word), *named]
                )
            else:
                text = Q(search_text__contains=word)
                qs = qs.filter(text | Q(country_id__in=named) if named else text)
    if f.stale:
        qs = qs.stale()
    if not f.examples:
        qs = qs.filter(is_example=False)
    # The id breaks ties (one name, two kinds), so every reader sees one order (finder.py).
    return qs.order_by("country_id", "name", "id")


def find_authorities(f: AuthorityFilter) -> "finder.Matches":
    """What search_authorities(f) finds, from the finder's index: for pages, which count them and
    show a page of them (Paginator)."""
    stale_before = timezone.localdate() - timedelta(days=settings.COMITY_STALE_AFTER_DAYS)
    return finder.Matches(f, stale_before)


def directory_summary() -> dict:
    qs = Authority.objects.all()
    return {
        "authorities": qs.count(),
        "states": qs.values("country_id").distinct().count(),
        "stale": qs.stale().count(),
    }


def counts_by_state() -> dict[str, int]:
    rows = Authority.objects.values("country_id").annotate(n=Count("id"))
    return {row["country_id"]: row["n"] for row in rows}


def authority_detail(pk) -> Authority | None:
    return (
        Authority.objects.select_related("country")
        .prefetch_related("contacts", "network_roles__network")
        .filter(pk=pk)
        .first()
    )


def state_overview(country_id: str) -> dict:
    """What one State's entries say: authorities by competence, languages and channels accepted."""
    authorities = list(Authority.objects.filter(country_id=country_id).order_by("kind", "name"))
    by_competence: dict[str, list[Authority]] = {}
    for authority in authorities:
        for code in authority.competences:
            by_competence.setdefault(code, []).append(authority)
    languages = sorted({lang for a in authorities for lang in a.languages})
    channels = sorted({ch for a in authorities for ch in a.channels})
    networks = (
        NetworkMember.objects.filter(country_id=country_id)
        .select_related("network")
        .order_by("network__code")
    )
    return {
        "authorities": authorities,
        "by_competence": by_competence,
        "languages": languages,
        "channels": channels,
        "networks": sorted({m.network for m in networks}, key=lambda n: n.code),
    }


def networks_with_counts() -> QuerySet[Network]:
    return Network.objects.annotate(
        member_count=Count("members__country", distinct=True),
        focal_point_count=Count("members", filter=~Q(members__role="member")),
    )
