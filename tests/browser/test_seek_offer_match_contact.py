"""Seeks and offers, suggested matches and "Contact the pledger" in headless Chromium: the
pledger ticks what its pledge seeks (checkboxes in a fieldset with a legend, by keyboard), a
visitor follows the pledge page to its matches and finds the "Propose a coalition" link, a member
of another accredited organisation writes to the pledger. axe-core on every page on the way."""

import pytest
from django.test import Client

from core.models import OutboxMessage
from pledges.enums import PledgeState
from pledges.services import set_pledge_state
from tests.browser.accessibility import serious_violations
from tests.pledges.factories import PledgeFactory, published
from tests.stakeholders.factories import focal_point_of, listed_organization, member_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, user, url):
    client = Client()
    client.force_login(user)
    page.context.clear_cookies()
    page.context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": url}])


def test_seek_then_match_then_contact(live_server, page, screenshot):
    url = live_server.url
    pledger = listed_organization(name="Corridor Data Network")
    lead = focal_point_of(pledger, email="lead@corridor.example")
    draft = PledgeFactory(organization=pledger, objectives=[1, 8], countries=["ITA"])
    offering = published(
        organization=listed_organization(name="Open Statistics Institute"),
        objectives=[1],
        support={"offers": ["funding", "data"]},
    )
    failures = {}

    def check(name):
        screenshot(name)
        violations = serious_violations(page)
        if violations:
            failures[name] = violations

    # The pledger says what the pledge seeks, from the keyboard.
    sign_in(page, lead, url)
    page.goto(f"{url}/pledges/my/{draft.reference}/edit/partners/")
    # Folded while nothing is chosen: the keyboard opens it.
    page.get_by_text("What the pledge seeks and offers (optional)").focus()
    page.keyboard.press("Enter")
    group = page.get_by_role("group", name="What the pledge seeks")
    group.get_by_label("Funding").focus()
    page.keyboard.press("Space")
    group.get_by_label("Data").check()
    check("pledge-flow-seeks")
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_url(f"**/pledges/my/{draft.reference}/edit/review/")
    assert "Funding" in page.locator(".pledge-summary").inner_text()
    draft.refresh_from_db()
    assert draft.seek_codes == "|data|funding|"
    set_pledge_state(draft, PledgeState.SUBMITTED, by=lead)
    draft.check_in_scope = draft.check_measurable = draft.check_objectives = True
    set_pledge_state(draft, PledgeState.PUBLISHED, by=None)  # the secretariat's review, not shown here

    # A visitor finds the matches from the pledge page.
    page.context.clear_cookies()
    page.goto(f"{url}/pledges/{draft.reference}/")
    check("pledge-page-seeks")
    page.get_by_role("link", name="Suggested matches: pledges that offer what this one seeks").click()
    page.wait_for_url(f"**/pledges/{draft.reference}/matches/")
    check("matches")
    propose = page.get_by_role("link", name=f"Propose a coalition with {offering.reference}")
    assert propose.get_attribute("href") == f"/coalitions/new/?with={offering.reference}&from={draft.reference}"

    # A member of another accredited organisation writes to the pledger.
    sign_in(page, member_of(listed_organization(name="Legal Aid Alliance")), url)
    page.goto(f"{url}/pledges/{draft.reference}/")
    page.get_by_role("link", name="Contact the pledger").click()
    page.get_by_label("Your message").fill("Too short")
    page.get_by_role("button", name="Send the message").click()
    check("contact-error")
    assert page.get_by_label("Your message").input_value() == "Too short"
    page.get_by_label("Your message").fill("We run legal aid clinics along the corridor and would like to join you.")
    page.get_by_role("button", name="Send the message").click()
    page.wait_for_url(f"**/pledges/{draft.reference}/")
    assert "on its way to the focal points of Corridor Data Network" in page.locator("body").inner_text()
    sent = OutboxMessage.objects.filter(template="pledges/email/pledger_message")
    assert list(sent.values_list("recipient", flat=True)) == ["lead@corridor.example"]
    assert failures == {}
