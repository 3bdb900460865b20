"""Directory pages. Thin: parse, call a selector or service, render."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from comity.audit.models import Action
from comity.audit.selectors import history_for
from comity.audit.services import record
from comity.core import access
from comity.core.access import Permission
from comity.core.forms import fixed_enum, fixed_states
from comity.directory import selectors, services
from comity.directory.forms import AuthorityForm, LetterheadForm
from comity.directory.models import Authority, ContactPerson
from comity.directory.transfer import authority_as_data
from comity.directory.vcard import vcard_for
from comity.directory.vocabulary import AuthorityKind, Competence
from comity.drafting import selectors as drafting_selectors
from comity.drafting import services as drafting_services
from comity.drafting.documents.context import resolve_names
from comity.drafting.documents.house import DEFAULT_TEMPLATE, PLACEHOLDERS
from comity.drafting.documents.model import default_letterhead_lines
from comity.drafting.models import HouseStyle
from comity.drafting.rendering import CONTENT_TYPES
from comity.geo import selectors as geo_selectors
from comity.geo.models import Country


def directory_reader(view):
    """Signed-in users, or everyone when COMITY_DIRECTORY_PUBLIC is on."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not selectors.can_read_directory(request.user):
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapper


def _countries():
    lang = (get_language() or "en").split("-")[0]
    return sorted(Country.objects.all(), key=lambda c: c.localized_name(lang).casefold())


@require_GET
@directory_reader
def authority_list(request):
    g = request.GET
    f = selectors.AuthorityFilter(
        country=g.get("country", ""),
        competence=g.get("competence", ""),
        instrument=g.get("instrument", ""),
        language=g.get("language", ""),
        channel=g.get("channel", ""),
        kind=g.get("kind", ""),
        q=g.get("q", "")[:200],
        stale=g.get("stale") == "1",
    )
    page = Paginator(selectors.find_authorities(f), 25).get_page(g.get("page"))
    query = g.copy()
    query.pop("page", None)
    return render(
        request,
        "directory/authority_list.html",
        {
            "filter": f,
            "page": page,
            "query": query.urlencode(),
            "countries": fixed_states(geo_selectors.country_choices()),
            "competences": fixed_enum(Competence),
            "kinds": fixed_enum(AuthorityKind),
            "can_create": access.writable_states(request.user) != frozenset(),
        },
    )


@require_GET
@directory_reader
def authority_detail(request, pk):
    authority = selectors.authority_detail(pk)
    if authority is None:
        raise Http404
    return render(
        request,
        "directory/authority_detail.html",
        {
            "authority": authority,
            "can_edit": access.can(request.user, Permission.CHANGE, authority),
            "can_set_letterhead": access.may_create(
                request.user, HouseStyle.access, owner=authority
            ),
            "history": history_for(authority, request.user),
            "show_contacts": request.user.is_authenticated,
            "contacts": ContactPerson.objects.restrict(request.user)
            .filter(authority=authority)
            .select_related("network"),
        },
    )


@require_GET
@directory_reader
def authority_vcard(request, pk):
    authority = get_object_or_404(Authority.objects.select_related("country"), pk=pk)
    user = request.user if request.user.is_authenticated else None
    record(actor=user, action=Action.DOWNLOAD, obj=authority, note="vCard")
    response = HttpResponse(vcard_for(authority), content_type="text/vcard; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="authority-{authority.pk}.vcf"'
    return response


def _save_form(request, form, *, authority=None):
    data = form.api_data()
    if authority is not None:
        data["is_example"] = authority.is_example
    if not access.may_create(request.user, Authority.access, country_id=data["country"]):
        form.add_error("country", _("You may add or move entries only within your own State."))
        return None
    try:
        if authority is None:
            return services.create_authority(data=data, actor=request.user)
        return services.update_authority(authority=authority, data=data, actor=request.user)
    except services.DirectoryInputError as exc:
        for error in exc.errors:
            form.add_field_error(error.field, error.message)
        return None


@require_http_methods(["GET", "POST"])
def authority_edit(request, pk):
    authority = get_object_or_404(
        Authority.objects.restrict(request.user, Permission.CHANGE), pk=pk
    )
    if request.method == "POST":
        form = AuthorityForm(request.POST, extra_names=authority.names)
        if form.is_valid() and _save_form(request, form, authority=authority):
            messages.success(request, _("The entry was saved. The change is in its history."))
            return redirect("directory:authority_detail", pk=authority.pk)
    else:
        form = AuthorityForm(
            initial=AuthorityForm.initial_from(authority_as_data(authority)),
            extra_names=authority.names,
        )
    return render(request, "directory/authority_form.html", {"form": form, "authority": authority})


@require_http_methods(["GET", "POST"])
def authority_create(request):
    allowed = access.writable_states(request.user)
    if allowed == frozenset():
        raise Http404
    if request.method == "POST":
        form = AuthorityForm(request.POST)
        if form.is_valid():
            authority = _save_form(request, form)
            if authority:
                messages.success(request, _("The entry was created."))
                return redirect("directory:authority_detail", pk=authority.pk)
    else:
        form = AuthorityForm(initial={"country": next(iter(allowed)) if allowed else ""})
    return render(request, "directory/authority_form.html", {"form": form, "authority": None})


@require_http_methods(["GET", "POST"])
def authority_delete(request, pk):
    authority = get_object_or_404(
        Authority.objects.restrict(request.user, Permission.DELETE), pk=pk
    )
    if request.method == "POST":
        if authority.users.exists():
            messages.error(
                request,
                _(
                    "This entry cannot be deleted while user accounts belong to it. Move those "
                    "accounts to another authority first."
                ),
            )
            return redirect("directory:authority_detail", pk=authority.pk)
        services.delete_authority(authority=authority, actor=request.user)
        messages.success(request, _("The entry was deleted. The audit log keeps its last state."))
        return redirect("directory:authority_list")
    return render(request, "directory/authority_confirm_delete.html", {"authority": authority})


# --- Letterhead and house template --------------------------------------------------------------


def _house_authority(request, pk) -> Authority:
    """The authority whose house style `request.user` may set (its admins, site admins); 404
    for anyone else, as if it did not exist."""
    authority = get_object_or_404(Authority.objects.select_related("country"), pk=pk)
    if not access.may_create(request.user, HouseStyle.access, owner=authority):
        raise Http404
    return authority


def _default_lines(authority) -> str:
    """What the letterhead prints when no lines are set, in the page's language."""
    language = get_language()
    names = resolve_names({}, also=[authority.country_id])
    return "\n".join(default_letterhead_lines(authority, language, names))


@login_required
@require_http_methods(["GET", "POST"])
def letterhead(request, pk):
    """The authority's letterhead, signatory, logo and DOCX house template, for its documents."""
    authority = _house_authority(request, pk)
    style = drafting_selectors.house_style(authority)
    if request.method == "POST":
        form = LetterheadForm(request.POST, request.FILES)
        if form.is_valid():
            d = form.cleaned_data
            try:
                drafting_services.set_house_style(
                    authority=authority,
                    actor=request.user,
                    letterhead_lines=form.lines(),
                    signatory_name=d["signatory_name"],
                    signatory_function=d["signatory_function"],
                    logo=d["logo"].read() if d["logo"] else None,
                    remove_logo=d["remove_logo"],
                    template=d["template"].read() if d["template"] else None,
                    template_name=d["template"].name if d["template"] else "",
                    remove_template=d["remove_template"],
                )
            except drafting_services.HouseStyleInputError as exc:
                for error in exc.errors:
                    form.add_error(error.field, error.message)
            else:
                messages.success(
                    request, _("The letterhead was saved. Documents use it from now on.")
                )
                return redirect("directory:letterhead", pk=authority.pk)
    else:
        form = LetterheadForm(
            initial={
                "letterhead_lines": "\n".join(style.letterhead_lines) if style else "",
                "signatory_name": style.signatory_name if style else "",
                "signatory_function": style.signatory_function if style else "",
            }
        )
    form.fields["letterhead_lines"].widget.attrs["placeholder"] = _default_lines(authority)
    return render(
        request,
        "directory/letterhead.html",
        {
            "authority": authority,
            "style": style,
            "form": form,
            "placeholders": sorted(PLACEHOLDERS),
            "history": history_for(style, request.user) if style else [],
        },
    )


@login_required
@require_GET
def letterhead_logo(request, pk):
    style = drafting_selectors.house_style(_house_authority(request, pk))
    if style is None or not style.logo_type:
        raise Http404
    response = HttpResponse(bytes(style.logo), content_type=style.logo_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_GET
def letterhead_template(request, pk):
    authority = _house_authority(request, pk)
    style = drafting_selectors.house_style(authority, with_template=True)
    if style is None or not style.template:
        raise Http404
    response = HttpResponse(bytes(style.template), content_type=CONTENT_TYPES["docx"])
    response["Content-Disposition"] = f'attachment; filename="house-template-{authority.pk}.docx"'
    return response


@login_required
@require_GET
def letterhead_default_template(request, pk):
    _house_authority(request, pk)
    return FileResponse(
        DEFAULT_TEMPLATE.open("rb"),
        as_attachment=True,
        filename="comity-house-template.docx",
        content_type=CONTENT_TYPES["docx"],
    )


@require_GET
@directory_reader
def country_list(request):
    counts = selectors.counts_by_state()
    states = [(c, counts.get(c.iso3, 0)) for c in _countries()]
    return render(
        request,
        "directory/country_list.html",
        {
            "states": states,
            "with_entries": sum(1 for _c, n in states if n),
        },
    )


@require_GET
@directory_reader
def compare(request):
    codes = [request.GET.get("a", "").upper(), request.GET.get("b", "").upper()]
    chosen = {c.iso3: c for c in Country.objects.filter(iso3__in=[c for c in codes if c])}
    columns = [(chosen[code], selectors.state_overview(code)) for code in codes if code in chosen]
    competences = [
        (code, label)
        for code, label in Competence.choices
        if any(code in overview["by_competence"] for _c, overview in columns)
    ]
    return render(
        request,
        "directory/compare.html",
        {
            "countries": _countries(),
            "a": codes[0],
            "b": codes[1],
            "columns": columns,
            "competences": competences,
        },
    )
