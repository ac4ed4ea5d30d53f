import json
import os
import socket
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Variables that choose the portal's mode; a subprocess starts from none of them.
MODE_VARIABLES = {
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DATABASE_URL",
    "REDIS_URL",
    "CACHE_URL",
    "TRUSTED_PROXIES",
    "EMAIL_HOST",
    "EMAIL_PORT",
    "EMAIL_USE_TLS",
    "EMAIL_USE_SSL",
    "SQLITE_PATH",
    "CACHE_VERSIONS_DIR",
    "SECURE_SSL_REDIRECT",
    "DJANGO_SETTINGS_MODULE",
    # Set for the browser tests only; check --deploy rightly refuses it.
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}

PRODUCTION_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "a-production-like-secret-key-for-tests-only-0123456789-abcdefghijkl",
    "ALLOWED_HOSTS": "imrf.example.org",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/imrf",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}


def clear_caches():
    """Every cache, the named versions and this process's memo of fragments included: a test
    starts as if the portal had just started."""
    from django.core.cache import caches

    from core import fragments

    for cache in caches.all(initialized_only=False):
        cache.clear()
    fragments.memo.clear()


def django_env(**overrides):
    env = {k: v for k, v in os.environ.items() if k not in MODE_VARIABLES}
    env.update(overrides)
    return env


def run_python(code, env, timeout=60):
    """Run Python code with Django set up in a fresh process under the given environment."""
    prelude = "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'imrf_portal.settings'); django.setup()\n"
    return subprocess.run(
        [sys.executable, "-c", prelude + code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def settings_under(env, *names):
    code = (
        "import json; from django.conf import settings\n"
        f"print(json.dumps({{n: getattr(settings, n) for n in {list(names)!r}}}, default=str))"
    )
    result = run_python(code, env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def manage(args, env, timeout=120):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def closed_port():
    """A local TCP port nothing listens on: the kernel's pick of a free one, released at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def cache_at(url):
    """CACHES for the portal's Redis cache at `url` (settings.CACHES = cache_at(...)); the named
    versions in the same Redis, as in production."""
    default = {
        "BACKEND": "imrf_portal.cache.FallbackRedisCache",
        "LOCATION": url,
        "KEY_PREFIX": "imrf",
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
    return {"default": default, "versions": dict(default)}
