"""The dashboard (/my/) and the public organisation page in headless Chromium, at a desktop's
width (1280 px) and a phone's (390 px): axe-core finds no serious or critical violation, and at
390 px nothing scrolls sideways, however long the titles."""

import datetime

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.utils import timezone

from core.audit import log_activity
from core.models import LastVisit
from tests.browser.accessibility import serious_violations
from tests.browser.conftest import ARTIFACTS
from tests.pledges.factories import published
from tests.portal.test_dashboard import world  # noqa: F401 - the fixture, shared with the view's tests
from tests.side_events.factories import accepted_side_event, lunchtime

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WIDTHS = (1280, 390)


def signed_in_context(browser, live_server, user, width):
    context = browser.new_context(locale="en-GB", viewport={"width": width, "height": 900})
    context.set_default_timeout(60_000)
    client = Client()
    client.force_login(user)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    return context


def test_the_dashboard_and_the_organisation_page_are_accessible_at_both_widths(
    live_server, browser, world  # noqa: F811
):
    ours, forum = world["ours"], world["forum"]
    long_title = "Migrant-led data collection on labour recruitment fees along the corridors " * 2
    side_event = accepted_side_event(forum, *lunchtime(forum, 1), organization=ours, title=long_title[:200])
    pledge = published(organization=ours, forum=forum, title="Legal aid desks in every border town " * 4)
    # A previous visit, then changes since: every block of the dashboard has rows.
    LastVisit.objects.create(
        user=world["user"],
        content_type=ContentType.objects.get_for_model(ours),
        object_id=ours.pk,
        visited_at=timezone.now() - datetime.timedelta(days=2),
    )
    log_activity(side_event, "side_event.state", old_state="waitlisted", new_state="accepted")
    log_activity(pledge, "pledge.state", old_state="submitted", new_state="published")
    paths = ("/my/", ours.get_absolute_url())
    failures, widths = {}, {}
    for width in WIDTHS:
        context = signed_in_context(browser, live_server, world["user"], width)
        page = context.new_page()
        for name, path in zip(("dashboard", "organization"), paths, strict=True):
            assert page.goto(live_server.url + path).status == 200, path
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=ARTIFACTS / f"{name}-{width}.png", full_page=True)
            violations = serious_violations(page)
            if violations:
                failures[(width, path)] = violations
            if width == 390:
                widths[path] = page.evaluate("document.scrollingElement.scrollWidth")
        context.close()
    assert failures == {}
    assert widths == {path: 390 for path in paths}
