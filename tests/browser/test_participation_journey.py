"""Issue 12's journey in headless Chromium: a new organisation claims ECOSOC status and its
registration waits; the secretariat imports the ECOSOC list in the admin and confirms the
proposed match, which verifies the status and approves the registration; the organisation
registers a delegate with the UN grounds-pass data; a Member State's focal point objects to an
organisation on the non-objection list during the period, then withdraws the objection. axe-core
checks each page on the way."""

import datetime

import pytest
from django.utils import timezone

from stakeholders.enums import AccreditationState
from stakeholders.models import Accreditation, Delegate
from tests.browser.accessibility import serious_violations
from tests.browser.accounts import PASSWORD, secretariat_in_admin, sign_up
from tests.stakeholders.factories import (
    PDF,
    AccreditationFactory,
    OrganizationFactory,
    jpeg,
    open_forum,
    state_focal_point,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

def test_claimed_status_verified_by_the_ecosoc_list_then_a_delegate_with_grounds_pass_data(
    live_server, page, screenshot, browser, settings, tmp_path
):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    forum = open_forum()
    url = live_server.url
    accessibility = {}

    sign_up(page, url, "focal@coastal.example.org")
    page.goto(url + "/my/organization/new/")
    page.fill("#id_name", "Coastal Voices Network")
    page.select_option("#id_category", label="Non-governmental organization")
    page.select_option("#id_country", label="Fiji")
    page.fill("#id_website", "https://coastal-voices.example.org")
    page.select_option("#id_claimed_ecosoc_status", value="special")
    page.fill("#id_ecosoc_profile_number", "E-7721")
    page.fill("#id_description", "Pacific communities facing displacement.")
    accessibility["/my/organization/new/"] = serious_violations(page)
    page.locator("main button[type=submit]").last.click()
    page.wait_for_url("**/my/")

    # A claim is not a status: the registration waits for the secretariat.
    page.goto(f"{url}/my/accreditation/{forum.year}/")
    accessibility["accreditation form"] = serious_violations(page)
    page.get_by_role("button", name="Register for the forum").click()
    page.wait_for_url(f"**/my/accreditation/{forum.year}/")
    accreditation = Accreditation.objects.get(organization__name="Coastal Voices Network")
    assert accreditation.state == "status_verification"
    screenshot("participation-01-status-being-verified")

    # The secretariat imports the ECOSOC list; the match proposed is confirmed.
    listing = tmp_path / "ecosoc.csv"
    listing.write_text(
        "name,country,website,status,profile_number\n"
        "Coastal Voices Network,FJI,https://coastal-voices.example.org,Special,E-7721\n"
        "Another NGO,KEN,,General,E-0001\n"
    )
    context, admin = secretariat_in_admin(browser, url, "verifier", "verifier@un.example.org")
    admin.goto(url + "/admin/verification/statuslistimport/add/")
    admin.select_option("#id_kind", value="ecosoc")
    admin.set_input_files("#id_file", str(listing))
    admin.locator("input[name=_save]").click()
    admin.wait_for_load_state()
    assert "matches are proposed below" in admin.content()
    assert serious_violations(admin) == []
    admin.locator("input[name=_selected_action]").first.check()
    admin.select_option("select[name=action]", value="confirm_proposed")
    admin.locator("button[name=index], button.button[type=submit]").first.click()
    admin.wait_for_load_state()
    context.close()
    accreditation.refresh_from_db()
    assert accreditation.state == "approved"

    # A delegate with what the UN grounds pass needs.
    page.goto(f"{url}/my/delegates/{forum.year}/")
    letter, photo = tmp_path / "nomination.pdf", tmp_path / "photo.jpg"
    letter.write_bytes(PDF)
    photo.write_bytes(jpeg())
    page.fill("#id_name", "Mere Tuilagi")
    page.fill("#id_function", "Community organiser")
    page.fill("#id_email", "mere@coastal.example.org")
    page.fill("#id_passport_name", "MERE TUILAGI")
    page.select_option("#id_nationality", label="Fiji")
    page.fill("#id_date_of_birth", "2015-01-01")  # a child: refused, what was typed kept
    page.set_input_files("#id_nomination_letter", str(letter))
    page.set_input_files("#id_photo", str(photo))
    page.get_by_role("button", name="Register", exact=True).click()
    page.wait_for_load_state()
    assert page.locator("#id_date_of_birth").get_attribute("aria-invalid") == "true"
    assert page.input_value("#id_passport_name") == "MERE TUILAGI"
    accessibility["delegates (errors)"] = serious_violations(page)
    page.fill("#id_date_of_birth", "1988-07-30")
    page.set_input_files("#id_nomination_letter", str(letter))
    page.set_input_files("#id_photo", str(photo))
    page.get_by_role("button", name="Register", exact=True).click()
    page.wait_for_load_state()
    delegate = Delegate.objects.get(email="mere@coastal.example.org")
    assert (delegate.passport_name, delegate.nationality.iso3, delegate.photo.name.endswith(".png")) == (
        "MERE TUILAGI",
        "FJI",
        True,
    )
    screenshot("participation-02-delegate-registered")
    accessibility["delegates"] = serious_violations(page)
    assert accessibility == {path: [] for path in accessibility}


def test_a_state_focal_point_objects_during_the_period_and_withdraws(live_server, page, screenshot, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    forum = open_forum(non_objection_deadline=timezone.localdate() + datetime.timedelta(days=10))
    listed = AccreditationFactory(
        forum=forum,
        organization=OrganizationFactory(name="Unvetted Friends of Migrants"),
        state=AccreditationState.NON_OBJECTION_LIST,
    )
    focal = state_focal_point("MEX", email="focal@mision-mexico.example.org")
    focal.set_password(PASSWORD)
    focal.save()
    url = live_server.url
    accessibility = {}

    page.goto(url + "/accounts/login/")
    page.fill("#id_login", "focal@mision-mexico.example.org")
    page.fill("#id_password", PASSWORD)
    page.locator("main button[type=submit]").last.click()
    page.wait_for_load_state()
    page.goto(f"{url}/my/objections/{forum.year}/")
    assert "You act for Mexico" in page.content()
    accessibility["non-objection list"] = serious_violations(page)
    page.get_by_role("link", name="Object to Unvetted Friends of Migrants").click()
    page.get_by_role("button", name="Object in the name of Mexico").click()  # no reason: refused, kept
    assert page.locator("#id_reason").get_attribute("aria-invalid") == "true"
    accessibility["objection (errors)"] = serious_violations(page)
    page.fill("#id_reason", "Its activities do not concern migration.")
    page.get_by_role("button", name="Object in the name of Mexico").click()
    page.wait_for_url(f"**/my/objections/{forum.year}/")
    listed.refresh_from_db()
    assert listed.state == "objected"
    screenshot("participation-03-objection-recorded")
    page.get_by_role("button", name="Withdraw the objection to Unvetted Friends of Migrants").click()
    page.wait_for_load_state()
    listed.refresh_from_db()
    assert listed.state == "non_objection_list"
    accessibility["non-objection list (after)"] = serious_violations(page)
    assert accessibility == {path: [] for path in accessibility}
