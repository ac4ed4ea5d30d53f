"""X-Forwarded-Proto and X-Forwarded-For are believed from the trusted proxy only: from any other
client they are removed, so that a request over plain HTTP cannot pass for HTTPS, nor a visitor
for someone else in the rate limits."""

import pytest

from core.proxies import client_ip
from tests.helpers import cache_at, closed_port
from tests.stakeholders.factories import verified_user

pytestmark = pytest.mark.django_db

PROXY = "10.89.37.1"


@pytest.fixture
def behind_the_proxy(settings):
    settings.TRUSTED_PROXIES = [f"{PROXY}/32"]
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_SSL_REDIRECT = True


def test_https_is_believed_from_the_proxy(client, behind_the_proxy):
    response = client.get("/objectives/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 200


@pytest.mark.parametrize("peer", ["127.0.0.1", "10.89.37.7", "203.0.113.9"])
def test_https_is_not_believed_from_anyone_else(client, behind_the_proxy, peer):
    response = client.get("/objectives/", REMOTE_ADDR=peer, HTTP_X_FORWARDED_PROTO="https")
    assert (response.status_code, response["Location"]) == (301, "https://testserver/objectives/")


def test_without_trusted_proxies_the_header_is_never_read(client, settings):
    settings.TRUSTED_PROXIES = []
    settings.SECURE_PROXY_SSL_HEADER = None
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/objectives/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 301


def test_the_client_address_is_the_one_the_proxy_saw(rf, behind_the_proxy):
    through_proxy = rf.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.9")
    assert client_ip(through_proxy) == "203.0.113.9"  # the left part is the client's own claim
    direct = rf.get("/", REMOTE_ADDR="203.0.113.50", HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert client_ip(direct) == "203.0.113.50"
    garbage = rf.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="not-an-address")
    assert client_ip(garbage) == PROXY


def test_visitors_behind_the_proxy_are_limited_apart(client, settings, behind_the_proxy):
    settings.SECURE_SSL_REDIRECT = False
    settings.CACHES = cache_at(f"redis://127.0.0.1:{closed_port()}/0")
    verified_user(email="someone@example.org")

    def sign_in(visitor, login, password):
        return client.post(
            "/accounts/login/",
            {"login": login, "password": password},
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=visitor,
        )

    # One visitor tries many addresses: the per-IP limit stops it, not the others behind the proxy.
    for n in range(11):
        sign_in("203.0.113.9", f"guess{n}@example.org", "x")
    assert "Too many failed sign-in attempts" in sign_in("203.0.113.9", "guess99@example.org", "x").content.decode()
    assert sign_in("198.51.100.7", "someone@example.org", "correct horse battery staple").status_code == 302
