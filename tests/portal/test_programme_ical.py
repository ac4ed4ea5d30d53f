"""The programme as an iCalendar feed, parsed back with the icalendar library."""

import datetime
import zoneinfo

import pytest
from icalendar import Calendar

from forums.demo import seed

pytestmark = pytest.mark.django_db

NEW_YORK = zoneinfo.ZoneInfo("America/New_York")


@pytest.fixture
def calendar(client):
    seed()
    response = client.get("/forums/2026/programme.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def test_every_session_is_an_event(calendar):
    from forums.models import Session

    events = calendar.walk("VEVENT")
    assert len(events) == Session.objects.filter(forum__year=2026).count() == 15
    assert len({str(event["UID"]) for event in events}) == 15


def test_events_carry_venue_time_with_its_time_zone_definition(calendar):
    events = {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}
    round_table = events["Round table 1"]
    start = round_table.decoded("DTSTART")
    assert start == datetime.datetime(2026, 5, 5, 10, 0, tzinfo=NEW_YORK)
    assert start.astimezone(datetime.UTC) == datetime.datetime(2026, 5, 5, 14, 0, tzinfo=datetime.UTC)
    assert round_table["DTSTART"].params["TZID"] == "America/New_York"
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["America/New_York"]
    assert str(round_table["LOCATION"]) == "Conference Room 4, United Nations Headquarters, New York"
    assert str(round_table["URL"]) == "http://127.0.0.1:8000/forums/2026/sessions/round-table-1/"


def test_the_calendar_names_itself(calendar):
    assert str(calendar["X-WR-CALNAME"]) == "International Migration Review Forum 2026: programme"
    assert str(calendar["VERSION"]) == "2.0"


def test_the_hearing_is_on_the_day_before_the_forum(calendar):
    hearing = [e for e in calendar.walk("VEVENT") if "hearing" in str(e["SUMMARY"]).lower()]
    assert {e.decoded("DTSTART").date() for e in hearing} == {datetime.date(2026, 5, 4)}
