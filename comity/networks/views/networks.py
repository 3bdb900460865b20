"""A network's pages: the list, its page (members, focal points, secretariat, meetings, documents),
the focal points' history and rotation, the secretariat, and the calendar to subscribe to."""

import csv
import io

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from comity.accounts.emails import site_url_from_settings
from comity.core import access, spreadsheet
from comity.directory import selectors as directory_selectors
from comity.directory import services as directory_services
from comity.directory.forms import NetworkMemberForm
from comity.directory.models import Authority, NetworkMember
from comity.directory.views import directory_reader
from comity.geo.models import Country
from comity.networks import ics, selectors, services
from comity.networks.forms import RotationForm
from comity.networks.models import Secretary


@require_GET
@directory_reader
def network_list(request):
    return render(
        request,
        "networks/network_list.html",
        {"networks": directory_selectors.networks_with_counts()},
    )


@require_GET
@directory_reader
def network_detail(request, code):
    network = selectors.network_for(code)
    member = selectors.is_member(request.user, network)
    context = {
        "network": network,
        "states": selectors.member_states(network),
        "is_member": member,
        "show_people": request.user.is_authenticated,
        "may_manage": services.may_manage(request.user, network),
        "may_rotate": request.user.is_authenticated
        and (
            services.may_manage(request.user, network)
            or access.writable_states(request.user) != frozenset()
        ),
        "secretariat": selectors.secretariat(network) if member else [],
    }
    if member:
        context.update(
            upcoming=selectors.upcoming(request.user, network=network),
            documents=selectors.network_documents(request.user, network),
            feed_url=_feed_url(request, network.code),
        )
    return render(request, "networks/network_detail.html", context)


def _feed_url(request, code: str) -> str:
    token = ics.feed_token(request.user, code)
    path = reverse("networks:calendar", args=[code])
    return f"{site_url_from_settings().rstrip('/')}{path}?token={token}"


@require_GET
@login_required
def focal_points(request, code):
    """Every term, past and current, of the network's focal points: the history of rotations."""
    network = selectors.network_for(code)
    country = (request.GET.get("state") or "").upper()
    rows = selectors.terms(network, country_id=country)
    if request.GET.get("format") == "csv":
        return _terms_csv(network, rows, selectors.is_member(request.user, network))
    return render(
        request,
        "networks/focal_points.html",
        {
            "network": network,
            "terms": rows,
            "state": country,
            "is_member": selectors.is_member(request.user, network),
        },
    )


def _terms_csv(network, rows, member: bool) -> HttpResponse:
    """The history as CSV; hand-over notes and contacts only for members. Cells are guarded
    against spreadsheet formulas."""
    out = io.StringIO()
    writer = csv.writer(out)
    header = ["state", "role", "authority", "person", "start", "end", "source", "example"]
    writer.writerow(header + (["handover_note", "email", "phone"] if member else []))
    for t in rows:
        row = [
            t.country_id,
            t.role,
            t.authority.name if t.authority else "",
            t.person_name,
            t.start.isoformat() if t.start else "",
            t.end.isoformat() if t.end else "",
            t.source,
            "yes" if t.is_example else "",
        ]
        extra = [t.handover_note, t.email, t.phone] if member else []
        writer.writerow([spreadsheet.guard(cell) for cell in row + extra])
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{network.code}-focal-points.csv"'
    return response


@require_http_methods(["GET", "POST"])
@login_required
def rotate(request, code):
    network = selectors.network_for(code)
    manager = services.may_manage(request.user, network)
    member_codes = [s.country.iso3 for s in selectors.member_states(network)]
    if manager:
        countries = (
            Country.objects.filter(iso3__in=member_codes) if member_codes else Country.objects.all()
        )
    else:
        # A State's administrators rotate their own State's focal points, if it is a member.
        states = access.writable_states(request.user) or frozenset()
        countries = Country.objects.filter(iso3__in=states & set(member_codes))
        if not countries.exists():
            raise Http404
    countries = list(countries.order_by("iso3"))
    authorities = Authority.objects.filter(country__in=countries).order_by("country_id", "name")
    initial = {"country": (request.GET.get("state") or "").upper()}
    form = RotationForm(
        request.POST or None, initial=initial, countries=countries, authorities=authorities
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        if not services.may_rotate(request.user, network, d["country"]):
            raise Http404
        authority = authorities.filter(pk=d["authority"]).first() if d["authority"] else None
        try:
            services.rotate_focal_point(
                network=network,
                country_id=d["country"],
                role=d["role"],
                start=d["start"],
                actor=request.user,
                authority=authority,
                person_name=d["person_name"],
                email=d["email"],
                phone=d["phone"],
                handover_note=d["handover_note"],
                source=d["source"],
            )
        except services.NetworkInputError as exc:
            for error in exc.errors:
                field = {"person": "person_name"}.get(error["field"], error["field"])
                form.add_error(field if field in form.fields else None, error["message"])
        else:
            messages.success(request, _("The new term was recorded; the previous one ended."))
            return redirect(
                reverse("networks:focal_points", args=[network.code]) + f"?state={d['country']}"
            )
    return render(request, "networks/rotate.html", {"network": network, "form": form})


@require_http_methods(["GET", "POST"])
@login_required
def member_add(request, code):
    """Record a member State or a focal point: the secretariat's and site admins' (membership
    opens the network's member-only details)."""
    network = selectors.network_for(code)
    if not services.may_manage(request.user, network):
        raise Http404
    country_id = (request.POST.get("country") or request.GET.get("country") or "").upper()
    country = Country.objects.filter(iso3=country_id).first()
    authorities = Authority.objects.filter(country=country) if country else Authority.objects.none()
    form = None
    if country:
        form = NetworkMemberForm(request.POST or None, authorities=authorities)
        if request.method == "POST" and form.is_valid():
            d = form.cleaned_data
            directory_services.add_network_member(
                network=network,
                country_id=country.iso3,
                role=d["role"],
                source=d["source"],
                actor=request.user,
                person_name=d["person_name"],
                authority=authorities.filter(pk=d["authority"]).first() if d["authority"] else None,
            )
            messages.success(request, _("The member was added."))
            return redirect("networks:detail", code=network.code)
    countries = Country.objects.order_by("iso3")
    return render(
        request,
        "networks/member_form.html",
        {"network": network, "country": country, "form": form, "countries": countries},
    )


@require_POST
@login_required
def member_remove(request, code, member_id):
    network = selectors.network_for(code)
    members = NetworkMember.objects.filter(network=network)
    allowed = access.writable_states(request.user)
    if allowed is not None and not services.may_manage(request.user, network):
        members = members.filter(country_id__in=allowed)
    member = get_object_or_404(members, pk=member_id)
    directory_services.remove_network_member(member=member, actor=request.user)
    messages.success(request, _("The member was removed."))
    return redirect("networks:detail", code=code)


@require_http_methods(["GET", "POST"])
@login_required
def secretariat(request, code):
    """Who runs the network's secretariat; site admins appoint and remove them."""
    network = selectors.network_for(code)
    if not selectors.is_member(request.user, network):
        raise Http404
    admin = access.is_site_admin(request.user)
    if request.method == "POST":
        if not admin:
            raise Http404
        if request.POST.get("remove"):
            remove = request.POST["remove"]
            if not remove.isdigit():
                raise Http404
            secretary = get_object_or_404(Secretary, network=network, pk=int(remove))
            services.remove_secretary(secretary=secretary, actor=request.user)
            messages.success(request, _("Removed from the secretariat."))
        else:
            username = (request.POST.get("username") or "").strip()
            user = (
                get_user_model().objects.filter(username__iexact=username, is_active=True).first()
            )
            if user is None:
                messages.error(request, _("There is no active user %(name)s.") % {"name": username})
            else:
                services.appoint_secretary(network=network, user=user, actor=request.user)
                messages.success(request, _("Appointed to the secretariat."))
        return redirect("networks:secretariat", code=code)
    return render(
        request,
        "networks/secretariat.html",
        {"network": network, "secretaries": selectors.secretariat(network), "admin": admin},
    )


@require_GET
def calendar(request, code):
    """The network's meetings as a calendar to subscribe to: with the session, or with the
    personal token of the subscription link (calendar applications send no cookies)."""
    network = selectors.network_for(code)
    user = request.user
    token = request.GET.get("token")
    if token:
        user = ics.feed_user(token, network.code)
    if user is None or not user.is_authenticated or not selectors.is_member(user, network):
        raise Http404
    events = (
        selectors.events_for(user, network=network).prefetch_related("agenda").order_by("start")
    )
    body = ics.calendar_ics(events, name=network.name, site_url=site_url_from_settings())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{network.code}.ics"'
    return response
