"""`manage.py check --deploy` is clean with production settings."""

from tests.helpers import PRODUCTION_ENV, django_env, manage, settings_under


def test_check_deploy_is_clean_with_production_settings():
    result = manage(["check", "--deploy", "--fail-level", "DEBUG"], django_env(**PRODUCTION_ENV))
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
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"],
        "X_FRAME_OPTIONS": "DENY",
        "SECURE_REFERRER_POLICY": "strict-origin-when-cross-origin",
    }
