"""The speaking-request page (with a released selection to confirm or decline) and the page of
nominations for the rapporteur and the opening segment's representatives, in headless Chromium:
axe-core finds no serious or critical violation, also with errors on the form."""

import pytest
from django.core.cache import cache

from forums.enums import SessionKind
from stakeholders import services
from stakeholders.enums import AccreditationState, SpeakingRequestState
from tests.browser.accessibility import serious_violations
from tests.forums.factories import RoundTableFactory, SessionFactory
from tests.stakeholders.factories import (
    AccreditationFactory,
    NominationFactory,
    SpeakingRequestFactory,
    focal_point_of,
    open_forum,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def test_speaking_and_nomination_pages_have_no_serious_accessibility_violations(
    live_server, page, screenshot
):
    forum = open_forum()
    accreditation = AccreditationFactory(forum=forum, state=AccreditationState.APPROVED)
    focal_point_of(accreditation.organization, email="focal@example.org")
    SessionFactory(
        forum=forum,
        kind=SessionKind.HEARING,
        title="Hearing panel 1",
        starts_at=forum.local_datetime(forum.hearing_date, 10),
        ends_at=forum.local_datetime(forum.hearing_date, 12),
    )
    round_table = RoundTableFactory(forum=forum, number=1, title="Round table 1")
    selected = SpeakingRequestFactory(
        accreditation=accreditation, session=round_table, speaker_name="Ana Lima"
    )
    SpeakingRequestFactory(accreditation=accreditation, session=round_table, speaker_name="Ravi Kumar")
    services.set_speaking_request_state(selected, SpeakingRequestState.SELECTED)
    services.close_speaker_selection(round_table, by=None)
    NominationFactory(accreditation=accreditation, nominee_name="Amina Yusuf")

    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill("focal@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(live_server.url + "/my/")

    failures = {}
    page.goto(live_server.url + "/my/speaking-requests/2030/")
    assert page.get_by_role("button", name="Confirm Ana Lima").is_visible()
    screenshot("speaking-requests")
    failures["speaking-requests"] = serious_violations(page)

    page.goto(live_server.url + "/my/nominations/2030/")
    screenshot("nominations")
    failures["nominations"] = serious_violations(page)

    page.get_by_label("Representative of civil society (opening segment)").check()
    page.get_by_role("button", name="Submit the nomination").click()
    page.wait_for_load_state()
    screenshot("nominations-errors")
    failures["nominations-errors"] = serious_violations(page)
    name = page.get_by_label("Nominee:", exact=True)
    assert name.get_attribute("aria-invalid") == "true"
    assert page.get_by_label("Representative of civil society (opening segment)").is_checked()

    assert failures == {"speaking-requests": [], "nominations": [], "nominations-errors": []}
