"""The programme's iCalendar feed read by three parsers (icalendar, vobject as in Radicale, ics):
every event starts at its scheduled New York time; a forum without sessions is still a valid
calendar; conditional GET, refresh interval and the webcal subscription link."""

import datetime
import zoneinfo

import ics
import pytest
import vobject
from icalendar import Calendar

from core import cache_versions
from forums.demo import seed
from forums.models import Session
from tests.forums.factories import ForumFactory

pytestmark = pytest.mark.django_db

NEW_YORK = zoneinfo.ZoneInfo("America/New_York")


@pytest.fixture
def feed(client):
    seed()
    response = client.get("/forums/2026/programme.ics")
    assert response.status_code == 200
    return response


def scheduled():
    """Each session's title and its start, New York wall time, as the secretariat scheduled it."""
    return {
        s.title: s.starts_at.astimezone(NEW_YORK).replace(tzinfo=None)
        for s in Session.objects.filter(forum__year=2026)
    }


def test_the_zone_is_written_as_rules(feed):
    [zone] = Calendar.from_ical(feed.content).walk("VTIMEZONE")
    parts = {part.name: part for part in zone.subcomponents}
    assert sorted(parts) == ["DAYLIGHT", "STANDARD"]
    assert parts["DAYLIGHT"]["RRULE"].to_ical() == b"FREQ=YEARLY;BYDAY=2SU;BYMONTH=3"
    assert parts["STANDARD"]["RRULE"].to_ical() == b"FREQ=YEARLY;BYDAY=1SU;BYMONTH=11"
    assert "RDATE" not in parts["DAYLIGHT"] and "RDATE" not in parts["STANDARD"]


def test_icalendar_reads_new_york_times(feed):
    times = scheduled()
    events = Calendar.from_ical(feed.content).walk("VEVENT")
    assert len(events) == len(times) == 15
    for event in events:
        start = event.decoded("DTSTART")
        assert start.replace(tzinfo=None) == times[str(event["SUMMARY"])]
        assert start.utcoffset() == datetime.timedelta(hours=-4)


def test_vobject_reads_new_york_times(feed):
    times = scheduled()
    calendar = vobject.readOne(feed.content.decode("utf-8"))
    events = calendar.vevent_list
    assert len(events) == 15
    for event in events:
        start = event.dtstart.value
        assert start.replace(tzinfo=None) == times[event.summary.value]
        assert start.utcoffset() == datetime.timedelta(hours=-4)
        # The instant as well as the wall time: 10:00 in New York in May is 14:00 UTC.
        expected = times[event.summary.value].replace(tzinfo=NEW_YORK)
        assert start.astimezone(datetime.UTC) == expected.astimezone(datetime.UTC)


def test_ics_reads_new_york_times(feed):
    times = scheduled()
    events = ics.Calendar(feed.content.decode("utf-8")).events
    assert len(events) == 15
    for event in events:
        expected = times[event.name].replace(tzinfo=NEW_YORK)
        assert event.begin.datetime == expected
        assert event.begin.datetime.astimezone(datetime.UTC) == expected.astimezone(datetime.UTC)


def test_a_forum_without_sessions_is_a_valid_calendar(client):
    ForumFactory(year=2030)
    response = client.get("/forums/2030/programme.ics")
    assert response.status_code == 200
    calendar = Calendar.from_ical(response.content)
    assert calendar.walk("VEVENT") == []
    assert [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")] == ["America/New_York"]
    assert vobject.readOne(response.content.decode("utf-8")).vtimezone.tzid.value == "America/New_York"
    assert ics.Calendar(response.content.decode("utf-8")).events == set()


def test_refresh_interval(feed):
    calendar = Calendar.from_ical(feed.content)
    assert calendar.decoded("REFRESH-INTERVAL") == datetime.timedelta(hours=1)
    assert calendar["REFRESH-INTERVAL"].params["VALUE"] == "DURATION"
    assert b"\r\nX-PUBLISHED-TTL:PT1H\r\n" in feed.content


def test_conditional_get(client, feed):
    assert feed["Access-Control-Allow-Origin"] == "*"
    again = client.get("/forums/2026/programme.ics")
    assert again.content == feed.content
    assert again["ETag"] == feed["ETag"]
    assert client.get("/forums/2026/programme.ics", HTTP_IF_NONE_MATCH=feed["ETag"]).status_code == 304
    since = client.get("/forums/2026/programme.ics", HTTP_IF_MODIFIED_SINCE=feed["Last-Modified"])
    assert (since.status_code, since.content) == (304, b"")


def test_a_programme_edit_changes_the_etag(client, feed):
    session = Session.objects.get(forum__year=2026, title="Round table 1")
    session.title = "Round table 1 (moved)"
    session.save()
    cache_versions.bump(cache_versions.PAGES)
    changed = client.get("/forums/2026/programme.ics", HTTP_IF_NONE_MATCH=feed["ETag"])
    assert changed.status_code == 200
    assert b"SUMMARY:Round table 1 (moved)" in changed.content


def test_the_programme_page_offers_a_webcal_subscription(client):
    seed()
    html = client.get("/forums/2026/programme/").content.decode()
    assert 'href="webcal://127.0.0.1:8000/forums/2026/programme.ics"' in html
