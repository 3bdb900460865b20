"""Accounts pages: sign in and out, two-factor sign-in, profile, API tokens, authority security,
managing the people of an authority and choosing a password from an invitation.

Views parse input, call a service in comity.accounts.services and render; they hold no rules.
"""

import smtplib
from base64 import b32encode
from functools import wraps
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.urls import reverse, reverse_lazy
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login

from comity.accounts import selectors, services
from comity.accounts.forms import (
    AuthoritySecurityForm,
    CodeForm,
    InviteForm,
    LiaisonRoleForm,
    RoleForm,
    SignInForm,
    TokenCreateForm,
    UserFilterForm,
)
from comity.accounts.middleware import OPTED_IN_SESSION_KEY, two_factor_pending
from comity.audit.selectors import history_for

# --- Signing in and out -------------------------------------------------------------------------


class SignInView(auth_views.LoginView):
    """Django's login (django-axes counts the failures) that sends on to the second factor."""

    template_name = "accounts/login.html"
    form_class = SignInForm

    def form_valid(self, form):
        user = form.get_user()
        auth_login(self.request, user)
        self.request.session[OPTED_IN_SESSION_KEY] = selectors.has_two_factor(user)
        target = self.get_success_url()
        if two_factor_pending(self.request):
            return redirect(f"{reverse('accounts:two_factor')}?{urlencode({'next': target})}")
        return redirect(target)


login_view = SignInView.as_view()
# Django's LogoutView accepts POST only, so a link or an image cannot sign anyone out.
logout_view = auth_views.LogoutView.as_view()


def _safe_next(request) -> str:
    """The ?next= target if it points to this site, else the default landing page."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return resolve_url(settings.LOGIN_REDIRECT_URL)


# --- Two-factor sign-in ---------------------------------------------------------------------------


def _qr_svg(device) -> str:
    """The device's otpauth:// URL as an inline SVG (no script, no style attribute: CSP-safe)."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathFillImage)
    svg = image.to_string(encoding="unicode")
    svg = svg[svg.index("<svg") :]
    opening, rest = svg.split(">", 1)
    title = format_html(
        '<title id="qr-title">{}</title>', _("QR code to scan with your authenticator app")
    )
    # Markup generated here from our own data; the only text, the title, is escaped.
    return mark_safe(f'{opening} role="img" aria-labelledby="qr-title">{title}{rest}')


def _grouped_secret(device) -> str:
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def two_factor(request):
    """Set up an authenticator app, or enter its code to finish signing in."""
    user = request.user
    next_url = _safe_next(request)
    if user.is_verified():
        return render(
            request,
            "accounts/two_factor_status.html",
            {"device": user.otp_device, "next": next_url, "required": user.needs_two_factor()},
        )

    device = selectors.confirmed_totp_device(user)
    setting_up = device is None
    if setting_up:
        device = services.pending_totp_device(user=user)

    form = CodeForm(request.POST if request.method == "POST" else None, device=device)
    if request.method == "POST" and form.is_valid():
        if setting_up:
            services.confirm_totp_device(device=form.verified_device, actor=user)
            messages.success(request, _("Two-factor sign-in is now on for your account."))
        otp_login(request, form.verified_device)
        # The session just gained rights: give it a new key, as Django does at sign-in.
        request.session.cycle_key()
        request.session[OPTED_IN_SESSION_KEY] = True
        return redirect(next_url)

    context = {"form": form, "next": next_url, "required": user.needs_two_factor()}
    if setting_up:
        context.update({"qr_svg": _qr_svg(device), "secret": _grouped_secret(device)})
        return render(request, "accounts/two_factor_setup.html", context)
    return render(request, "accounts/two_factor_verify.html", context)


@login_required
@require_POST
def two_factor_remove(request):
    """Remove one's own authenticator; only from a session that has just proven it owns it."""
    if not request.user.is_verified():
        messages.error(request, _("Enter a code from your authenticator app first."))
        return redirect("accounts:two_factor")
    services.remove_totp_devices(user=request.user, actor=request.user)
    request.session[OPTED_IN_SESSION_KEY] = False
    if request.user.needs_two_factor():
        messages.warning(
            request,
            _(
                "Your authenticator was removed. Your role requires two-factor sign-in: set up a new one now."
            ),
        )
        return redirect("accounts:two_factor")
    messages.success(request, _("Your authenticator was removed. Two-factor sign-in is off."))
    return redirect("accounts:profile")


# --- Profile and authority security ----------------------------------------------------------------


@login_required
def profile(request):
    user = request.user
    return render(
        request,
        "accounts/profile.html",
        {
            "profile_user": user,
            "has_two_factor": selectors.has_two_factor(user),
            "active_tokens": selectors.tokens_for(user).filter(revoked_at__isnull=True).count(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def authority_security(request):
    """An authority administrator decides whether everyone at the authority needs two-factor."""
    user = request.user
    if not user.is_authority_admin:
        raise Http404
    authority = user.authority
    if request.method == "POST":
        form = AuthoritySecurityForm(request.POST)
        if form.is_valid():
            required = form.cleaned_data["require_two_factor"]
            services.set_authority_two_factor(authority=authority, required=required, actor=user)
            if required:
                messages.success(
                    request, _("Two-factor sign-in is now required at this authority.")
                )
            else:
                messages.success(request, _("Two-factor sign-in is no longer required here."))
            return redirect("accounts:authority_security")
    else:
        form = AuthoritySecurityForm(initial={"require_two_factor": authority.require_two_factor})
    return render(
        request, "accounts/authority_security.html", {"form": form, "authority": authority}
    )


# --- API tokens ---------------------------------------------------------------------------------------


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def tokens(request):
    """List one's own tokens and create one; a new token is shown once, on this response only."""
    form = TokenCreateForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        token, plain = services.create_token(
            user=request.user, name=form.cleaned_data["name"], actor=request.user
        )
        return render(request, "accounts/token_created.html", {"token": token, "plain": plain})
    return render(
        request,
        "accounts/tokens.html",
        {"form": form, "tokens": selectors.tokens_for(request.user)},
    )


@login_required
@require_POST
def token_revoke(request, key_id):
    token = get_object_or_404(selectors.tokens_for(request.user), key_id=key_id)
    if token.revoked_at is None:
        services.revoke_token(token=token, actor=request.user)
        messages.success(request, _("The token “%(name)s” is revoked.") % {"name": token.name})
    return redirect("accounts:tokens")


# --- Choosing a password from an invitation -----------------------------------------------------------


class SetPasswordView(auth_views.PasswordResetConfirmView):
    """The one-time link from the invitation e-mail. Django checks the token and, on the first
    visit, moves it from the URL into the session so that it does not leak through the Referer.
    """

    template_name = "accounts/set_password.html"
    success_url = reverse_lazy("accounts:login")
    post_reset_login = False

    def get_user(self, uidb64):
        user = super().get_user(uidb64)
        # A switched-off account cannot be brought back by an old link.
        return user if user is not None and user.is_active else None

    def form_valid(self, form):
        # Through the service rather than form.save(), so that the change is audited.
        services.set_password(
            user=self.user, password=form.cleaned_data["new_password1"], actor=self.user
        )
        self.request.session.pop(auth_views.INTERNAL_RESET_SESSION_TOKEN, None)
        messages.success(
            self.request, _("Your password is set. Sign in with your user name and new password.")
        )
        return HttpResponseRedirect(self.get_success_url())


set_password = SetPasswordView.as_view()


# --- People of an authority ------------------------------------------------------------------------


def user_manager(view):
    """Authority admins and site admins only; anyone else gets 404, as if the page did not exist."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not selectors.may_manage_users(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def _managed_user(request, pk):
    return get_object_or_404(selectors.users_manageable_by(request.user), pk=pk)


def _site_url(request) -> str:
    return request.build_absolute_uri("/")


@user_manager
def user_list(request):
    form = UserFilterForm(request.GET or None, actor=request.user)
    filters = form.filters() if request.GET else selectors.UserFilters()
    page = Paginator(selectors.users_for_list(request.user, filters), 50).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "accounts/user_list.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


@user_manager
@require_http_methods(["GET", "POST"])
def user_invite(request):
    actor = request.user
    form = InviteForm(request.POST if request.method == "POST" else None, actor=actor)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = services.invite_user(
                authority=data.get("authority") or actor.authority,
                username=data["username"],
                email=data["email"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                role=data["role"],
                actor=actor,
                site_url=_site_url(request),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        except (smtplib.SMTPException, OSError):
            form.add_error(
                None,
                _(
                    "The invitation e-mail could not be sent, so no account was created. Try "
                    "again later, or ask the site administrator to check the mail settings."
                ),
            )
        else:
            messages.success(
                request,
                _("%(username)s is invited. The e-mail with the link went to %(email)s.")
                % {"username": user.get_username(), "email": user.email},
            )
            return redirect(user)
    return render(request, "accounts/user_invite.html", {"form": form})


@user_manager
def user_detail(request, pk):
    person = _managed_user(request, pk)
    return render(
        request,
        "accounts/user_detail.html",
        {
            "person": person,
            "role_form": RoleForm(initial={"role": person.role}),
            "liaison_form": LiaisonRoleForm(initial={"liaison_role": person.liaison_role}),
            "is_self": person.pk == request.user.pk,
            "history": history_for(person, request.user, limit=20),
        },
    )


def _run(request, person, action, success: str, **kwargs):
    """Call a service for `person`; its refusal becomes an error message on the detail page."""
    try:
        action(user=person, actor=request.user, **kwargs)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    except (smtplib.SMTPException, OSError):
        messages.error(request, _("The e-mail could not be sent. Try again later."))
    else:
        messages.success(request, success)
    return redirect(person)


def _name(person) -> str:
    return person.get_full_name() or person.get_username()


@user_manager
@require_POST
def user_role(request, pk):
    person = _managed_user(request, pk)
    if "liaison_role" in request.POST:
        return _liaison_role(request, person)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the roles in the list."))
        return redirect(person)
    role = form.cleaned_data["role"]
    return _run(
        request,
        person,
        services.change_role,
        _("%(name)s is now: %(role)s.")
        % {"name": _name(person), "role": dict(form.fields["role"].choices)[role]},
        role=role,
    )


def _liaison_role(request, person):
    """The same form post changes the user's part in the informal channel."""
    form = LiaisonRoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the listed parts in the informal channel."))
        return redirect(person)
    value = form.cleaned_data["liaison_role"] or ""
    return _run(
        request,
        person,
        services.change_liaison_role,
        _("%(name)s's part in the informal channel: %(part)s.")
        % {"name": _name(person), "part": dict(form.fields["liaison_role"].choices)[value]},
        liaison_role=value,
    )


@user_manager
@require_POST
def user_deactivate(request, pk):
    person = _managed_user(request, pk)
    return _run(
        request,
        person,
        services.deactivate_user,
        _("The account of %(name)s is switched off. They can no longer sign in.")
        % {"name": _name(person)},
    )


@user_manager
@require_POST
def user_reactivate(request, pk):
    person = _managed_user(request, pk)
    return _run(
        request,
        person,
        services.reactivate_user,
        _("The account of %(name)s is switched on again.") % {"name": _name(person)},
    )


@user_manager
@require_POST
def user_resend_invitation(request, pk):
    person = _managed_user(request, pk)
    return _run(
        request,
        person,
        services.resend_invitation,
        _("A new invitation went to %(email)s.") % {"email": person.email},
        site_url=_site_url(request),
    )
