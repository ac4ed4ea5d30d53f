"""A stakeholder signs up, verifies the e-mail, creates an organisation and applies for special
accreditation; a staff member approves it in the admin; the organisation appears in the public
directory. axe-core checks the stakeholder pages on the way."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from stakeholders.models import Accreditation, Organization
from tests.browser.accessibility import serious_violations
from tests.browser.accounts import secretariat_in_admin, sign_up
from tests.stakeholders.factories import open_forum

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

def test_from_sign_up_to_the_public_directory(live_server, page, screenshot, browser, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    forum = open_forum(non_objection_deadline=timezone.localdate() + datetime.timedelta(days=10))
    url = live_server.url
    accessibility = {}

    sign_up(page, url, "focal@migrants.example.org")

    page.goto(url + "/my/")
    accessibility["/my/ (no organisation)"] = serious_violations(page)
    page.get_by_role("link", name="Create an organisation").click()
    accessibility["/my/organization/new/"] = serious_violations(page)
    page.fill("#id_name", "Voices of Migrant Women")
    page.select_option("#id_category", label="Migrant organization")
    page.select_option("#id_country", label="Kenya")
    page.fill("#id_description", "A migrant-led network in East Africa.")
    screenshot("journey-02-organisation-form")
    page.get_by_role("button", name="Create the organisation").click()
    page.wait_for_url("**/my/")
    screenshot("journey-03-dashboard")
    accessibility["/my/"] = serious_violations(page)

    page.get_by_role("link", name=forum.title).click()
    accessibility["/my/accreditation/2030/ (form)"] = serious_violations(page)
    page.get_by_role("button", name="Apply for special accreditation").click()
    # Nothing filled in: the errors are shown, linked to their fields.
    assert page.locator("#id_mission").get_attribute("aria-invalid") == "true"
    page.fill("#id_mission", "We organise migrant domestic workers.")
    page.fill("#id_migration_work", "Objectives 6 and 16.")
    page.get_by_role("button", name="Apply for special accreditation").click()
    page.wait_for_url("**/my/accreditation/2030/")
    assert page.locator(".badge").first.inner_text() == "Submitted"
    screenshot("journey-04-accreditation-submitted")
    accessibility["/my/accreditation/2030/ (status)"] = serious_violations(page)

    # The secretariat reviews in the admin (in another browser context).
    staff_context, admin = secretariat_in_admin(browser, url)
    accreditation = Accreditation.objects.get(organization__name="Voices of Migrant Women")
    change_url = f"{url}/admin/stakeholders/accreditation/{accreditation.pk}/change/"
    for state in ("recommended", "non_objection_list"):
        admin.goto(change_url)
        admin.select_option("#id_transition", state)
        admin.locator("input[name=_save]").click()
        admin.wait_for_load_state()
    # The non-objection deadline passes without objection.
    type(forum).objects.filter(pk=forum.pk).update(
        non_objection_deadline=timezone.localdate() - datetime.timedelta(days=1)
    )
    admin.goto(change_url)
    admin.select_option("#id_transition", "approved")
    admin.locator("input[name=_save]").click()
    admin.wait_for_load_state()
    staff_context.close()
    accreditation.refresh_from_db()
    assert accreditation.state == "approved"

    page.reload()
    assert page.locator(".badge").first.inner_text() == "Approved"
    assert "Every change" in page.content()
    screenshot("journey-05-approved")
    subjects = [m.subject for m in mail.outbox]
    assert (
        "[IMRF Portal] International Migration Review Forum 2030 (provisional dates): your accreditation is now “Approved”"
        in subjects
        or any(s.endswith("your accreditation is now “Approved”") for s in subjects)
    )

    page.goto(url + "/organizations/?forum=2030&category=migrant&region=Africa")
    page.get_by_role("link", name="Voices of Migrant Women").click()
    assert page.locator("h1").inner_text().startswith("Voices of Migrant Women")
    screenshot("journey-06-directory-entry")
    accessibility["/organizations/<slug>/"] = serious_violations(page)
    page.goto(url + "/organizations/?forum=2030")
    accessibility["/organizations/"] = serious_violations(page)
    assert Organization.objects.get().slug in page.content()
    assert accessibility == {path: [] for path in accessibility}
