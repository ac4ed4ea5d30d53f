"""At a phone's width (390 px) the pledge form and the delegates page fit without sideways
scrolling, a table that still scrolls sideways can be scrolled from the keyboard (a focusable,
named region), and axe-core finds nothing serious (issue 14: the pledge form overflowed by 99 px,
the delegates page by 370 px; axe's scrollable-region-focusable)."""

import pytest
from django.conf import settings
from django.test import Client

from stakeholders.enums import AccreditationState
from tests.browser.accessibility import serious_violations
from tests.stakeholders.factories import AccreditationFactory, DelegateFactory, focal_point_of, open_forum

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WIDTH = 390


@pytest.fixture
def phone(browser):
    context = browser.new_context(locale="en-GB", viewport={"width": WIDTH, "height": 844})
    context.set_default_timeout(60_000)
    yield context
    context.close()


def signed_in(phone, live_server, user):
    client = Client()
    client.force_login(user)
    phone.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    return phone.new_page()


def test_the_pledge_form_and_the_delegates_page_fit_a_phone(live_server, phone):
    forum = open_forum()
    accreditation = AccreditationFactory(forum=forum, state=AccreditationState.APPROVED)
    for n in range(3):
        DelegateFactory(
            accreditation=accreditation,
            name=f"Delegate with a rather long name number {n}",
            email=f"a.very.long.address.for.delegate.{n}@migrant-rights-organisation.example.org",
            function="Senior policy and advocacy officer",
        )
    page = signed_in(phone, live_server, focal_point_of(accreditation.organization))
    widths, failures = {}, {}
    for path in ("/pledges/my/new/", f"/my/delegates/{forum.year}/"):
        assert page.goto(live_server.url + path).status == 200, path
        widths[path] = page.evaluate("document.scrollingElement.scrollWidth")
        violations = serious_violations(page)
        if violations:
            failures[path] = violations
    assert widths == {"/pledges/my/new/": WIDTH, f"/my/delegates/{forum.year}/": WIDTH}
    assert failures == {}
    # The table is as wide as it must be; its region scrolls and takes the keyboard's focus.
    region = page.locator(".table-scroll")
    assert region.get_attribute("tabindex") == "0"
    assert region.get_attribute("role") == "region"
    assert region.get_attribute("aria-labelledby") == "delegates-caption"
    region.focus()
    page.keyboard.press("ArrowRight")
