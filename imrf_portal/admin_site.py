"""The admin behind a second factor.

With settings.ADMIN_REQUIRE_2FA on, staff reach the admin only when they signed in through
django-allauth and passed its TOTP step (or used a recovery code) in this session: allauth then
keeps an authentication record with the method "mfa". The admin's own password form is not
used; its login page sends people to allauth's, with next=/admin/. Staff who have not set up an
authenticator app yet are sent to allauth's activation page.

With the setting off the admin works as Django's stock admin does.
"""

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME, logout
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _


def passed_second_factor(request):
    """Whether the signed-in user passed allauth's second factor in this session."""
    return any(record.get("method") == "mfa" for record in get_authentication_records(request, request.user))


def _is_staff(user):
    return user.is_authenticated and user.is_active and user.is_staff


def _admin_next(request, site):
    index = reverse(f"{site.name}:index")
    next_url = request.GET.get(REDIRECT_FIELD_NAME) or request.POST.get(REDIRECT_FIELD_NAME) or index
    if not next_url.startswith(index) or not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = index
    return next_url


def require_second_factor(site):
    """Patch `site` (an AdminSite) in place; every registration on it stays as it is."""
    if getattr(site, "requires_second_factor", False):
        return site
    stock_has_permission = site.has_permission
    stock_login = site.login

    def has_permission(request):
        if not stock_has_permission(request):
            return False
        return not settings.ADMIN_REQUIRE_2FA or passed_second_factor(request)

    def login(request, extra_context=None):
        if not settings.ADMIN_REQUIRE_2FA:
            return stock_login(request, extra_context)
        next_url = _admin_next(request, site)
        user = request.user
        if not user.is_authenticated:
            return redirect(f"{reverse('account_login')}?{urlencode({REDIRECT_FIELD_NAME: next_url})}")
        if not _is_staff(user):
            raise PermissionDenied(_("Your account has no access to the administration."))
        if passed_second_factor(request):
            return redirect(next_url)
        if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            messages.warning(
                request,
                _(
                    "The administration needs a second factor. Set up an authenticator app, then sign "
                    "out and sign in again with a code from it."
                ),
            )
            return redirect("mfa_activate_totp")
        # An authenticator is set up, but this session was opened without it (for example
        # before the app was activated): sign in again, this time with a code.
        logout(request)
        messages.info(request, _("Sign in with your password and a code from your authenticator app."))
        return redirect(f"{reverse('account_login')}?{urlencode({REDIRECT_FIELD_NAME: next_url})}")

    site.has_permission = has_permission
    site.login = login
    site.requires_second_factor = True
    return site
