"""The pledge flow with scripts off: the same five steps with plain checkboxes (countries in a closed
list per region), another indicator by a button that posts, the partner found by a search that
reloads; axe-core on every step at 1280 and 390 px, nothing wider than the phone."""

import re

import pytest
from django.test import Client

from pledges.models import Pledge
from tests.browser.accessibility import serious_violations
from tests.forums.factories import ForumFactory
from tests.pledges.factories import TEXT
from tests.stakeholders.factories import OrganizationFactory, focal_point_of, listed_organization

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def no_script(browser, live_server):
    context = browser.new_context(
        locale="en-GB", java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(10_000)
    yield context
    context.close()


@pytest.fixture
def checker(browser, live_server):
    """A page with scripts on, for axe-core (a page without scripts cannot run it): it shows the
    markup the page without scripts received, scripts removed, from the same origin."""
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    page.goto(live_server.url + "/robots.txt")
    yield page
    context.close()


SCRIPTLESS = re.compile(r"<script\b[^>]*>.*?</script>", re.S)


def check_both_widths(page, checker, failures):
    checker.set_content(SCRIPTLESS.sub("", page.content()))
    for viewport in ({"width": 390, "height": 844}, {"width": 1280, "height": 900}):
        checker.set_viewport_size(viewport)
        problems = serious_violations(checker)
        width = checker.evaluate("document.scrollingElement.scrollWidth")
        if width > viewport["width"]:
            problems.append(f"{width} px wide")
        if problems:
            failures[f"{page.url} at {viewport['width']} px"] = problems


def test_the_flow_works_without_a_script(live_server, no_script, checker):
    url = live_server.url
    ForumFactory()
    listed_organization(name="Diaspora Skills Fund", acronym="DSF")
    client = Client()
    client.force_login(focal_point_of(OrganizationFactory(name="Care Workers United")))
    no_script.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": url}])
    page = no_script.new_page()
    failures = {}

    page.goto(url + "/pledges/my/new/")
    check_both_widths(page, checker, failures)
    page.get_by_label("Title").fill("Fair recruitment corridors")
    page.get_by_label("Text of the pledge").fill(TEXT)
    page.get_by_label("Policy").check()
    page.get_by_label("6. Recruitment and decent work").check()
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_url("**/edit/where/")

    check_both_widths(page, checker, failures)
    page.locator("summary", has_text="Americas").click()
    page.get_by_label("Mexico", exact=True).check()
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_url("**/edit/indicators/")

    page.locator("#id_indicators-0-description").fill("Nurses recruited without fees")
    page.locator("#id_indicators-0-baseline").fill("0")
    page.locator("#id_indicators-0-target").fill("800")
    page.locator("#id_indicators-0-target_date").fill("2029-12-31")
    page.get_by_role("button", name="Add another indicator").click()
    page.wait_for_url("**/edit/indicators/?add=1#indicators-new")
    check_both_widths(page, checker, failures)
    assert page.locator("fieldset.indicator legend").all_inner_texts() == ["Indicator 1", "Indicator 2"]
    page.locator("#id_indicators-1-description").fill("Employers certified")
    page.locator("#id_indicators-1-baseline").fill("2")
    page.locator("#id_indicators-1-target").fill("40")
    page.locator("#id_indicators-1-target_date").fill("2029-01-01")
    with page.expect_navigation():
        page.get_by_role("button", name="Save and continue").click()
    assert "/edit/partners/" in page.url, page.locator("main").inner_text()

    page.get_by_label("Name, acronym or country of the partner").fill("skills")
    page.get_by_role("button", name="Search").click()
    check_both_widths(page, checker, failures)
    page.get_by_role("button", name="Invite Diaspora Skills Fund").click()
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_url("**/edit/review/")
    check_both_widths(page, checker, failures)
    page.get_by_role("button", name="Submit for review").click()
    page.wait_for_url("**/pledges/my/IMRF2026-0001/")

    pledge = Pledge.objects.get()
    assert (pledge.state, pledge.objective_codes, pledge.country_codes) == ("submitted", "|6|", "|MEX|")
    assert list(pledge.indicators.values_list("description", flat=True)) == [
        "Nurses recruited without fees",
        "Employers certified",
    ]
    assert [p.entity.name for p in pledge.partners.all()] == ["Diaspora Skills Fund"]
    assert failures == {}
