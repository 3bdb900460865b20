"""What the rules know besides the request: the requested State's profile and the legal bases."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class CheckContext:
    """The requested State's requirement profile, as plain facts, and the legal bases chosen.

    `has_profile` is False when no profile is recorded; every fact then keeps its "unknown" value,
    and rules that depend on the profile give advice instead of errors.
    """

    requested_state: str = ""
    state_name: str = ""
    kind: str = ""
    has_profile: bool = False
    languages: tuple[str, ...] = ()
    languages_note: str = ""
    dual_criminality: str = "unknown"  # never | coercive | always | unknown
    formalities: tuple[str, ...] = ()
    special_requirements: str = ""
    video_hearing: str = "unknown"  # yes | no | unknown
    temporary_transfer: str = "unknown"
    source: str = ""
    as_of: datetime.date | None = None
    legal_bases: tuple[str, ...] = ()
    # The central authorities designated for this kind of request (UNTOC 18(13)): the profile's,
    # then the directory's; each by its id and its names, as `addressed_to_central_authority`
    # compares them. Empty when none is recorded.
    central_authorities: tuple[frozenset[str], ...] = ()
    central_authority_name: str = ""

    @classmethod
    def without_profile(cls, *, legal_bases=(), **facts) -> CheckContext:
        return cls(legal_bases=tuple(b for b in legal_bases if isinstance(b, str)), **facts)

    @property
    def state(self) -> str:
        """The State's name for messages."""
        return self.state_name or self.requested_state or _("the requested State")

    def addressed_to_central_authority(self, addressee: str) -> bool | None:
        """Whether `addressee` (a directory id or a name) is a designated central authority;
        None when no central authority is recorded, so nothing can be said."""
        if not self.central_authorities:
            return None
        key = addressee.strip().casefold()
        return any(key in known for known in self.central_authorities)

    @property
    def profile_citation(self) -> str:
        """'Requirements of Germany (source, as of date)', or '' without a profile."""
        if not self.has_profile:
            return ""
        if self.as_of:
            return _("Requirements of %(state)s (%(source)s, as of %(date)s)") % {
                "state": self.state,
                "source": self.source,
                "date": self.as_of.isoformat(),
            }
        return _("Requirements of %(state)s (%(source)s, undated)") % {
            "state": self.state,
            "source": self.source,
        }


def context_for(body: Any) -> CheckContext:
    """The context for a request body: the requested State's profile for its kind, if recorded.

    Safe on any input: a body that is not a dict, or lacks a usable State or kind, gets a context
    without a profile.
    """
    from comity.geo.models import Country
    from comity.treaties.selectors import central_authorities_to_show, profile_for

    body = body if isinstance(body, dict) else {}
    bases = body.get("legal_bases")
    bases = tuple(b for b in bases if isinstance(b, str)) if isinstance(bases, list) else ()
    iso3, kind = body.get("requested_state"), body.get("kind")
    if not (isinstance(iso3, str) and len(iso3) == 3 and isinstance(kind, str) and kind):
        return CheckContext.without_profile(legal_bases=bases)
    iso3 = iso3.upper()
    profile = profile_for(iso3, kind)
    designated = [profile.central_authority] if profile and profile.central_authority else []
    designated += [a for a in central_authorities_to_show(iso3, kind) if a not in designated]
    central = {
        "central_authorities": tuple(_identifiers(a) for a in designated),
        "central_authority_name": designated[0].display_name() if designated else "",
    }
    if profile is None:
        country = Country.objects.filter(iso3=iso3).first()
        return CheckContext.without_profile(
            legal_bases=bases,
            requested_state=iso3,
            state_name=country.localized_name() if country else "",
            kind=kind,
            **central,
        )
    return CheckContext(
        requested_state=iso3,
        state_name=profile.country.localized_name(),
        kind=kind,
        has_profile=True,
        languages=tuple(str(x).lower() for x in profile.languages or ()),
        languages_note=profile.languages_note,
        dual_criminality=profile.dual_criminality,
        formalities=tuple(profile.formalities or ()),
        special_requirements=profile.special_requirements,
        video_hearing=profile.video_hearing,
        temporary_transfer=profile.temporary_transfer,
        source=profile.source,
        as_of=profile.as_of,
        legal_bases=bases,
        **central,
    )


def _identifiers(authority) -> frozenset[str]:
    """An authority's id and its names in every language, case-folded."""
    names = [authority.name, *(authority.names or {}).values()]
    return frozenset([str(authority.pk), *(str(n).strip().casefold() for n in names if n)])
