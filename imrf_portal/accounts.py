import ipaddress

from django import forms
from django.utils.translation import ngettext

from core import ratelimit
from core.account_adapter import AccountAdapter as MailingAccountAdapter
from core.proxies import client_ip

# Failed sign-ins allowed before even the right password is refused: (attempts, seconds), per
# address and per client IP. allauth's own defaults, counted by core.ratelimit so that they
# still hold while Redis is down (allauth's counters then let everything through).
LOGIN_FAILURES_PER_ADDRESS = (5, 300)
LOGIN_FAILURES_PER_IP = (10, 60)


def display_name(user):
    return user.email or user.get_username()


def _ip_key(ip):
    """An IPv6 visitor has a /64 to choose addresses from: limit the network, as allauth does."""
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return ip
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


class AccountAdapter(MailingAccountAdapter):
    def get_client_ip(self, request):
        # Behind the proxy the peer is the proxy: every visitor would share one limit (allauth's
        # per-IP limits included). X-Forwarded-For is read from the trusted proxy only.
        return client_ip(request) or super().get_client_ip(request)

    def _login_keys(self, request, credentials):
        address = (credentials.get("email") or credentials.get("username") or "").strip().lower()
        return (
            (f"login-failed:address:{address}", LOGIN_FAILURES_PER_ADDRESS),
            (f"login-failed:ip:{_ip_key(self.get_client_ip(request))}", LOGIN_FAILURES_PER_IP),
        )

    def pre_authenticate(self, request, **credentials):
        """Count the attempt before the password is checked (so that parallel guesses are counted
        too); a right password takes it back (_rollback_login_failed_rl_usage)."""
        self._login_attempts = []
        for key, (limit, period) in self._login_keys(request, credentials):
            attempt = ratelimit.hit(key, limit, period)
            if not attempt:
                minutes = attempt.wait_minutes
                raise forms.ValidationError(
                    ngettext(
                        "Too many failed sign-in attempts. Wait %(minutes)s minute and try again, "
                        "or reset your password.",
                        "Too many failed sign-in attempts. Wait %(minutes)s minutes and try again, "
                        "or reset your password.",
                        minutes,
                    ),
                    code="too_many_login_attempts",
                    params={"minutes": minutes},
                )
            self._login_attempts.append(attempt)

    def _rollback_login_failed_rl_usage(self):
        # allauth calls this after a right password: only failures count against the limit.
        for attempt in getattr(self, "_login_attempts", ()):
            attempt.undo()
        self._login_attempts = []

    def _delete_login_attempts_cached_email(self, request, **credentials):
        # allauth calls this after a password reset, which proves the address is its owner's.
        super()._delete_login_attempts_cached_email(request, **credentials)
        address_key, (_limit, period) = self._login_keys(request, credentials)[0]
        ratelimit.clear(address_key, period)
