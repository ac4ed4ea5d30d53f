"""A joint pledge from the pledge flow to the public registry, in Chromium: each step of the flow
checked by axe-core at 1280 and 390 px (and without sideways scrolling at 390 px), the invited
partner reading the whole pledge before confirming; and the same flow from the keyboard alone,
counting the Tab presses it takes."""

import csv
import importlib
import io
import json

import pytest
from django.apps import apps
from django.test import Client

from pledges.models import Pledge
from tests.browser.accessibility import serious_violations
from tests.core.factories import SecretariatUserFactory
from tests.forums.factories import ForumFactory
from tests.pledges.factories import TEXT, published
from tests.stakeholders.factories import OrganizationFactory, focal_point_of, listed_organization

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def sign_in(context, user, url):
    client = Client()
    client.force_login(user)
    context.clear_cookies()
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": url}])


def check(page, failures):
    violations = serious_violations(page)
    if violations:
        failures[page.url] = violations


def check_both_widths(page, failures):
    """axe-core at a desktop's width and a phone's, and nothing wider than the phone."""
    check(page, failures)
    page.set_viewport_size(PHONE)
    width = page.evaluate("document.scrollingElement.scrollWidth")
    if width > PHONE["width"]:
        failures[f"{page.url} at 390 px"] = [f"{width} px wide"]
    violations = serious_violations(page)
    if violations:
        failures[f"{page.url} at 390 px"] = violations
    page.set_viewport_size(DESKTOP)


def test_joint_pledge_from_the_flow_to_the_registry(live_server, page, screenshot):
    importlib.import_module("pledges.migrations.0003_secretariat_permissions").grant_permissions(apps)
    url = live_server.url
    ForumFactory()
    lead_org = OrganizationFactory(name="Care Workers United")
    partner_org = listed_organization(name="Diaspora Skills Fund", acronym="DSF")
    lead, partner = focal_point_of(lead_org), focal_point_of(partner_org)
    staff = SecretariatUserFactory()
    published(title="An older pledge on remittances", objectives=[20])
    failures = {}

    # Step 1, what: the draft is made.
    sign_in(page.context, lead, url)
    page.goto(url + "/pledges/my/new/")
    assert page.evaluate("document.activeElement.id") == "step-title"
    check_both_widths(page, failures)
    page.get_by_label("Title").fill("Fair recruitment corridors for care workers")
    text = page.get_by_label("Text of the pledge")
    text.fill("Too short.")
    assert page.locator("#id_text_count").inner_text() == "Characters: 10. At least 300 are needed: 290 more."
    text.fill(TEXT + " Zero recruitment fees for nurses.")
    assert page.locator("#id_text_count").inner_text() == f"Characters: {len(TEXT) + 34}, of at most 3,000."
    page.get_by_label("Policy").check()
    assert page.get_by_label("Amount").is_hidden()
    # A mistake first: no objective. The summary takes the focus and its link leads to the picker.
    page.get_by_role("button", name="Save and continue").click()
    assert page.evaluate("document.activeElement.id") == "error-summary"
    check_both_widths(page, failures)
    page.get_by_role("link", name="Choose at least one GCM objective.").click()
    objectives = page.get_by_role("combobox", name="GCM objectives")
    assert page.evaluate("document.activeElement.id") == "id_objectives_combo"
    objectives.fill("recruit")
    assert page.get_by_role("option").all_inner_texts() == ["6. Recruitment and decent work"]
    objectives.press("Enter")
    assert page.get_by_role("button", name="Remove 6. Recruitment and decent work").is_visible()
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_url("**/pledges/my/IMRF2026-*/edit/where/")
    reference = Pledge.objects.get(title__startswith="Fair recruitment").reference

    # Step 2, where and when: a country by typing.
    check_both_widths(page, failures)
    countries = page.get_by_role("combobox", name="Countries where it is carried out")
    countries.fill("philip")
    countries.press("ArrowDown")
    countries.press("Enter")
    assert page.get_by_role("button", name="Remove Philippines").is_visible()
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_url(f"**/pledges/my/{reference}/edit/indicators/")

    # Step 3, indicators: one added and removed again in place.
    check_both_widths(page, failures)
    page.get_by_label("What you measure").fill("Nurses recruited without fees")
    page.get_by_label("Baseline").fill("0")
    page.locator("#id_indicators-0-target").fill("800")
    page.get_by_label("Target date").fill("2029-12-31")
    page.get_by_role("button", name="Add another indicator").click()
    assert page.locator("fieldset.indicator:visible legend").all_inner_texts() == [
        "Indicator 1",
        "Indicator 2",
    ]
    check_both_widths(page, failures)
    page.get_by_role("button", name="Remove indicator 2").click()
    assert page.locator("fieldset.indicator:visible legend").all_inner_texts() == ["Indicator 1"]
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_url(f"**/pledges/my/{reference}/edit/partners/")

    # Step 4, partners: found by acronym, invited with one button.
    check_both_widths(page, failures)
    page.get_by_label("Name, acronym or country of the partner").fill("dsf")
    page.get_by_role("button", name="Search").click()
    check_both_widths(page, failures)
    page.get_by_role("button", name="Invite Diaspora Skills Fund").click()
    page.wait_for_url(f"**/pledges/my/{reference}/edit/partners/")
    assert "Diaspora Skills Fund is invited." in page.locator("body").inner_text()
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_url(f"**/pledges/my/{reference}/edit/review/")

    # Step 5, review: the whole pledge, then submitted.
    check_both_widths(page, failures)
    summary = page.locator(".pledge-summary").inner_text()
    assert "Philippines" in summary and "Nurses recruited without fees" in summary
    page.get_by_role("button", name="Submit for review").click()
    page.wait_for_url(f"**/pledges/my/{reference}/")
    assert "Submitted" in page.locator("main").inner_text()
    check_both_widths(page, failures)  # the pledge's page, with its own partner search

    # The partner reads the whole pledge, then confirms.
    # The partner's dashboard says what is due, with its button.
    sign_in(page.context, partner, url)
    page.goto(url + "/my/")
    check(page, failures)
    due = page.locator(".due-item", has_text=f"Invitation to partner in pledge {reference}")
    assert due.count() == 1
    due.get_by_role("link", name="Answer the invitation").click()
    check_both_widths(page, failures)
    preview = page.locator(".pledge-summary").inner_text()
    assert "Zero recruitment fees for nurses." in preview and "Nurses recruited without fees" in preview
    page.get_by_role("button", name="Confirm the partnership").click()
    page.wait_for_url(f"**/pledges/my/{reference}/")
    page.goto(url + "/my/")
    assert page.locator(".due-item", has_text=f"Invitation to partner in pledge {reference}").count() == 0

    # The secretariat ticks the checklist and publishes in the admin.
    sign_in(page.context, staff, url)
    pledge = Pledge.objects.get(reference=reference)
    page.goto(f"{url}/admin/pledges/pledge/{pledge.pk}/change/")
    page.get_by_label("In scope of the GCM (migrants, not refugees)").check()
    page.get_by_label("Measurable (SMART indicators)").check()
    page.get_by_label("Objectives and principles correctly chosen").check()
    page.get_by_label("Change the state to").select_option("published")
    page.get_by_role("button", name="Save", exact=True).click()
    pledge.refresh_from_db()
    assert pledge.state == "published"

    # A visitor finds it by filter and by search, and downloads the CSV.
    page.context.clear_cookies()
    page.goto(url + "/pledges/")
    check(page, failures)
    page.locator('input[name=objective][value="6"]').check()
    page.get_by_role("button", name="Show pledges").click()
    assert page.locator(".pledge-card h3").all_inner_texts() == [
        "Fair recruitment corridors for care workers"
    ]
    page.goto(url + "/pledges/")
    page.locator("#id_q").fill("nurses fees")
    page.get_by_role("button", name="Show pledges").click()
    assert "q=nurses+fees" in page.url
    assert page.locator(".pledge-card h3").all_inner_texts() == [
        "Fair recruitment corridors for care workers"
    ]
    screenshot("pledge-registry-search")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV").click()
    rows = list(csv.DictReader(io.StringIO(open(download_info.value.path(), encoding="utf-8-sig").read())))
    # List cells are JSON arrays, so that a name holding the separator splits back (data dictionary).
    assert [(r["reference"], json.loads(r["partners"])) for r in rows] == [
        (reference, ["Diaspora Skills Fund (DSF)"])
    ]

    page.get_by_role("link", name="Fair recruitment corridors for care workers").click()
    check(page, failures)
    screenshot("pledge-page")
    for path in (
        "/pledges/statistics/",
        "/pledges/data-dictionary/",
        "/objectives/6/",
        "/pledges/?objective=99",
    ):
        page.goto(url + path)
        check(page, failures)
    assert failures == {}


# --- From the keyboard alone ------------------------------------------------------------------


class Keyboard:
    """Presses keys and counts the Tab presses."""

    def __init__(self, page):
        self.page, self.tabs = page, 0

    def focused(self):
        return self.page.evaluate(
            "(() => { const e = document.activeElement; if (!e) return '';"
            " return (e.id || e.getAttribute('aria-label') || e.textContent || '').trim(); })()"
        )

    def arrived(self, url):
        """A step has loaded and its heading has the focus (Chromium applies autofocus a frame
        after the load: a Tab pressed before would start from the top of the page)."""
        self.page.wait_for_url(url)
        self.page.wait_for_function("document.activeElement && document.activeElement.id === 'step-title'")

    def tab_to(self, wanted, limit=25):
        """Tab until the element whose id, aria-label or text is `wanted` has the focus."""
        for _ in range(limit):
            self.page.keyboard.press("Tab")
            self.tabs += 1
            if self.focused() == wanted:
                return
        raise AssertionError(f"{wanted!r} not reached in {limit} Tab presses (at {self.focused()!r})")

    def type(self, text):
        self.page.keyboard.type(text)


def test_a_pledge_from_the_keyboard_alone_in_at_most_40_tab_presses(live_server, page):
    url = live_server.url
    ForumFactory()
    sign_in(page.context, focal_point_of(OrganizationFactory(name="Care Workers United")), url)
    keys = Keyboard(page)
    page.goto(url + "/pledges/my/new/")
    keys.arrived("**/pledges/my/new/")

    # What: one objective.
    keys.tab_to("id_title")
    keys.type("Fair recruitment corridors")
    keys.tab_to("id_text")
    page.keyboard.insert_text(TEXT)
    keys.tab_to("id_kind_policy")
    page.keyboard.press("Space")
    keys.tab_to("id_objectives_combo")
    keys.type("recruit")
    page.keyboard.press("Enter")
    keys.tab_to("Save and continue")
    page.keyboard.press("Enter")
    keys.arrived("**/edit/where/")

    # Where and when: one country.
    keys.tab_to("id_countries_combo")
    keys.type("mexi")
    page.keyboard.press("Enter")
    keys.tab_to("Save and continue")
    page.keyboard.press("Enter")
    keys.arrived("**/edit/indicators/")

    # One indicator.
    keys.tab_to("id_indicators-0-description")
    keys.type("Nurses recruited without fees")
    keys.tab_to("id_indicators-0-baseline")
    keys.type("0")
    keys.tab_to("id_indicators-0-target")
    keys.type("800")
    keys.tab_to("id_indicators-0-target_date")
    keys.type("12312029")  # Chromium's date field takes the digits in its locale's order
    keys.tab_to("Save and continue")
    page.keyboard.press("Enter")
    keys.arrived("**/edit/partners/")

    # No partner: on to the review.
    keys.tab_to("Save and continue")
    page.keyboard.press("Enter")
    keys.arrived("**/edit/review/")
    keys.tab_to("Submit for review")
    page.keyboard.press("Enter")
    page.wait_for_url("**/pledges/my/IMRF2026-0001/")

    pledge = Pledge.objects.get()
    assert (pledge.state, pledge.objective_codes, pledge.country_codes, pledge.indicators.count()) == (
        "submitted",
        "|6|",
        "|MEX|",
        1,
    )
    assert pledge.indicators.get().target_date.isoformat() == "2029-12-31"
    assert keys.tabs <= 40, keys.tabs
