"""Settings come from environment variables, parsed strictly: a wrong value names its variable."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from imrf_portal.env import env_bool, env_int, env_list, env_networks, env_str, env_url
from imrf_portal.release import fingerprint
from tests.helpers import PRODUCTION_ENV, ROOT, django_env, run_python, settings_under


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("true", True),
        ("1", True),
        ("YES", True),
        ("on", True),
        ("false", False),
        ("0", False),
        ("No", False),
        ("off", False),
    ],
)
def test_booleans(raw, expected):
    assert env_bool("DEBUG", None, environ={"DEBUG": raw}) is expected


def test_unset_and_empty_give_the_default():
    assert env_bool("DEBUG", True, environ={}) is True
    assert env_bool("DEBUG", True, environ={"DEBUG": "  "}) is True
    assert env_str("X", "d", environ={}) == "d"
    assert env_list("ALLOWED_HOSTS", ["a"], environ={}) == ["a"]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda: env_bool("DEBUG", True, environ={"DEBUG": "flase"}),
            "The environment variable DEBUG must be one of true/false, yes/no, on/off, 1/0; got 'flase'.",
        ),
        (
            lambda: env_int("EMAIL_PORT", 587, minimum=1, maximum=65535, environ={"EMAIL_PORT": "smtp"}),
            "The environment variable EMAIL_PORT must be a whole number; got 'smtp'.",
        ),
        (
            lambda: env_int("EMAIL_PORT", 587, minimum=1, maximum=65535, environ={"EMAIL_PORT": "70000"}),
            "The environment variable EMAIL_PORT must be between 1 and 65535; got 70000.",
        ),
        (
            lambda: env_list("ALLOWED_HOSTS", [], environ={"ALLOWED_HOSTS": "a.org,,b.org"}),
            "The environment variable ALLOWED_HOSTS must be a comma-separated list without empty items; got 'a.org,,b.org'.",
        ),
        (
            lambda: env_url(
                "REDIS_URL", schemes=("redis", "rediss"), environ={"REDIS_URL": "localhost:6379"}
            ),
            "The environment variable REDIS_URL must be a URL starting with redis:// or rediss://; got 'localhost:6379'.",
        ),
        (
            lambda: env_str("SECRET_KEY", required=True, environ={}),
            "The environment variable SECRET_KEY is required.",
        ),
        (
            lambda: env_networks("TRUSTED_PROXIES", environ={"TRUSTED_PROXIES": "10.0.0.1,proxy.internal"}),
            "The environment variable TRUSTED_PROXIES must be a comma-separated list of IP addresses or "
            "networks; got '10.0.0.1,proxy.internal'.",
        ),
    ],
)
def test_wrong_values_name_the_variable(call, message):
    with pytest.raises(ImproperlyConfigured) as caught:
        call()
    assert str(caught.value) == message


def test_trusted_proxies_are_addresses_or_networks():
    assert env_networks("TRUSTED_PROXIES", environ={}) == []
    assert env_networks("TRUSTED_PROXIES", environ={"TRUSTED_PROXIES": "10.89.37.1,10.0.0.0/8,fd00::/8"}) == [
        "10.89.37.1/32",
        "10.0.0.0/8",
        "fd00::/8",
    ]


def test_nothing_set_is_the_embedded_mode():
    values = settings_under(
        django_env(), "DEBUG", "DATABASES", "CELERY_TASK_ALWAYS_EAGER", "EMAIL_BACKEND", "CACHES"
    )
    assert values["DEBUG"] is True
    assert values["DATABASES"]["default"]["ENGINE"] == "django.db.backends.sqlite3"
    assert values["CELERY_TASK_ALWAYS_EAGER"] is True
    assert values["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"
    assert values["CACHES"]["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    # The named versions are shared by every process: files, not memory.
    assert values["CACHES"]["versions"]["BACKEND"] == "django.core.cache.backends.filebased.FileBasedCache"


def test_database_and_redis_urls_give_postgresql_with_a_pool_and_celery_and_cache_on_redis():
    env = django_env(
        DATABASE_URL="postgres://portal:pw@db.internal:5433/imrf", REDIS_URL="redis://cache.internal:6379/2"
    )
    values = settings_under(env, "DATABASES", "CELERY_BROKER_URL", "CELERY_TASK_ALWAYS_EAGER", "CACHES")
    database = values["DATABASES"]["default"]
    assert (database["ENGINE"], database["HOST"], database["PORT"], database["NAME"], database["USER"]) == (
        "django.db.backends.postgresql",
        "db.internal",
        5433,
        "imrf",
        "portal",
    )
    assert database["OPTIONS"]["pool"] == {"min_size": 1, "max_size": 10, "timeout": 10}
    assert database["CONN_MAX_AGE"] == 0
    assert values["CELERY_BROKER_URL"] == "redis://cache.internal:6379/2"
    assert values["CELERY_TASK_ALWAYS_EAGER"] is False
    assert values["CACHES"]["default"]["BACKEND"] == "imrf_portal.cache.FallbackRedisCache"
    assert values["CACHES"]["default"]["LOCATION"] == "redis://cache.internal:6379/2"
    # The cache's keys name the release of the code; the versions' do not (imrf_portal/release.py).
    assert values["CACHES"]["versions"] == dict(values["CACHES"]["default"], KEY_PREFIX="imrf")
    assert values["CACHES"]["default"]["KEY_PREFIX"] == f"imrf:{fingerprint(ROOT)}"


def test_a_named_release_is_in_the_cache_s_keys_and_a_changed_file_makes_a_new_one(tmp_path):
    env = django_env(REDIS_URL="redis://cache.internal:6379/2", RELEASE="3f2a9c1")
    assert settings_under(env, "CACHES")["CACHES"]["default"]["KEY_PREFIX"] == "imrf:3f2a9c1"
    (tmp_path / "views.py").write_text("x = 1\n")
    (tmp_path / "media").mkdir()
    before = fingerprint(tmp_path)
    (tmp_path / "media" / "upload.py").write_text("not code\n")
    assert fingerprint(tmp_path) == before
    (tmp_path / "views.py").write_text("x = 22\n")
    assert fingerprint(tmp_path) != before


def test_cache_url_gives_the_cache_a_redis_of_its_own():
    env = django_env(REDIS_URL="redis://broker.internal:6379/0", CACHE_URL="redis://cache.internal:6379/1")
    values = settings_under(env, "CELERY_BROKER_URL", "CACHES")
    assert values["CELERY_BROKER_URL"] == "redis://broker.internal:6379/0"
    assert values["CACHES"]["default"]["BACKEND"] == "imrf_portal.cache.FallbackRedisCache"
    assert values["CACHES"]["default"]["LOCATION"] == "redis://cache.internal:6379/1"


def test_cache_url_alone_caches_in_redis_and_runs_tasks_eagerly():
    values = settings_under(django_env(CACHE_URL="redis://cache.internal:6379/1"), "CELERY_TASK_ALWAYS_EAGER", "CACHES")
    assert values["CELERY_TASK_ALWAYS_EAGER"] is True
    assert values["CACHES"]["default"]["LOCATION"] == "redis://cache.internal:6379/1"


def test_email_host_switches_to_smtp():
    values = settings_under(
        django_env(EMAIL_HOST="smtp.example.org", EMAIL_PORT="2525"),
        "EMAIL_BACKEND",
        "EMAIL_PORT",
        "EMAIL_USE_TLS",
    )
    assert values == {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_PORT": 2525,
        "EMAIL_USE_TLS": True,
    }


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"DEBUG": "false"}, "The environment variable SECRET_KEY is required."),
        (
            {"DEBUG": "false", "SECRET_KEY": "short"},
            "The environment variable SECRET_KEY must be a random string of at least 50 characters when DEBUG is off.",
        ),
        (
            {"DEBUG": "false", "SECRET_KEY": PRODUCTION_ENV["SECRET_KEY"]},
            "The environment variable ALLOWED_HOSTS is required when DEBUG is off.",
        ),
        ({"DEBUG": "maybe"}, "The environment variable DEBUG must be one of"),
        (
            {"DATABASE_URL": "mysql://x@y/z"},
            "The environment variable DATABASE_URL must be a URL starting with",
        ),
        (
            {"CACHE_URL": "memcached://cache:11211"},
            "The environment variable CACHE_URL must be a URL starting with redis:// or rediss://; "
            "got 'memcached://cache:11211'.",
        ),
    ],
)
def test_the_portal_refuses_to_start_with_a_wrong_configuration(env, message):
    result = run_python("", django_env(**env))
    assert result.returncode != 0
    assert f"ImproperlyConfigured: {message}" in result.stderr
