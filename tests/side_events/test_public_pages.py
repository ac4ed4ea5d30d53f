"""Accepted side events on the public site: their list and pages, the programme and the feed."""

import datetime
import zoneinfo

import pytest
from icalendar import Calendar

from forums.enums import ForumStatus
from reference.models import GuidingPrinciple, MemberState
from side_events.enums import SideEventState as S
from tests.forums.factories import RoomFactory, RoundTableFactory, venue_time
from tests.side_events.factories import (
    SideEventCoOrganizerFactory,
    SideEventFactory,
    accepted_side_event,
    lunchtime,
    side_event_forum,
)
from tests.stakeholders.factories import OrganizationFactory

pytestmark = pytest.mark.django_db

NEW_YORK = zoneinfo.ZoneInfo("America/New_York")


@pytest.fixture
def forum():
    return side_event_forum()


@pytest.fixture
def side_event(forum):
    side_event = accepted_side_event(
        forum,
        *lunchtime(forum, 0),
        room=RoomFactory(name="Conference Room 11"),
        title="Migrant-led data",
        organization=OrganizationFactory(category="migrant", name="Migrant Voices"),
        objectives=[1, 17],
    )
    SideEventCoOrganizerFactory(
        side_event=side_event, organization=OrganizationFactory(category="migrant", name="Diaspora Forum")
    )
    side_event.co_organizing_states.add(MemberState.objects.get(iso3="MEX"))
    return side_event


def test_the_list_shows_accepted_side_events_in_venue_time(client, side_event):
    SideEventFactory(forum=side_event.forum, state=S.SUBMITTED, title="Still under review")
    response = client.get("/forums/2030/side-events/")
    assert response.status_code == 200
    html = response.content.decode()
    assert [e.title for day in response.context["days"] for e in day["side_events"]] == ["Migrant-led data"]
    assert "All times are New York time (EDT)." in html
    assert '<time datetime="2030-05-05T13:15:00-04:00">13:15</time>' in html
    assert "Organised by Migrant Voices; Diaspora Forum; Mexico" in html
    assert "Still under review" not in html


@pytest.mark.parametrize(
    "changes",
    [
        {"notified_at": None},  # decided, not yet sent
        {"state": S.WAITLISTED},
        {"starts_at": None, "ends_at": None, "room": None},  # not scheduled yet
    ],
)
def test_a_side_event_is_public_only_accepted_scheduled_and_announced(client, side_event, changes):
    type(side_event).objects.filter(pk=side_event.pk).update(**changes)
    assert client.get("/forums/2030/side-events/").context["days"] == []
    assert client.get("/forums/2030/side-events/migrant-led-data/").status_code == 404


def test_nothing_is_public_in_a_forum_in_preparation(client, side_event, forum):
    forum.status = ForumStatus.PLANNING
    forum.save()
    assert client.get("/forums/2030/side-events/").status_code == 404
    assert client.get("/forums/2030/side-events/migrant-led-data/").status_code == 404


def test_the_page_of_a_side_event(client, side_event):
    response = client.get("/forums/2030/side-events/migrant-led-data/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<p class="eyebrow">Side event</p>' in html
    assert (
        'Sunday 5 May 2030, <bdi dir="ltr"><time datetime="2030-05-05T13:15:00-04:00">13:15</time>–'
        '<time datetime="2030-05-05T14:45:00-04:00">14:45</time></bdi>'
    ) in html
    assert "New York time (EDT)" in html
    assert "<li>Diaspora Forum</li>" in html
    assert "<li>Mexico</li>" in html
    assert [o.number for o in response.context["side_event"].objectives.all()] == [1, 17]
    assert "woman" not in html.lower()  # speakers' gender is for the reviewers only


def test_the_programme_marks_side_events_among_the_sessions(client, side_event, forum):
    RoundTableFactory(forum=forum, title="Round table 1", room=RoomFactory(name="Conference Room 4"))
    response = client.get("/forums/2030/programme/")
    day = response.context["days"][0]
    assert [item.title for item in day["sessions"]] == ["Round table 1", "Migrant-led data"]
    html = response.content.decode()
    assert '<li class="session session-side-event">' in html
    assert '<p class="session-kind">Side event</p>' in html
    assert "organised by Migrant Voices" in html


def test_the_feed_carries_side_events_as_such(client, side_event, forum):
    RoundTableFactory(forum=forum, title="Round table 1", room=RoomFactory(name="Conference Room 4"))
    calendar = Calendar.from_ical(client.get("/forums/2030/programme.ics").content)
    events = {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}
    assert sorted(events) == ["Migrant-led data", "Round table 1"]
    event = events["Migrant-led data"]
    assert event.decoded("DTSTART") == datetime.datetime(2030, 5, 5, 13, 15, tzinfo=NEW_YORK)
    assert event["DTSTART"].params["TZID"] == "America/New_York"
    assert [str(c) for c in event["CATEGORIES"].cats] == ["Side event"]
    assert str(event["UID"]) == f"imrf2030-side-event-{side_event.pk}@imrf-portal"
    assert str(event["LOCATION"]) == "Conference Room 11, United Nations Headquarters, New York"
    assert str(event["URL"]) == "http://127.0.0.1:8000/forums/2030/side-events/migrant-led-data/"


# --- Query counts -----------------------------------------------------------------------------


def build(forum, count):
    for n in range(count):
        day = n % 4
        start = venue_time(forum, day, 8) + datetime.timedelta(minutes=10 * (n // 4))
        side_event = accepted_side_event(
            forum,
            start,
            start + datetime.timedelta(minutes=5),
            room=RoomFactory(),
            title=f"Side event {n}",
            objectives=[1, 2, 3],
        )
        SideEventCoOrganizerFactory(side_event=side_event)
        side_event.co_organizing_states.add(MemberState.objects.get(iso3="MEX"))
        side_event.guiding_principles.set(GuidingPrinciple.objects.filter(letter__in=["a", "g"]))


PAGES = [
    ("/forums/2030/side-events/", 5),
    ("/forums/2030/side-events/side-event-0/", 6),
    ("/forums/2030/programme/", 4),
    ("/forums/2030/programme.ics", 4),
]


@pytest.mark.parametrize("count", [1, 20])
@pytest.mark.parametrize(("url", "queries"), PAGES)
def test_public_side_event_pages_run_a_fixed_number_of_queries(
    client, django_assert_num_queries, forum, url, queries, count
):
    RoundTableFactory(forum=forum, objectives=[1, 2])
    build(forum, count)
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.status_code == 200
