"""The forum's list of participants and the delegate form with its grounds-pass fields, in
headless Chromium: axe-core finds nothing serious, also with errors on the form; the errors are
tied to their fields and what was typed is kept."""

import pytest
from django.conf import settings
from django.test import Client

from stakeholders.enums import AccreditationState, DelegateState, ListingConsent
from stakeholders.models import Delegate
from tests.browser.accessibility import serious_violations
from tests.stakeholders.factories import (
    AccreditationFactory,
    DelegateFactory,
    OrganizationFactory,
    focal_point_of,
    jpeg,
    open_forum,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


@pytest.fixture
def accreditation():
    return AccreditationFactory(
        forum=open_forum(),
        state=AccreditationState.APPROVED,
        organization=OrganizationFactory(name="Alpha Network"),
    )


def test_the_list_of_participants(live_server, page, screenshot, accreditation):
    for n, consent in enumerate(
        [ListingConsent.EVERYONE, ListingConsent.PARTICIPANTS, ListingConsent.EVERYONE]
    ):
        DelegateFactory(
            accreditation=accreditation,
            name=f"Delegate {n}",
            listing_consent=consent,
            state=DelegateState.CONFIRMED,
        )
    url = f"{live_server.url}/forums/2030/participants/"
    assert page.goto(url).status == 200
    screenshot("participants-anonymous")
    assert page.locator("tbody tr").count() == 2
    assert serious_violations(page) == []

    sign_in(page, live_server, focal_point_of(accreditation.organization))
    assert page.goto(url).status == 200
    screenshot("participants-signed-in")
    assert page.locator("tbody tr").count() == 3
    assert page.get_by_role("region", name="Participants in IMRF 2030").count() == 1
    assert serious_violations(page) == []


def test_the_delegate_form_errors_are_announced_and_keep_what_was_typed(
    live_server, page, screenshot, accreditation, tmp_path
):
    sign_in(page, live_server, focal_point_of(accreditation.organization))
    assert page.goto(f"{live_server.url}/my/delegates/2030/").status == 200
    assert serious_violations(page) == []
    not_a_pdf = tmp_path / "letter.pdf"
    not_a_pdf.write_bytes(jpeg())
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(jpeg())

    page.get_by_label("Name:", exact=True).fill("Ana Pérez")
    page.get_by_label("Function").fill("Advocate")
    page.get_by_label("E-mail").fill("ana@example.org")
    page.get_by_label("Full name as in the passport").fill("ANA MARIA PEREZ GOMEZ")
    page.get_by_label("Nationality").select_option(label="Mexico")
    page.get_by_label("Date of birth").fill("2015-01-31")
    page.get_by_label("Nomination letter").set_input_files(str(not_a_pdf))
    page.get_by_label("Photo").set_input_files(str(photo))
    page.get_by_label("Who may see this delegate on the list of participants").select_option("participants")
    page.get_by_role("button", name="Register").click()
    page.wait_for_load_state()

    screenshot("delegate-form-errors")
    birth = page.get_by_label("Date of birth")
    assert birth.input_value() == "2015-01-31"
    assert birth.get_attribute("aria-invalid") == "true"
    described_by = birth.get_attribute("aria-describedby").split()
    assert page.locator(f"#{described_by[-1]}").inner_text() == (
        "Delegates must be 18 or over on 6 May 2030, the day of the hearing; with this date of birth the "
        "delegate would be 15."
    )
    letter = page.get_by_label("Nomination letter")
    assert (
        page.locator(f"#{letter.get_attribute('aria-describedby').split()[-1]}")
        .inner_text()
        .startswith("This file is not a PDF document.")
    )
    assert page.get_by_label("Full name as in the passport").input_value() == "ANA MARIA PEREZ GOMEZ"
    assert (
        page.get_by_label("Who may see this delegate on the list of participants").input_value()
        == "participants"
    )
    assert Delegate.objects.count() == 0
    assert serious_violations(page) == []
