"""Treaty endpoints of API.md: /instruments, /countries/{iso3} with its profile, /legal-basis."""

import csv
import datetime
import io
import json
from typing import Literal

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from comity.accounts.authentication import directory_readers
from comity.core import generations
from comity.core.answers import cached
from comity.core.errors import ERRORS, ApiError
from comity.core.spreadsheet import guard
from comity.core.text import IsoDate
from comity.directory.selectors import can_read_directory
from comity.geo import selectors as geo_selectors
from comity.geo.codes import StateCode
from comity.treaties import selectors
from comity.treaties.legal_basis import legal_basis
from comity.treaties.models import Instrument, RequirementProfile
from comity.treaties.schemas import CountryDetailOut, LegalBasisOut, MatrixOut
from comity.treaties.snapshot import snapshot
from comity.treaties.vocabulary import Applies, OffenceCategory, RequestKind

instruments_router = Router()
countries_router = Router()
legal_basis_router = Router(auth=directory_readers)


class ParticipationOut(Schema):
    country: str
    signature_date: datetime.date | None
    consent_date: datetime.date | None
    consent_type: str
    entry_into_force: datetime.date | None
    entry_into_force_computed: bool
    withdrawal_date: datetime.date | None
    source: str
    as_of: datetime.date | None


class InstrumentOut(Schema):
    code: str
    title: str
    type: str
    parent: str | None
    depositary: str
    adopted_on: datetime.date | None
    in_force_on: datetime.date | None
    source: str
    participant_lists: list[dict]


class InstrumentDetailOut(InstrumentOut):
    participants: list[ParticipationOut]


class InstrumentList(Schema):
    count: int
    items: list[InstrumentOut]


def _participation(p) -> dict:
    return {
        "country": p.country_id,
        "signature_date": p.signature_date,
        "consent_date": p.consent_date,
        "consent_type": p.consent_type,
        "entry_into_force": p.entry_into_force,
        "entry_into_force_computed": p.entry_into_force_computed,
        "withdrawal_date": p.withdrawal_date,
        "source": p.source,
        "as_of": p.as_of,
    }


def _instrument(i: Instrument) -> dict:
    return {
        "code": i.code,
        "title": i.display_title(),
        "type": i.type,
        "parent": i.parent.code if i.parent_id else None,
        "depositary": i.depositary,
        "adopted_on": i.adopted_on,
        "in_force_on": i.in_force_on,
        "source": i.source,
        "participant_lists": [
            {"source": t.source, "as_of": t.as_of, "complete": t.complete, "note": t.note}
            for t in i.lists.all()
        ],
    }


@instruments_router.get(
    "", response={200: InstrumentList, **ERRORS}, auth=None, summary="Instruments"
)
def list_instruments(request):
    items = [
        _instrument(i)
        for i in Instrument.objects.select_related("parent").prefetch_related("lists")
    ]
    return {"count": len(items), "items": items}


@instruments_router.get(
    "/{code}",
    response={200: InstrumentDetailOut, **ERRORS},
    auth=None,
    summary="One instrument with its participants",
)
def get_instrument(request, code: str):
    instrument = get_object_or_404(Instrument.objects.select_related("parent"), code=code.upper())
    data = _instrument(instrument)
    data["participants"] = [_participation(p) for p in selectors.participants(instrument)]
    return data


def _profile(p: RequirementProfile, authority_name: str | None) -> dict:
    """A requirement profile as the API shows it; `authority_name`, the name of its central
    authority, None to leave the authority out."""
    return {
        "kind": p.kind,
        "measure": p.measure,
        "languages": p.languages,
        "languages_note": p.languages_note,
        "channels": p.channels,
        "central_authority": (
            {"id": str(p.central_authority_id), "name": authority_name}
            if authority_name is not None and p.central_authority_id
            else None
        ),
        "dual_criminality": p.dual_criminality,
        "formalities": p.formalities,
        "video_hearing": p.video_hearing,
        "temporary_transfer": p.temporary_transfer,
        "preservation_without_mla": p.preservation_without_mla,
        "spontaneous_information": p.spontaneous_information,
        "joint_investigation_teams": p.joint_investigation_teams,
        "treaty_required_for_extradition": p.treaty_required_for_extradition,
        "usual_execution_time": p.usual_execution_time,
        "special_requirements": p.special_requirements,
        "source": p.source,
        "as_of": p.as_of,
    }


def _status(entry: dict) -> dict:
    status, row = entry["status"], entry["row"]
    return {
        "instrument": entry["instrument"].code,
        "in_force_today": status.applies if status else Applies.UNKNOWN,
        "reason": status.reason.as_dict() if status else None,
        "participation": _participation_row(row) if row is not None else None,
    }


def _participation_row(row) -> dict:
    return {
        "signature_date": row.signature,
        "consent_date": row.consent,
        "consent_type": row.consent_type,
        "entry_into_force": row.in_force,
        "entry_into_force_computed": row.in_force_computed,
        "withdrawal_date": row.withdrawal,
        "source": row.source,
        "as_of": row.as_of,
    }


@countries_router.get(
    "/{iso3}",
    response={200: CountryDetailOut, **ERRORS},
    auth=None,
    summary="One country with its treaty profile",
)
def get_country(request, iso3: str):
    country = geo_selectors.country(iso3)
    if country is None:
        raise ApiError(
            _("Country not found."),
            status=404,
            errors=[
                {
                    "field": "iso3",
                    "message": _(
                        "No country has the code %(code)s. Use an ISO 3166-1 alpha-3 code, e.g. UKR."
                    )
                    % {"code": iso3},
                }
            ],
        )
    show = can_read_directory(request.user)
    profile = selectors.country_profile(country.iso3)
    return {
        "iso3": country.iso3,
        "iso2": country.iso2,
        "name": country.localized_name(geo_selectors.ui_language()),
        "names": country.names,
        "official_languages": country.official_languages,
        "kind": country.kind,
        "profile": {
            "instruments": [_status(e) for e in profile["instruments"]],
            "declarations": [
                {
                    "instrument": d.instrument.code,
                    "provision": d.provision,
                    "meaning": d.meaning,
                    "value": d.value,
                    "text": d.text,
                    "notification_date": d.notification_date,
                    "source": d.source,
                    "as_of": d.as_of,
                }
                for d in profile["declarations"]
            ],
            "requirements": [
                _profile(p, p.central_authority.name if show and p.central_authority_id else None)
                for p in profile["profiles"]
            ],
            "central_authorities": [
                {
                    "id": str(a.pk),
                    "name": a.name,
                    "competences": a.competences,
                    "source": a.source,
                    "verified_on": a.verified_on,
                }
                for a in profile["authorities"]
                if a.kind == "central_authority"
            ]
            if show
            else None,
            "newest_fact": profile["newest_fact"],
            "stale": profile["stale"],
        },
    }


class LegalBasisQuery(Schema):
    requesting: StateCode = Field(..., description="ISO alpha-3, e.g. UKR")
    requested: StateCode = Field(..., description="ISO alpha-3, e.g. DEU; not the requesting State")
    kind: RequestKind
    offence: OffenceCategory | None = None
    date: IsoDate | None = Field(None, description="YYYY-MM-DD; default: today")


def _check_states(known, *codes: tuple[str, str]) -> None:
    errors = [
        {
            "field": field,
            "message": _("Unknown State “%(code)s”. Use an ISO 3166-1 alpha-3 code.")
            % {"code": code},
        }
        for field, code in codes
        if code.upper() not in known
    ]
    if errors:
        raise ApiError(_("The request is not valid."), errors=errors)


@legal_basis_router.get(
    "",
    response={200: LegalBasisOut, **ERRORS},
    summary="Legal bases for a request between two States",
)
def get_legal_basis(request, params: Query[LegalBasisQuery]):
    treaties, directory = generations.current(generations.TREATIES, generations.DIRECTORY)
    snap = snapshot(treaties)
    _check_states(snap.names, ("requesting", params.requesting), ("requested", params.requested))
    if params.requesting.upper() == params.requested.upper():
        raise ApiError(
            _("The request is not valid."),
            errors=[
                {
                    "field": "requested",
                    "message": _("The requested State must differ from the requesting State."),
                }
            ],
        )
    # The answer's treaty part is kept until the treaty data change (core/answers.py); what it
    # says of the requested State's authorities comes from the directory, read apart, so a
    # change to the directory keeps the answers (comity/core/generations.py).
    on = params.date or timezone.localdate()
    key = ("legal_basis", tuple(sorted(params.model_dump().items())), on, get_language())
    answer = cached(
        key,
        lambda: _answer_json(params, on, snap),
        scopes=(generations.TREATIES,),
        marker=(snap.version,),
    )
    requested = params.requested.upper()
    where = {"directory_generation": directory, "treaties_generation": snap.version}
    profile = selectors.current_profile(requested, params.kind, generation=snap.version)
    requirements = (
        # No name: the authority has been deleted since (its profile then names none).
        _profile(profile, selectors.authority_name(profile.central_authority_id, **where) or None)
        if profile
        else None
    )
    authority = selectors.central_authority(requested, params.kind, **where)
    if authority is not None:
        authority["id"] = str(authority["id"])
    body = (
        f"{answer[:-1]}, "
        f'"requirements": {json.dumps(requirements, cls=DjangoJSONEncoder, ensure_ascii=False)}, '
        f'"central_authority": {json.dumps(authority, cls=DjangoJSONEncoder, ensure_ascii=False)}}}'
    )
    return HttpResponse(body.encode(), content_type="application/json; charset=utf-8")


def _answer_json(params: LegalBasisQuery, on, snap) -> str:
    answer = legal_basis(
        requesting=params.requesting,
        requested=params.requested,
        kind=params.kind,
        offence=params.offence,
        on=on,
        snap=snap,
    )
    return json.dumps(answer.as_dict(), cls=DjangoJSONEncoder, ensure_ascii=False)


class MatrixQuery(Schema):
    country: StateCode
    kind: RequestKind
    role: Literal["requesting", "requested"] = "requesting"
    offence: OffenceCategory | None = None
    format: Literal["json", "csv"] = "json"


@legal_basis_router.get(
    "/matrix",
    response={200: MatrixOut, **ERRORS},
    summary="One State against every other (JSON or CSV)",
    openapi_extra={
        "responses": {
            200: {"content": {"text/csv": {"schema": {"type": "string"}}}},
        }
    },
)
def get_matrix(request, params: Query[MatrixQuery]):
    _check_states(snapshot().names, ("country", params.country))
    rows = selectors.matrix(
        params.country.upper(),
        params.kind,
        as_requesting=params.role == "requesting",
        offence=params.offence,
    )
    if params.format == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["country", "first_basis", "applies", "yes", "conditional", "unknown"])
        for r in rows:
            cells = (
                r["country"].iso3,
                r["first"].instrument if r["first"] else "",
                r["first"].applies if r["first"] else "none",
                " ".join(r["yes"]),
                " ".join(r["conditional"]),
                " ".join(r["unknown"]),
            )
            writer.writerow([guard(cell) for cell in cells])
        response = HttpResponse(out.getvalue(), content_type="text/csv")
        response["Content-Disposition"] = (
            f'attachment; filename="legal-basis-{params.country.upper()}-{params.kind}.csv"'
        )
        return response
    return {
        "country": params.country.upper(),
        "kind": params.kind,
        "role": params.role,
        "items": [
            {
                "country": r["country"].iso3,
                "first_basis": r["first"].instrument if r["first"] else None,
                "applies": r["first"].applies if r["first"] else "none",
                "yes": r["yes"],
                "conditional": r["conditional"],
                "unknown": r["unknown"],
            }
            for r in rows
        ],
    }
