"""A good practice from submission to the public registry, in Chromium: a focal point submits a
practice answering a call (a start date before 2019 refused first, what was typed kept), the
secretariat asks for more information, the focal point completes it, the secretariat publishes
it, and a visitor finds it by objective and by search, then opens from it the page of the State
where it was implemented. axe-core checks every new page, at 1280 and 390 px for the form."""

import pytest

from core import roles
from practices.enums import PracticeState
from practices.models import Practice
from tests.browser.accessibility import serious_violations
from tests.browser.test_pledge_journey import check, check_both_widths, sign_in
from tests.core.factories import SecretariatUserFactory
from tests.practices.factories import PracticeCallFactory, published
from tests.stakeholders.factories import OrganizationFactory, focal_point_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_practice_from_the_call_to_the_registry(live_server, browser, page, screenshot):
    roles.sync()
    url = live_server.url
    call = PracticeCallFactory(title="Migration data", slug="migration-data")
    focal_point = focal_point_of(OrganizationFactory(name="Data for Migrants"))
    published(title="An older practice on shelters", objectives=[7])
    failures = {}

    # The focal point fills the form; a start in 2018 is refused, and what was typed stays.
    sign_in(page.context, focal_point, url)
    page.goto(url + "/practices/my/new/")
    check_both_widths(page, failures)
    page.get_by_label("Title").fill("Census questions on migration")
    page.get_by_label("Summary").fill("The census asks where people were born and when they arrived.")
    page.get_by_label("Description").fill("The statistics office added three questions to the census.")
    page.get_by_label("Answers the call").select_option(label=f"Migration data (until {call.deadline.isoformat()})")
    objectives = page.get_by_role("combobox", name="GCM objectives")
    objectives.fill("data")
    objectives.press("ArrowDown")
    objectives.press("Enter")
    page.get_by_label("Americas").check()
    countries = page.get_by_role("combobox", name="Countries where it was implemented")
    countries.fill("colom")
    countries.press("ArrowDown")
    countries.press("Enter")
    page.get_by_label("Start date").fill("2018-06-01")
    page.get_by_label("Fully completed").check()
    page.get_by_label("Results and evidence").fill("Migration figures by municipality for the first time.")
    page.get_by_label("What makes it innovative").fill("Questions tested with migrant organisations.")
    page.get_by_label("What makes it replicable").fill("Three questions any census can add.")
    page.get_by_label("Contact name").fill("Luz Contact")
    page.get_by_label("Contact e-mail").fill("luz@example.org")
    page.get_by_role("button", name="Save the practice").click()
    page.wait_for_load_state()
    assert page.get_by_label("Title").input_value() == "Census questions on migration"
    error = page.locator("#id_start_date_error")
    assert error.inner_text().startswith("A good practice was implemented after December 2018")
    assert "id_start_date_error" in page.get_by_label("Start date").get_attribute("aria-describedby")
    check_both_widths(page, failures)
    screenshot("practice-01-form-refused")
    page.get_by_label("Start date").fill("2020-02-01")
    page.get_by_role("button", name="Save the practice").click()
    page.wait_for_url("**/practices/my/")
    check(page, failures)
    page.get_by_role("button", name="Submit for review “Census questions on migration”").click()
    page.wait_for_url("**/practices/my/")
    practice = Practice.objects.get(title="Census questions on migration")
    assert (practice.state, practice.call_id, [c.iso3 for c in practice.countries.all()]) == (
        PracticeState.SUBMITTED,
        call.pk,
        ["COL"],
    )

    # The secretariat asks for more information in the admin.
    staff = SecretariatUserFactory(username="reviewer")
    admin_context = browser.new_context(viewport={"width": 1400, "height": 1000})
    admin = admin_context.new_page()
    sign_in(admin_context, staff, url)
    admin.goto(url + f"/admin/practices/practice/{practice.pk}/change/")
    admin.select_option("#id_transition", "more_information")
    admin.fill("#id_reason", "Please link the evaluation.")
    admin.locator("input[name=_save]").click()
    admin.wait_for_load_state()

    # The focal point reads why, completes the practice and submits it again.
    page.goto(url + "/practices/my/")
    assert "Please link the evaluation." in page.locator("table").inner_text()
    page.get_by_role("link", name="Edit “Census questions on migration”").click()
    page.get_by_label("Link").fill("https://example.org/census-evaluation")
    page.get_by_role("button", name="Save the practice").click()
    page.wait_for_url("**/practices/my/")
    page.get_by_role("button", name="Submit for review “Census questions on migration”").click()
    page.wait_for_url("**/practices/my/")

    # The secretariat publishes it.
    admin.goto(url + f"/admin/practices/practice/{practice.pk}/change/")
    admin.select_option("#id_transition", "published")
    admin.locator("input[name=_save]").click()
    admin.wait_for_load_state()
    admin_context.close()
    practice.refresh_from_db()
    assert practice.state == PracticeState.PUBLISHED

    # A visitor finds it by objective and by search, opens it and its call.
    visitor = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    visitor.goto(url + "/practices/")
    check(visitor, failures)
    visitor.get_by_role("link", name="1. Data").click()
    visitor.wait_for_url("**/practices/?objective=1")
    assert visitor.locator(".practice-row h3").all_inner_texts() == ["Census questions on migration"]
    visitor.goto(url + "/practices/")
    visitor.get_by_label("Search").fill("census")
    visitor.get_by_role("button", name="Show practices").click()
    visitor.wait_for_url("**/practices/?q=census*")
    assert visitor.locator(".practice-row h3").all_inner_texts() == ["Census questions on migration"]
    visitor.get_by_role("link", name="Census questions on migration").click()
    visitor.wait_for_url(f"**/practices/{practice.pk}/")
    check(visitor, failures)
    screenshot_visitor = visitor.screenshot
    screenshot_visitor(path="test-artifacts/practice-02-page.png", full_page=True)
    visitor.get_by_role("link", name="Migration data").click()
    visitor.wait_for_url("**/practices/calls/migration-data/")
    assert visitor.locator(".practice-row h3").all_inner_texts() == ["Census questions on migration"]
    check(visitor, failures)

    # From the practice's page to the page of the State it was implemented in. An organisation
    # submitted it, so the State's own list of practices (those the State submitted) is empty.
    visitor.go_back()
    visitor.wait_for_url(f"**/practices/{practice.pk}/")
    visitor.get_by_role("link", name="Colombia", exact=True).click()
    visitor.wait_for_url("**/member-states/col/")
    submitted = visitor.locator("h2:text-is('Good practices it submitted') + p")
    assert (visitor.locator("h1").inner_text(), submitted.inner_text()) == ("Colombia", "No published good practice.")
    check(visitor, failures)
    for path in ("/practices/calls/", "/practices/data/", "/fr/practices/", "/objectives/1/"):
        visitor.goto(url + path)
        violations = serious_violations(visitor)
        if violations:
            failures[path] = violations
    assert failures == {}
