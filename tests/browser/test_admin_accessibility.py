"""The pages the secretariat works in, in headless Chromium at 1280 px: axe-core finds no serious
or critical violation on the admin's index (the worklist), nor on the lists and forms of
accreditations, pledges, side events, sessions and summaries,."""

import pytest
from django.test import Client

from summaries.enums import SummaryState
from summaries.models import Summary
from tests.browser.accessibility import serious_violations
from tests.core.factories import SecretariatUserFactory
from tests.portal.factories import worklist_scenario

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(context, user, url):
    client = Client()
    client.force_login(user)
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": url}])


def admin_pages(scenario):
    return [
        "/admin/",
        "/admin/stakeholders/accreditation/",
        f"/admin/stakeholders/accreditation/{scenario.accreditation.pk}/change/",
        f"/admin/stakeholders/accreditation/{scenario.listed.pk}/change/",
        f"/admin/stakeholders/organization/{scenario.accreditation.organization_id}/change/",
        f"/admin/forums/roundtable/{scenario.round_table.pk}/change/",
        "/admin/core/activitylog/",
        "/admin/pledges/pledge/",
        f"/admin/pledges/pledge/{scenario.pledge.pk}/change/",
        "/admin/side_events/sideevent/",
        f"/admin/side_events/sideevent/{scenario.side_event.pk}/change/",
        "/admin/forums/session/",
        f"/admin/forums/session/{scenario.session.pk}/change/",
        "/admin/forums/session/add/",
        "/admin/summaries/summary/",
        f"/admin/summaries/summary/{scenario.summary.pk}/change/",
        f"/admin/summaries/summary/publish/{scenario.ended_forum.pk}/",
        "/admin/stakeholders/delegate/",
        "/admin/stakeholders/speakingrequest/",
        # issue 12's admin pages: speaker selections, nominations, States' objections by their
        # focal points, the status lists and their import
        "/admin/stakeholders/speakerselection/",
        "/admin/stakeholders/nomination/",
        "/admin/stakeholders/statefocalpoint/",
        "/admin/stakeholders/statefocalpoint/add/",
        "/admin/verification/statuslistimport/",
        "/admin/verification/statuslistimport/add/",
        "/admin/verification/statuslistentry/",
        "/admin/forums/forum/",
    ]


def test_the_secretariat_s_pages_have_no_serious_accessibility_violations(live_server, page, screenshot, settings):
    settings.ADMIN_REQUIRE_2FA = False
    scenario = worklist_scenario()
    # A ready summary, with notes in Markdown: the confirmation lists it, the form previews them.
    Summary.objects.filter(pk=scenario.summary.pk).update(
        state=SummaryState.READY, key_messages="Regular **pathways**.\n\n## Data\n\n- Censuses\n- Surveys"
    )
    sign_in(page.context, SecretariatUserFactory(), live_server.url)
    failures = {}
    for path in admin_pages(scenario):
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        page.wait_for_load_state("networkidle")
        screenshot("admin" + path.replace("/", "-").rstrip("-"))
        violations = serious_violations(page)
        if violations:
            failures[path] = violations
    assert failures == {}
    # The worklist is there, and its lines are links to the filtered lists.
    page.goto(live_server.url + "/admin/")
    page.get_by_role("link", name="Side events to score").click()
    page.wait_for_url("**/admin/side_events/sideevent/?review=to_score")
    assert page.locator("#result_list tbody tr").count() == 1
