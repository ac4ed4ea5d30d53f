"""The public record of a pledge that left the registry, and the registry listing such pledges,
in headless Chromium: axe-core finds no serious or critical violation."""

import pytest

from forums.demo import seed
from pledges.demo import seed as seed_pledges
from pledges.enums import PledgeState
from pledges.models import Pledge
from pledges.services import set_pledge_state
from tests.browser.accessibility import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_tombstone_and_the_registry_with_former_pledges(live_server, page, screenshot):
    seed()
    seed_pledges()
    pledge = Pledge.objects.published().order_by("reference").first()
    set_pledge_state(pledge, PledgeState.WITHDRAWN, by=None, reason="The programme was merged into another.")
    failures = {}
    for name, path in [
        ("tombstone", f"/pledges/{pledge.reference}/"),
        ("registry-former", "/pledges/?former=on"),
    ]:
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        assert pledge.title in page.content()
        screenshot(name)
        violations = serious_violations(page)
        if violations:
            failures[path] = violations
    assert failures == {}
    page.goto(live_server.url + f"/pledges/{pledge.reference}/")
    assert page.locator("#tombstone").is_visible()
