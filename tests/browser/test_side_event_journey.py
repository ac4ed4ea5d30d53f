"""From an application to the public programme: a member drafts a side event, the focal point
submits it, the secretariat accepts and schedules it in the admin and sends the decision, and the
event appears in the programme, in the side-event list and on its own page. axe-core checks each
new page on the way; screenshots go to test-artifacts/."""

import importlib
import re

import pytest
from django.apps import apps
from django.core import mail
from django.test import Client

from side_events.models import SideEvent
from tests.browser.accessibility import serious_violations
from tests.core.factories import SecretariatUserFactory
from tests.forums.factories import RoomFactory, RoundTableFactory
from tests.side_events.factories import accredited_member, side_event_forum

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(context, user, url):
    """Put a signed-in session into a browser context (signing in itself is tested elsewhere)."""
    client = Client()
    client.force_login(user)
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": url}])


def test_from_application_to_the_public_programme(live_server, page, browser, screenshot):
    importlib.import_module("forums.migrations.0005_side_events").grant_permissions(apps)
    url = live_server.url
    forum = side_event_forum()
    RoundTableFactory(forum=forum, title="Round table 1", room=RoomFactory(name="Conference Room 4"))
    room = RoomFactory(name="Conference Room 11")
    member = accredited_member(forum, role="member")
    focal_point = accredited_member(forum, role="focal_point", organization=member.organization)
    accessibility = {}

    # A member drafts the application.
    sign_in(page.context, member.user, url)
    page.goto(url + "/my/side-events/")
    accessibility["/my/side-events/"] = serious_violations(page)
    screenshot("side-event-01-my-side-events")
    page.get_by_role(
        "link", name="Apply for a side event at International Migration Review Forum 2030"
    ).click()
    page.wait_for_url("**/my/side-events/2030/new/")
    accessibility["/my/side-events/2030/new/"] = serious_violations(page)
    page.fill("#id_title", "Migrant-led data for inclusion")
    page.fill("#id_description", "How migrant organisations collect and use data on inclusion.")
    page.select_option("#id_format", "hybrid")
    page.select_option("#id_preferred_day", "2030-05-05")
    page.select_option("#id_preferred_time", "lunchtime")
    page.fill("#id_expected_audience", "120")
    page.fill("#id_outcomes", "A shared set of inclusion indicators.")
    page.fill("#id_speakers-0-name", "Amina Diallo")
    page.fill("#id_speakers-0-function", "Director, Migrant Voices")
    page.select_option("#id_speakers-0-gender", "woman")
    page.select_option("#id_speakers-0-category", "migrant")
    page.select_option("#id_speakers-0-region", "Africa")
    page.get_by_role("button", name="Save the draft").click()
    # No objective chosen: the summary links to the objectives, and what was typed is kept.
    assert page.locator("#error-summary").is_visible()
    assert page.locator("#id_title").input_value() == "Migrant-led data for inclusion"
    assert page.locator("#id_speakers-0-name").input_value() == "Amina Diallo"
    accessibility["/my/side-events/2030/new/ (errors)"] = serious_violations(page)
    screenshot("side-event-02-form-errors")
    page.get_by_role("link", name="GCM objectives: Choose at least one objective of the Global Compact.").click()
    page.check("#id_objectives_0")
    page.check("#id_objectives_15")
    # A second speaker, added in place by the script (without it the button posts and comes back).
    page.get_by_role("button", name="Add another speaker").click()
    assert page.evaluate("document.activeElement.id") == "id_speakers-1-name"
    page.fill("#id_speakers-1-name", "Carlos Pérez")
    page.fill("#id_speakers-1-function", "Deputy Minister of Labour, Mexico")
    page.select_option("#id_speakers-1-gender", "man")
    page.select_option("#id_speakers-1-category", "member_state")
    page.select_option("#id_speakers-1-region", "Americas")
    page.get_by_role("button", name="Save the draft").click()
    # The error link's fragment survives the redirect.
    page.wait_for_url(re.compile(r"/my/side-events/\d+/(#id_objectives)?$"))
    side_event = SideEvent.objects.get()
    assert page.locator(".side-event-state").inner_text() == "Draft"
    # Members draft; focal points submit.
    assert page.get_by_role("button", name="Submit the application").count() == 0
    accessibility["/my/side-events/<pk>/ (draft)"] = serious_violations(page)
    screenshot("side-event-03-draft")

    # The focal point submits it.
    focal_context = browser.new_context(locale="en-GB", timezone_id="Europe/Berlin")
    focal = focal_context.new_page()
    sign_in(focal_context, focal_point.user, url)
    focal.goto(url + f"/my/side-events/{side_event.pk}/")
    focal.get_by_role("button", name="Submit the application").click()
    focal.wait_for_load_state()
    assert focal.locator(".side-event-state").inner_text() == "Submitted"
    accessibility["/my/side-events/<pk>/ (submitted)"] = serious_violations(focal)
    focal_context.close()

    # The secretariat scores, accepts and schedules it, then sends the decision.
    staff = SecretariatUserFactory(username="reviewer")
    admin_context = browser.new_context(viewport={"width": 1400, "height": 1000})
    admin = admin_context.new_page()
    sign_in(admin_context, staff, url)
    admin.goto(url + f"/admin/side_events/sideeventreview/add/?side_event={side_event.pk}")
    for criterion, score in [
        ("speaker_level", "4"),
        ("speaker_diversity", "5"),
        ("stakeholder_panel", "4"),
        ("geographic_balance", "3"),
        ("concrete_outcomes", "4"),
        ("innovative_set_up", "3"),
    ]:
        admin.fill(f"#id_{criterion}", score)
    admin.locator("input[name=_save]").click()
    admin.wait_for_load_state()
    admin.goto(url + "/admin/side_events/sideevent/")
    assert admin.locator("#result_list tbody tr").count() == 1
    assert admin.locator("td.field-average_score").inner_text() == "23.0"
    screenshot_admin = admin.screenshot
    admin.goto(url + f"/admin/side_events/sideevent/{side_event.pk}/change/")
    assert "women: 50 %" in admin.content()
    admin.select_option("#id_decision", "accepted")
    admin.fill("#id_reason", "A panel of States and migrants with concrete outcomes.")
    admin.select_option("#id_room", str(room.pk))
    # Inside the round table's hours first: refused.
    admin.fill("#id_starts_at_0", "2030-05-05")
    admin.fill("#id_starts_at_1", "12:30")
    admin.fill("#id_ends_at_0", "2030-05-05")
    admin.fill("#id_ends_at_1", "13:30")
    admin.locator("input[name=_save]").click()
    admin.wait_for_load_state()
    assert "this slot overlaps “Round table 1” (2030-05-05 10:00–13:00)" in admin.content()
    screenshot_admin(path="test-artifacts/side-event-04-admin-slot-refused.png", full_page=True)
    admin.fill("#id_starts_at_1", "13:15")
    admin.fill("#id_ends_at_1", "14:45")
    admin.locator("input[name=_save]").click()
    admin.wait_for_load_state()
    side_event.refresh_from_db()
    assert (side_event.state, side_event.pending_state, side_event.notified_at, side_event.room) == (
        "submitted",
        "accepted",
        None,
        room,
    )
    # Decided but not sent: not public yet.
    page.goto(url + "/forums/2030/side-events/")
    assert "Migrant-led data for inclusion" not in page.content()

    admin.goto(url + "/admin/side_events/sideevent/")
    admin.check("input[name=_selected_action]")
    admin.select_option("select[name=action]", "send_side_event_decisions")
    admin.locator("button[name=index]").click()
    admin.wait_for_load_state()
    assert "1 decision sent to its organisers." in admin.content()
    screenshot_admin(path="test-artifacts/side-event-05-admin-decisions-sent.png", full_page=True)
    admin_context.close()
    assert [m.subject for m in mail.outbox][-1] == (
        "[IMRF Portal] Your side event “Migrant-led data for inclusion”: Accepted"
    )

    # The organisers see the decision; the public sees the event, in venue time.
    page.goto(url + f"/my/side-events/{side_event.pk}/")
    assert page.locator(".side-event-state").inner_text() == "Accepted"
    screenshot("side-event-06-accepted")
    page.goto(url + "/forums/2030/programme/")
    entry = page.locator(".session-side-event")
    assert entry.locator(".session-kind").inner_text() == "SIDE EVENT"
    assert entry.locator(".session-time").inner_text() == "13:15–14:45"
    accessibility["/forums/2030/programme/"] = serious_violations(page)
    screenshot("side-event-07-programme")
    page.goto(url + "/forums/2030/side-events/")
    accessibility["/forums/2030/side-events/"] = serious_violations(page)
    screenshot("side-event-08-list")
    page.get_by_role("link", name="Migrant-led data for inclusion").click()
    page.wait_for_url("**/forums/2030/side-events/migrant-led-data-for-inclusion/")
    assert page.locator("h1").inner_text() == "Migrant-led data for inclusion"
    accessibility["/forums/2030/side-events/<slug>/"] = serious_violations(page)
    screenshot("side-event-09-page")
    assert accessibility == {path: [] for path in accessibility}
