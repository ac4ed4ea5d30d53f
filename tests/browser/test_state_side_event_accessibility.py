"""A Member State's focal point applies for a side event in headless Chromium: axe-core finds no
serious or critical violation on the State's list of side events, on the form, and on the form
with errors."""

import pytest
from django.core.cache import cache

from tests.browser.accessibility import serious_violations
from tests.side_events.factories import side_event_forum
from tests.stakeholders.factories import state_focal_point

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def test_a_state_applies_for_a_side_event_on_accessible_pages(live_server, page, screenshot):
    side_event_forum()
    state_focal_point("MEX", email="mission@mexico.example.org")
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill("mission@mexico.example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(live_server.url + "/my/")
    page.get_by_role("link", name="Side events").first.click()
    page.wait_for_url(live_server.url + "/my/side-events/")
    screenshot("state-side-events")
    assert serious_violations(page) == []

    page.get_by_role("link", name="Apply for a side event at International Migration Review Forum 2030 in the name of Mexico").click()
    page.wait_for_url(live_server.url + "/my/side-events/2030/new/member-state/")
    screenshot("state-side-event-form")
    assert serious_violations(page) == []

    page.get_by_label("Title").fill("Consular protection in transit")
    page.get_by_role("button", name="Save the draft").click()
    page.wait_for_load_state()
    assert page.locator("#error-summary").count() == 1
    assert page.get_by_label("Title").input_value() == "Consular protection in transit"
    screenshot("state-side-event-form-errors")
    assert serious_violations(page) == []
