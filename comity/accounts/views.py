"""Accounts pages: sign in and out, two-factor sign-in, profile, API tokens, authority security.

Views parse input, call a service in comity.accounts.services and render; they hold no rules.
"""

from base64 import b32encode
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login

from comity.accounts import selectors, services
from comity.accounts.forms import AuthoritySecurityForm, CodeForm, SignInForm, TokenCreateForm
from comity.accounts.middleware import OPTED_IN_SESSION_KEY, two_factor_pending

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
