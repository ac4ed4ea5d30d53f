"""Redis down: pages that need only the database keep working (the cache misses instead of
failing), sign-in still answers, and /healthz says what is down."""

import pytest
from django.core.cache import caches

from forums.demo import seed

pytestmark = pytest.mark.django_db

DOWN = {
    "default": {
        "BACKEND": "imrf_portal.cache.FallbackRedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
    }
}


@pytest.fixture
def redis_down(settings):
    # Changing CACHES makes Django's test signal handlers drop the cache connections.
    settings.CACHES = DOWN
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    assert caches["default"].__class__.__name__ == "FallbackRedisCache"


@pytest.mark.page_cache  # as in production: the page cache misses too, it does not fail
@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/forums/2026/programme/",
        "/objectives/3/",
        "/organizations/",
        "/pledges/",
        "/pledges/statistics/",
        "/accounts/login/",
    ],
)
def test_public_pages_work_while_redis_is_down(client, redis_down, path):
    seed()
    for _ in range(2):
        response = client.get(path)
        assert response.status_code == 200
        assert response.get("X-Page-Cache") != "hit"


def test_signing_in_still_answers_while_redis_is_down(client, redis_down):
    response = client.post("/accounts/login/", {"login": "nobody@example.org", "password": "wrong"})
    assert response.status_code == 200
    assert "not correct" in response.content.decode()


def test_healthz_names_the_broker_and_the_cache_as_down(client, redis_down):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "database": "ok",
        "broker": "down: ConnectionError",
        "cache": "down: ConnectionError",
        "rate_limits": "database: the cache cannot count",
    }
