"""The programme in headless Chromium: on a wide screen parallel sessions stand side by side,
one column per room; on a phone they are one list in time order without sideways scrolling; a
visitor ticks sessions with the keyboard and gets a programme and a calendar of their own."""

import pytest

from forums.demo import seed
from tests.browser.accessibility import serious_violations
from tests.browser.conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def boxes(page, *slugs):
    return [page.locator(f"#choose-session-{slug}").locator("xpath=ancestor::li[1]").bounding_box() for slug in slugs]


@pytest.fixture
def sized(browser):
    contexts = []

    def open_at(width):
        context = browser.new_context(locale="en-GB", viewport={"width": width, "height": 900})
        context.set_default_timeout(60_000)
        contexts.append(context)
        return context.new_page()

    yield open_at
    for context in contexts:
        context.close()


def test_parallel_round_tables_side_by_side_at_1280(live_server, sized):
    seed()
    page = sized(1280)
    page.goto(live_server.url + "/forums/2026/programme/")
    # Round tables 3 and 4 run at the same time in two rooms.
    three, four = boxes(page, "round-table-3", "round-table-4")
    assert three["y"] == four["y"]
    assert three["x"] != four["x"]
    assert page.locator(".grid-rooms").first.is_visible()
    page.screenshot(path=ARTIFACTS / "programme-grid-1280.png", full_page=True)


def test_one_list_on_a_phone(live_server, sized):
    seed()
    page = sized(390)
    page.goto(live_server.url + "/forums/2026/programme/")
    three, four = boxes(page, "round-table-3", "round-table-4")
    assert three["x"] == four["x"]
    assert four["y"] > three["y"]
    assert page.evaluate("document.documentElement.scrollWidth") == 390
    assert page.locator(".grid-rooms").first.is_hidden()
    assert serious_violations(page) == []
    page.screenshot(path=ARTIFACTS / "programme-list-390.png", full_page=True)


def test_a_keyboard_user_makes_a_programme_of_their_own(live_server, sized):
    seed()
    page = sized(1280)
    page.goto(live_server.url + "/forums/2026/programme/")
    for slug in ("round-table-1", "policy-debate"):
        page.focus(f"#choose-session-{slug}")
        page.keyboard.press("Space")
    page.locator("button", has_text="Show my programme").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/programme/mine/**")
    titles = page.locator(".sessions h3").all_inner_texts()
    assert sorted(titles) == ["Policy debate", "Round table 1"]
    feed = page.locator("a", has_text="Download my programme (iCalendar)").get_attribute("href")
    assert feed == "/forums/2026/programme.ics?session=policy-debate&session=round-table-1"
    assert serious_violations(page) == []
    page.screenshot(path=ARTIFACTS / "my-programme-1280.png", full_page=True)
