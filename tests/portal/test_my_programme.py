"""A visitor's own programme, with no account: ticked on the programme, kept in the address,
subscribed to as a calendar that only holds what was chosen (read by icalendar and vobject);
each session's own calendar; parallel sessions laid out side by side."""

import datetime
import zoneinfo

import pytest
import vobject
from icalendar import Calendar

from forums.demo import seed
from forums.models import Session
from tests.forums.factories import ForumFactory, RoomFactory, SessionFactory, venue_time

pytestmark = pytest.mark.django_db

NEW_YORK = zoneinfo.ZoneInfo("America/New_York")


@pytest.fixture
def demo():
    seed()


def summaries(response):
    return sorted(str(event["SUMMARY"]) for event in Calendar.from_ical(response.content).walk("VEVENT"))


def test_the_programme_offers_a_box_for_every_session(client, demo):
    page = client.get("/forums/2026/programme/").content.decode()
    assert page.count('type="checkbox" name="session"') == Session.objects.filter(forum__year=2026).count()
    assert 'action="/forums/2026/programme/mine/"' in page
    assert '<label for="choose-session-round-table-1">In my programme<span class="visually-hidden">: Round table 1</span></label>' in page


def test_my_programme_shows_only_what_was_chosen(client, demo):
    response = client.get("/forums/2026/programme/mine/?session=round-table-1&session=round-table-3")
    assert response.status_code == 200
    shown = [item.slug for day in response.context["days"] for item in day["sessions"]]
    assert shown == ["round-table-1", "round-table-3"]
    page = response.content.decode()
    assert 'href="/forums/2026/programme.ics?session=round-table-1&amp;session=round-table-3"' in page
    assert 'href="webcal://127.0.0.1:8000/forums/2026/programme.ics?session=round-table-1&amp;session=round-table-3"' in page
    # "Change my choice" comes back to the programme with the same boxes ticked.
    assert 'href="/forums/2026/programme/?session=round-table-1&amp;session=round-table-3"' in page
    again = client.get("/forums/2026/programme/?session=round-table-1&session=round-table-3").content.decode()
    assert again.count(" checked>") == 2
    assert 'value="round-table-3" id="choose-session-round-table-3" checked>' in again


def test_the_calendar_of_my_programme_holds_only_the_chosen_sessions(client, demo):
    response = client.get("/forums/2026/programme.ics?session=round-table-2&session=round-table-4")
    assert response.status_code == 200
    assert summaries(response) == ["Round table 2", "Round table 4"]
    assert response["Content-Disposition"] == 'inline; filename="imrf-2026-my-programme.ics"'
    calendar = vobject.readOne(response.content.decode())
    expected = Session.objects.get(forum__year=2026, slug="round-table-2").starts_at
    [start] = [e.dtstart.value for e in calendar.vevent_list if e.summary.value == "Round table 2"]
    assert start == expected
    assert start.astimezone(NEW_YORK).utcoffset() == datetime.timedelta(hours=-4)


def test_a_session_has_a_calendar_of_its_own(client, demo):
    response = client.get("/forums/2026/sessions/round-table-1.ics")
    assert response.status_code == 200
    assert summaries(response) == ["Round table 1"]
    [event] = vobject.readOne(response.content.decode()).vevent_list
    assert event.dtstart.value == Session.objects.get(forum__year=2026, slug="round-table-1").starts_at
    page = client.get("/forums/2026/sessions/round-table-1/").content.decode()
    assert 'href="/forums/2026/sessions/round-table-1.ics"' in page
    assert 'href="/forums/2026/side-events/"' in page
    assert 'href="/forums/2026/summaries/"' in page
    assert client.get("/forums/2026/sessions/no-such-session.ics").status_code == 404


def test_an_item_no_longer_in_the_programme_is_counted_not_fatal(client, demo):
    response = client.get("/forums/2026/programme/mine/?session=round-table-1&session=cancelled-panel")
    assert response.status_code == 200
    assert "One item of this address is no longer in the programme." in response.content.decode()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("session=%3Cscript%3E", "“&lt;script&gt;” is not the name of a session or side event"),
        ("&".join(f"session=s{n}" for n in range(101)), "A programme can hold at most 100 sessions and side events."),
    ],
)
def test_a_mangled_address_is_explained(client, demo, query, message):
    response = client.get(f"/forums/2026/programme/mine/?{query}")
    assert response.status_code == 400
    assert message in response.content.decode()
    calendar = client.get(f"/forums/2026/programme.ics?{query}")
    assert calendar.status_code == 400
    assert calendar["Content-Type"] == "text/plain; charset=utf-8"
    # The programme itself still answers, with no box ticked.
    programme = client.get(f"/forums/2026/programme/?{query}")
    assert programme.status_code == 200
    assert " checked>" not in programme.content.decode()


def test_nothing_chosen_says_how_to_choose(client, demo):
    page = client.get("/forums/2026/programme/mine/").content.decode()
    assert "You have not chosen any session yet." in page


def test_parallel_sessions_share_a_row_of_the_grid(client, db):
    forum = ForumFactory()
    hall, room = RoomFactory(name="Hall"), RoomFactory(name="Room 2")
    SessionFactory(forum=forum, slug="a", title="A", room=hall, starts_at=venue_time(forum, 0, 10), ends_at=venue_time(forum, 0, 13))
    SessionFactory(forum=forum, slug="b", title="B", room=room, starts_at=venue_time(forum, 0, 10), ends_at=venue_time(forum, 0, 12))
    SessionFactory(forum=forum, slug="c", title="C", room=room, starts_at=venue_time(forum, 0, 12), ends_at=venue_time(forum, 0, 13))
    SessionFactory(forum=forum, slug="d", title="D", room=hall, starts_at=venue_time(forum, 1, 10), ends_at=venue_time(forum, 1, 13))
    days = client.get(f"/forums/{forum.year}/programme/").context["days"]
    parallel, alone = days
    assert [room.name for room in parallel["grid"]["rooms"]] == ["Hall", "Room 2"]
    assert [(item.slug, place) for item, place in parallel["entries"]] == [
        ("a", {"column": 1, "row_start": 1, "row_end": 3}),
        ("b", {"column": 2, "row_start": 1, "row_end": 2}),
        ("c", {"column": 2, "row_start": 2, "row_end": 3}),
    ]
    assert alone["grid"] is None
