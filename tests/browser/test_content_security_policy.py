"""The Content-Security-Policy forbids inline scripts; no page of ours, of allauth or of the
admin needs one. Chromium reports every blocked script or style in the console."""

import pytest

from forums.demo import seed
from tests.core.factories import SecretariatUserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = [
    "/",
    "/forums/2026/programme/",
    "/forums/2026/sessions/round-table-1/",
    "/objectives/",
    "/organizations/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
]
STAFF_PAGES = ["/admin/", "/admin/forums/roundtable/", "/admin/forums/session/add/", "/admin/forums/forum/"]


def blocked(page):
    messages = []
    page.on(
        "console", lambda m: "Content Security Policy" in m.text and messages.append(f"{page.url}: {m.text}")
    )
    return messages


def test_public_and_account_pages_run_under_the_policy(live_server, page):
    seed()
    messages = blocked(page)
    for path in PAGES:
        response = page.goto(live_server.url + path)
        assert "script-src 'self'" in response.headers["content-security-policy"]
        page.wait_for_load_state("networkidle")
    assert messages == []


def test_the_admin_runs_under_the_policy(live_server, page, client):
    seed()
    staff = SecretariatUserFactory()
    client.force_login(staff)
    session_cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": session_cookie.value, "url": live_server.url}])
    messages = blocked(page)
    for path in STAFF_PAGES:
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
    from forums.models import RoundTable

    page.goto(f"{live_server.url}/admin/forums/roundtable/{RoundTable.objects.first().pk}/change/")
    page.wait_for_load_state("networkidle")
    # The admin's widgets are scripts: the co-chair autocomplete must have started.
    assert page.locator(".select2").count() >= 1
    assert messages == []
