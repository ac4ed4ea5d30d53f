"""A joint pledge from submission to the public registry, in Chromium, with axe-core on every
pledge page along the way."""

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
from tests.stakeholders.factories import OrganizationFactory, focal_point_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(context, user, url):
    client = Client()
    client.force_login(user)
    context.clear_cookies()
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": url}])


def check(page, failures):
    violations = serious_violations(page)
    if violations:
        failures[page.url] = violations


def test_joint_pledge_from_submission_to_the_registry(live_server, page, screenshot):
    importlib.import_module("pledges.migrations.0003_secretariat_permissions").grant_permissions(apps)
    url = live_server.url
    ForumFactory()
    lead_org = OrganizationFactory(name="Care Workers United")
    partner_org = OrganizationFactory(name="Diaspora Skills Fund", acronym="DSF")
    lead, partner = focal_point_of(lead_org), focal_point_of(partner_org)
    staff = SecretariatUserFactory()
    published(title="An older pledge on remittances", objectives=[20])
    failures = {}

    # The lead drafts, invites a partner and submits.
    sign_in(page.context, lead, url)
    page.goto(url + "/pledges/my/new/")
    check(page, failures)
    page.get_by_label("Forum").select_option(label="International Migration Review Forum 2026")
    page.get_by_label("Title").fill("Fair recruitment corridors for care workers")
    page.get_by_label("Text of the pledge").fill(TEXT + " Zero recruitment fees for nurses.")
    page.get_by_label("Policy").check()
    page.get_by_label("6. Recruitment and decent work").check()
    page.get_by_label("Asia", exact=True).check()
    page.locator("#id_indicators-0-description").fill("Nurses recruited without fees")
    page.locator("#id_indicators-0-baseline").fill("0")
    page.locator("#id_indicators-0-target").fill("800")
    page.locator("#id_indicators-0-target_date").fill("2029-12-31")
    page.get_by_role("button", name="Save as draft").click()
    page.wait_for_url("**/pledges/my/IMRF2026-*/")
    check(page, failures)
    reference = Pledge.objects.get(title__startswith="Fair recruitment").reference
    page.get_by_label("Organisation").fill(partner_org.slug)
    page.get_by_role("button", name="Invite").click()
    page.get_by_role("button", name="Submit for review").click()
    assert "Submitted" in page.locator("main").inner_text()

    # The partner confirms.
    sign_in(page.context, partner, url)
    page.goto(url + "/pledges/my/")
    check(page, failures)
    page.get_by_role("link", name=f"{reference}: Fair recruitment corridors for care workers").click()
    check(page, failures)
    page.get_by_role("button", name="Confirm the partnership").click()
    page.wait_for_url(f"**/pledges/my/{reference}/")

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
    page.locator("input[name=objective][value=\"6\"]").check()
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
    assert [(r["reference"], json.loads(r["partners"])) for r in rows] == [(reference, ["Diaspora Skills Fund (DSF)"])]

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
