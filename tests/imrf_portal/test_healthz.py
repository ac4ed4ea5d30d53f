"""/healthz reports the database, the broker, the cache and where rate limits are counted; 503
when the database or the broker is down, "degraded" (200) when only the cache is. Real services
only."""

import json
import os

import pytest
import redis

from tests.helpers import cache_at, closed_port, django_env, run_python

pytestmark = pytest.mark.django_db

LOCAL_REDIS = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15")
CLOSED_PORT_REDIS = "redis://127.0.0.1:1/0"


@pytest.fixture
def live_redis():
    try:
        redis.Redis.from_url(LOCAL_REDIS, socket_connect_timeout=1).ping()
    except redis.ConnectionError:
        pytest.fail(f"These tests need Redis at {LOCAL_REDIS} (start it with redis-server).")
    return LOCAL_REDIS


def test_all_up(client, settings, live_redis):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = live_redis
    settings.CACHES = cache_at(live_redis)
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "broker": "ok",
        "cache": "ok",
        "rate_limits": "cache",
    }
    assert "no-cache" in response["Cache-Control"]


def test_embedded_mode_has_no_broker_and_is_healthy(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["broker"] == "eager: tasks run in the web process, no broker configured"


def test_broker_down_is_503(client, settings, live_redis):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = CLOSED_PORT_REDIS
    settings.CACHES = cache_at(live_redis)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "database": "ok",
        "broker": "down: ConnectionError",
        "cache": "ok",
        "rate_limits": "cache",
    }


def test_cache_down_alone_is_degraded_and_limits_count_in_the_database(client, settings, live_redis):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = live_redis
    settings.CACHES = cache_at(f"redis://127.0.0.1:{closed_port()}/0")
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "degraded",
        "database": "ok",
        "broker": "ok",
        "cache": "down: ConnectionError",
        "rate_limits": "database: the cache cannot count",
    }


def test_embedded_mode_says_the_cache_is_per_process(client, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    body = client.get("/healthz").json()
    assert (body["cache"], body["rate_limits"]) == (
        "in memory: each process has its own (embedded mode)",
        "cache",
    )


def test_database_down_is_503():
    # A separate process whose PostgreSQL is a closed port: nothing is mocked.
    env = django_env(
        DATABASE_URL="postgres://postgres@127.0.0.1:1/imrf",
        DATABASE_POOL_TIMEOUT="2",
        DATABASE_POOL_MIN_SIZE="0",
        ALLOWED_HOSTS="testserver",
    )
    code = (
        "from django.test import Client; import json\n"
        "r = Client().get('/healthz')\n"
        "print(json.dumps({'code': r.status_code, 'body': r.json()}))"
    )
    result = run_python(code, env)
    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["code"] == 503
    assert outcome["body"]["status"] == "unavailable"
    assert outcome["body"]["database"].startswith("down: ")
