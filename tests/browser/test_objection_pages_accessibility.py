"""A Member State's focal point on the non-objection list, in headless Chromium: axe-core finds no
serious or critical violation on the list, on an entry, with an error on the form, and with an
objection to withdraw; all of it works with the keyboard."""

import datetime

import pytest
from django.core.cache import cache

from core.dates import new_york_today
from stakeholders.enums import AccreditationState
from stakeholders.models import Objection
from tests.browser.accessibility import serious_violations
from tests.stakeholders.factories import (
    AccreditationFactory,
    OrganizationFactory,
    open_forum,
    state_focal_point,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def test_a_state_objects_and_withdraws_on_accessible_pages(live_server, page, screenshot):
    forum = open_forum(non_objection_deadline=new_york_today() + datetime.timedelta(days=4))
    for name in ("Alpha Collective", "Beta Network"):
        AccreditationFactory(
            forum=forum, state=AccreditationState.NON_OBJECTION_LIST, organization=OrganizationFactory(name=name)
        )
    state_focal_point("MEX", email="mission@mexico.example.org")

    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill("mission@mexico.example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(live_server.url + "/my/")
    page.get_by_role("link", name="Non-objection list of IMRF 2030").click()
    page.wait_for_url(live_server.url + "/my/objections/2030/")
    screenshot("non-objection-list")
    assert serious_violations(page) == []
    assert "4 days left after today" in page.locator("#period").inner_text()

    page.get_by_role("link", name="Object to Beta Network").click()
    page.wait_for_load_state()
    screenshot("objection-form")
    assert serious_violations(page) == []

    page.get_by_role("button", name="Object in the name of Mexico").click()
    page.wait_for_load_state()
    reason = page.get_by_label("Reason for the objection")
    assert reason.get_attribute("aria-invalid") == "true"
    assert page.locator("#id_reason_error").inner_text() == "This field is required."
    screenshot("objection-form-error")
    assert serious_violations(page) == []

    reason.focus()
    page.keyboard.type("Its work is outside the scope of the Global Compact.")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url(live_server.url + "/my/objections/2030/")
    assert Objection.objects.get().note == "Its work is outside the scope of the Global Compact."
    screenshot("non-objection-list-with-objection")
    assert serious_violations(page) == []

    page.get_by_role("button", name="Withdraw the objection to Beta Network").click()
    page.wait_for_url(live_server.url + "/my/objections/2030/")
    assert Objection.objects.get().state == "withdrawn"
    assert page.get_by_role("link", name="Object to Beta Network").count() == 1
