"""No open redirect: every `next` that leaves the site is ignored."""

import pytest

from tests.stakeholders.factories import verified_user

pytestmark = pytest.mark.django_db

OUTSIDE = ["https://evil.example.org/", "//evil.example.org/", "/\\evil.example.org", "javascript:alert(1)"]


@pytest.mark.parametrize("target", OUTSIDE)
def test_sign_in_does_not_follow_an_outside_next(client, target):
    verified_user("ana@example.org")
    response = client.post(
        "/accounts/login/?next=" + target,
        {"login": "ana@example.org", "password": "correct horse battery staple"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/my/"


@pytest.mark.parametrize("target", OUTSIDE)
def test_language_switch_does_not_follow_an_outside_next(client, target):
    response = client.post("/i18n/setlang/", {"language": "fr", "next": target})
    assert response.status_code == 302
    assert response["Location"] == "/fr/"  # the home page, in the language chosen


@pytest.mark.parametrize("target", OUTSIDE)
def test_language_link_does_not_follow_an_outside_next(client, target):
    response = client.get("/language/fr/", {"next": target})
    assert response.status_code == 302
    assert response["Location"] == "/fr/"  # the home page, in the language chosen


@pytest.mark.parametrize("target", OUTSIDE)
def test_admin_login_does_not_follow_an_outside_next(client, settings, target):
    settings.ADMIN_REQUIRE_2FA = True
    response = client.get("/admin/login/", {"next": target})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=%2Fadmin%2F"
