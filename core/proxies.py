"""What a request says about itself through a proxy, believed only from the proxy.

Behind the TLS-terminating proxy, X-Forwarded-Proto says whether the visitor used HTTPS and
X-Forwarded-For who the visitor is. Any client can send these headers; only the proxy's count.
TRUSTED_PROXIES (settings, from the environment) lists the proxy's addresses: from anyone else
the forwarding headers are removed before anything reads them, so Django's SECURE_PROXY_SSL_HEADER
(set only when TRUSTED_PROXIES is) and the rate limits' client address cannot be lied to."""

import functools
import ipaddress

from django.conf import settings

FORWARDING_HEADERS = (
    "HTTP_X_FORWARDED_PROTO",
    "HTTP_X_FORWARDED_FOR",
    "HTTP_X_FORWARDED_HOST",
    "HTTP_X_FORWARDED_PORT",
    "HTTP_X_FORWARDED_SSL",
    "HTTP_FORWARDED",
)


@functools.lru_cache(maxsize=8)
def _networks(trusted):
    return tuple(ipaddress.ip_network(item, strict=False) for item in trusted)


def is_trusted(address):
    try:
        ip = ipaddress.ip_address((address or "").strip())
    except ValueError:
        return False
    return any(ip in network for network in _networks(tuple(getattr(settings, "TRUSTED_PROXIES", ()))))


def client_ip(request):
    """The visitor's address: the peer's, or, when the peer is a trusted proxy, the last address
    in X-Forwarded-For that is not one (the proxy appends the address it saw; anything to its
    left the client may have written)."""
    peer = request.META.get("REMOTE_ADDR", "")
    if not is_trusted(peer):
        return peer
    forwarded = [item.strip() for item in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    for address in reversed(forwarded):
        if address and not is_trusted(address):
            try:
                return str(ipaddress.ip_address(address))
            except ValueError:
                return peer  # a proxy that forwards garbage: count it as itself
    return peer


class TrustedProxyMiddleware:
    """First in the chain: before the security middleware reads the scheme for its redirect."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_trusted(request.META.get("REMOTE_ADDR")):
            for name in FORWARDING_HEADERS:
                request.META.pop(name, None)
        return self.get_response(request)
