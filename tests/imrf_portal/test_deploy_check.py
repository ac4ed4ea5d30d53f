"""`manage.py check --deploy` is clean with production settings."""

import pytest

from tests.helpers import PRODUCTION_ENV, django_env, manage, settings_under


@pytest.mark.parametrize("proxies", [{}, {"TRUSTED_PROXIES": "10.89.37.1"}])
def test_check_deploy_is_clean_with_production_settings(proxies):
    result = manage(["check", "--deploy", "--fail-level", "DEBUG"], django_env(**PRODUCTION_ENV, **proxies))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_settings_are_hardened():
    values = settings_under(
        django_env(**PRODUCTION_ENV),
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SECURE_HSTS_SECONDS",
        "SECURE_SSL_REDIRECT",
        "SECURE_PROXY_SSL_HEADER",
        "X_FRAME_OPTIONS",
        "SECURE_REFERRER_POLICY",
    )
    assert values == {
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SECURE_HSTS_SECONDS": 31536000,
        "SECURE_SSL_REDIRECT": True,
        # No proxy named: X-Forwarded-Proto is never believed (core.proxies).
        "SECURE_PROXY_SSL_HEADER": None,
        "X_FRAME_OPTIONS": "DENY",
        "SECURE_REFERRER_POLICY": "strict-origin-when-cross-origin",
    }


def test_the_forwarded_scheme_is_read_only_when_a_proxy_is_named():
    values = settings_under(
        django_env(**PRODUCTION_ENV, TRUSTED_PROXIES="10.89.37.1, 192.0.2.0/28, ::1"),
        "SECURE_PROXY_SSL_HEADER",
        "TRUSTED_PROXIES",
        "MIDDLEWARE",
    )
    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert values["TRUSTED_PROXIES"] == ["10.89.37.1/32", "192.0.2.0/28", "::1/128"]
    assert values["MIDDLEWARE"][:2] == ["core.proxies.TrustedProxyMiddleware", "django.middleware.security.SecurityMiddleware"]
