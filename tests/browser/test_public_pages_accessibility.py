"""Every public page in headless Chromium: axe-core finds no serious or critical violation."""

import pytest

from forums.demo import seed
from tests.browser.accessibility import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PUBLIC_PAGES = [
    ("home", "/"),
    ("forums", "/forums/"),
    ("forum-2026", "/forums/2026/"),
    ("programme-2026", "/forums/2026/programme/"),
    ("my-programme-2026", "/forums/2026/programme/mine/?session=round-table-1&session=policy-debate"),
    ("session-round-table", "/forums/2026/sessions/round-table-1/"),
    ("session-plenary-opening", "/forums/2026/sessions/plenary-opening/"),
    ("session-policy-debate", "/forums/2026/sessions/policy-debate/"),
    ("objectives", "/objectives/"),
    ("objective-5", "/objectives/5/"),
    ("follow-objective-5", "/follow/objective/5/"),
    ("not-found", "/forums/2034/"),
]


def test_public_pages_have_no_serious_accessibility_violations(live_server, page, screenshot):
    seed()
    failures = {}
    for name, path in PUBLIC_PAGES:
        response = page.goto(live_server.url + path)
        assert response.status == (404 if name == "not-found" else 200), path
        screenshot(name)
        violations = serious_violations(page)
        if violations:
            failures[path] = violations
    assert failures == {}


def test_keyboard_user_skips_to_the_content_and_reaches_the_programme(live_server, page):
    seed()
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert skip.evaluate("el => el === document.activeElement")
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
    # Tab through the page until the programme link has focus, then follow it.
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == "See the programme":
            break
    else:
        pytest.fail("The programme link is not reachable by keyboard.")
    page.keyboard.press("Enter")
    page.wait_for_url("**/forums/*/programme/")
    assert page.locator("h1").inner_text().startswith("Programme:")


def test_programme_shows_venue_time_to_a_visitor_in_another_zone(live_server, page):
    seed()
    page.goto(live_server.url + "/forums/2026/programme/")
    assert page.locator(".tz-note").inner_text() == "All times are New York time (EDT)."
    first_round_table = page.locator("#day-2026-05-05 .session").first
    assert first_round_table.locator(".session-time").inner_text() == "10:00–13:00"


def test_the_accessibility_check_does_catch_violations(page):
    # Guards the harness itself: a page with an unlabelled field and an image without text fails.
    page.set_content(
        '<html lang="en"><title>t</title><main><img src="x.png"><input type="text"></main></html>'
    )
    violations = serious_violations(page)
    assert [v.split(" ")[0] for v in violations] == ["image-alt", "label"]
