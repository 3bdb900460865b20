"""Treaty pages: instruments, a State's page, "Which legal basis?", the matrix, profile editing."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from comity.audit.selectors import history_for
from comity.core import access
from comity.directory.models import Authority
from comity.directory.views import directory_reader
from comity.geo.models import Country
from comity.geo.selectors import localized_country_choices, ui_language
from comity.library import selectors as library_selectors
from comity.treaties import selectors, services
from comity.treaties.forms import BilateralTreatyForm, LegalBasisForm, MatrixForm, ProfileForm
from comity.treaties.legal_basis import legal_basis
from comity.treaties.models import Instrument, RequirementProfile
from comity.treaties.snapshot import snapshot
from comity.treaties.vocabulary import RequestKind


def _country_name(iso3: str) -> str:
    return snapshot().name(iso3, ui_language())


def _choices():
    return localized_country_choices(ui_language())


@require_GET
def instrument_list(request):
    instruments = Instrument.objects.select_related("parent").prefetch_related("lists")
    return render(request, "treaties/instrument_list.html", {"instruments": instruments})


@require_GET
def instrument_detail(request, code):
    instrument = get_object_or_404(Instrument, code=code.upper())
    return render(
        request,
        "treaties/instrument_detail.html",
        {
            "instrument": instrument,
            "participants": selectors.participants(instrument),
            "lists": instrument.lists.all(),
            "facts": selectors.facts_status([instrument])[0],
        },
    )


@require_GET
@directory_reader
def country_detail(request, iso3):
    country = get_object_or_404(Country, iso3=iso3.upper())
    return render(
        request,
        "treaties/country_detail.html",
        {
            "country": country,
            "profile": selectors.country_profile(country.iso3),
            "can_edit": access.may_create(
                request.user, RequirementProfile.access, country_id=country.iso3
            ),
            "kinds": RequestKind.choices,
            "legislation": library_selectors.of_state(request.user, country.iso3, limit=20),
        },
    )


@require_GET
@directory_reader
def legal_basis_page(request):
    form = LegalBasisForm(request.GET or None, countries=_choices())
    answer = profile = authorities = None
    if request.GET and form.is_valid():
        d = form.cleaned_data
        answer = legal_basis(
            requesting=d["requesting"],
            requested=d["requested"],
            kind=d["kind"],
            offence=d["offence"] or None,
            on=d["date"],
        )
        profile = selectors.profile_to_show(d["requested"], d["kind"])
        authorities = selectors.central_authorities_to_show(d["requested"], d["kind"])
    return render(
        request,
        "treaties/legal_basis.html",
        {
            "form": form,
            "answer": answer,
            "profile": profile,
            "authorities": authorities,
            "requested_name": _country_name(answer.requested) if answer else "",
            "query": request.GET.urlencode(),
        },
    )


@require_GET
@directory_reader
def matrix_page(request):
    form = MatrixForm(request.GET or None, countries=_choices())
    rows = None
    if request.GET and form.is_valid():
        d = form.cleaned_data
        rows = selectors.matrix(d["country"], d["kind"], as_requesting=d["role"] == "requesting")
    return render(
        request,
        "treaties/matrix.html",
        {
            "form": form,
            "rows": rows,
            "query": request.GET.urlencode(),
        },
    )


@require_http_methods(["GET", "POST"])
def profile_edit(request, iso3, kind):
    iso3 = iso3.upper()
    if kind not in RequestKind.values or not access.may_create(
        request.user, RequirementProfile.access, country_id=iso3
    ):
        raise Http404
    country = get_object_or_404(Country, iso3=iso3)
    profile = RequirementProfile.objects.filter(country=country, kind=kind, measure="").first()
    authorities = Authority.objects.filter(country=country).order_by("name")
    form = ProfileForm(request.POST or None, instance=profile, authorities=authorities)
    if request.method == "POST" and form.is_valid():
        services.save_profile(
            country_id=iso3, kind=kind, values=form.profile_values(), actor=request.user
        )
        messages.success(request, _("The requirements were saved. The change is in the audit log."))
        return redirect("treaties:country_detail", iso3=iso3)
    return render(
        request,
        "treaties/profile_form.html",
        {
            "form": form,
            "country": country,
            "kind": RequestKind(kind),
            "profile": profile,
            "history": history_for(profile, request.user) if profile else [],
        },
    )


@require_http_methods(["GET", "POST"])
def bilateral_new(request):
    """Site administrators record bilateral treaties (MLA, extradition, transfer)."""
    if not access.may_create(request.user, Instrument.access):
        raise Http404
    form = BilateralTreatyForm(request.POST or None, countries=_choices())
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        dates = {
            "signature_date": d["signed"],
            "entry_into_force": d["in_force"],
            "as_of": d["as_of"],
        }
        instrument = services.add_bilateral_treaty(
            code=d["code"],
            title=d["title"],
            kinds=d["kinds"],
            source=d["source"],
            parties={d["party_a"]: dates, d["party_b"]: dates},
            actor=request.user,
        )
        messages.success(
            request, _("The treaty was recorded. Legal-basis answers now take it into account.")
        )
        return redirect("treaties:instrument_detail", code=instrument.code)
    return render(request, "treaties/bilateral_form.html", {"form": form})
