"""Failed sign-ins are limited through the real login view (allauth), with Redis up and with the
cache on a real closed port: after the limit even the right password is refused, with a message
that says how long to wait, and the counting goes on in the database."""

import pytest

from core.models import RateLimitCounter
from imrf_portal.accounts import LOGIN_FAILURES_PER_ADDRESS
from tests.core.factories import UserFactory
from tests.helpers import cache_at, closed_port
from tests.stakeholders.factories import verified_user

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
PASSWORD = "correct horse battery staple"
REFUSED = "Too many failed sign-in attempts. Wait 5 minutes and try again, or reset your password."


@pytest.fixture
def cache_down(settings):
    settings.CACHES = cache_at(f"redis://127.0.0.1:{closed_port()}/0")


def _sign_in(client, email, password):
    return client.post(LOGIN, {"login": email, "password": password})


def _signed_in(client):
    return "_auth_user_id" in client.session


@pytest.mark.parametrize("cache", ["up", "down"])
def test_after_the_limit_the_right_password_is_refused(client, request, cache):
    if cache == "down":
        request.getfixturevalue("cache_down")
    user = verified_user()
    for _ in range(15):
        wrong = _sign_in(client, user.email, "not the password")
        assert wrong.status_code == 200
    response = _sign_in(client, user.email, PASSWORD)
    assert response.status_code == 200
    assert REFUSED in response.content.decode()
    assert _signed_in(client) is False
    # While the cache is down the count is kept where every web process sees it.
    assert RateLimitCounter.objects.exists() is (cache == "down")


def test_the_limit_counts_failures_only(client, cache_down):
    user = verified_user()
    attempts, _period = LOGIN_FAILURES_PER_ADDRESS
    for _ in range(attempts - 2):
        _sign_in(client, user.email, "not the password")
    for _ in range(3):
        assert _sign_in(client, user.email, PASSWORD).status_code == 302
        assert _signed_in(client) is True
        client.logout()
    _sign_in(client, user.email, "not the password")
    assert _sign_in(client, user.email, PASSWORD).status_code == 302


def test_the_limit_is_per_address(client, cache_down):
    locked, other = verified_user(), verified_user()
    for _ in range(6):
        _sign_in(client, locked.email, "not the password")
    assert _sign_in(client, other.email, PASSWORD).status_code == 302


def test_addresses_without_an_account_are_limited_alike(client, cache_down):
    UserFactory()  # unrelated
    for _ in range(5):
        assert REFUSED not in _sign_in(client, "nobody@example.org", "x").content.decode()
    assert REFUSED in _sign_in(client, "NOBODY@example.org", "x").content.decode()


def test_the_message_is_translated(client, cache_down):
    user = verified_user()
    for _ in range(6):
        _sign_in(client, user.email, "not the password")
    response = client.post("/fr/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert "Trop de tentatives de connexion infructueuses" in response.content.decode()

