"""The programme as an iCalendar feed (RFC 5545) that calendar applications subscribe to."""

import calendar as month_calendar
import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext
from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard, vDuration, vRecur

# Calendar applications poll a subscription this often (RFC 7986 REFRESH-INTERVAL, and Outlook's
# X-PUBLISHED-TTL): the programme changes by the hour while a forum is near.
REFRESH = datetime.timedelta(hours=1)


def _transitions(tz, year):
    """The instants of `year` where the zone's UTC offset changes, as (local wall time just before,
    offset before, offset after, name after), found hour by hour, then to the minute."""
    found = []
    start = datetime.datetime(year, 1, 1, tzinfo=datetime.UTC)
    hours = 366 * 24 if month_calendar.isleap(year) else 365 * 24
    previous = start.astimezone(tz).utcoffset()
    for hour in range(1, hours + 1):
        moment = start + datetime.timedelta(hours=hour)
        offset = moment.astimezone(tz).utcoffset()
        if offset != previous:
            minute = moment - datetime.timedelta(hours=1)
            while minute.astimezone(tz).utcoffset() == previous:
                minute += datetime.timedelta(minutes=1)
            wall = (minute + previous).replace(tzinfo=None)
            found.append((wall, previous, offset, minute.astimezone(tz).tzname()))
            previous = offset
    return found


WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def _nth(wall):
    """Which weekday of its month the transition falls on: 1 to 4, or -1 for the last."""
    days_in_month = month_calendar.monthrange(wall.year, wall.month)[1]
    return -1 if wall.day + 7 > days_in_month else (wall.day - 1) // 7 + 1


def _yearly_rule(wall):
    """The RRULE of a transition on the nth (or last) weekday of its month."""
    return vRecur(
        {"FREQ": "YEARLY", "BYMONTH": wall.month, "BYDAY": f"{_nth(wall)}{WEEKDAYS[wall.weekday()]}"}
    )


def _a_year_before(wall):
    """The same rule's transition in the year before, so that the rule already holds on 1 January
    of the forum's year (an observance applies only from its DTSTART)."""
    nth, weekday, year = _nth(wall), wall.weekday(), wall.year - 1
    days = [
        day
        for day in range(1, month_calendar.monthrange(year, wall.month)[1] + 1)
        if datetime.date(year, wall.month, day).weekday() == weekday
    ]
    return wall.replace(year=year, day=days[nth - 1] if nth > 0 else days[-1])


def vtimezone(tz, year):
    """The zone's VTIMEZONE as yearly rules (RRULE) from `year`, the forum's year.

    icalendar writes a zone as a list of every transition (RDATE, 1970-2038), which vobject (as in
    Radicale and other servers) misreads by an hour; a rule is what every client understands. The
    rule is the one in force in the forum's year, which is the only year the programme's events
    are in."""
    component = Timezone()
    component.add("tzid", tz.key)
    transitions = _transitions(tz, year)
    if not transitions:
        standard = TimezoneStandard()
        moment = datetime.datetime(year, 1, 1, tzinfo=tz)
        standard.add("dtstart", datetime.datetime(1970, 1, 1))
        standard.add("tzoffsetfrom", moment.utcoffset())
        standard.add("tzoffsetto", moment.utcoffset())
        standard.add("tzname", moment.tzname())
        component.add_component(standard)
        return component
    for wall, before, after, name in transitions:
        part = TimezoneDaylight() if after > before else TimezoneStandard()
        part.add("dtstart", _a_year_before(wall))
        part.add("rrule", _yearly_rule(wall))
        part.add("tzoffsetfrom", before)
        part.add("tzoffsetto", after)
        part.add("tzname", name)
        component.add_component(part)
    return component


def programme_calendar(forum, sessions, side_events=(), *, stamp=None):
    """The forum's programme. `stamp` (DTSTAMP) is when the programme last changed, so that the
    same programme gives the same bytes (and ETag); now when unknown."""
    calendar = Calendar()
    calendar.add("prodid", "-//IMRF Stakeholder Portal//Programme//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"{forum.title}: programme")
    calendar.add("x-wr-timezone", forum.time_zone)
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(REFRESH))
    # RFC 5545 requires at least one component: the zone is always written, so a forum whose
    # programme is not yet out is still a valid calendar to subscribe to.
    calendar.add_component(vtimezone(forum.tz, forum.start_date.year))
    stamp = stamp or timezone.now()
    for session in sessions:
        event = Event()
        event.add("uid", f"imrf{forum.year}-session-{session.pk}@imrf-portal")
        event.add("dtstamp", stamp)
        event.add("dtstart", session.starts_at.astimezone(forum.tz))
        event.add("dtend", session.ends_at.astimezone(forum.tz))
        event.add("summary", session.title)
        event.add("categories", [str(session.get_kind_display())])
        location = ", ".join(filter(None, [session.room.name if session.room else "", forum.venue]))
        event.add("location", location)
        if session.description:
            event.add("description", session.description)
        event.add("url", settings.SITE_URL + session.get_absolute_url())
        calendar.add_component(event)
    for side_event in side_events:
        event = Event()
        event.add("uid", f"imrf{forum.year}-side-event-{side_event.pk}@imrf-portal")
        event.add("dtstamp", stamp)
        event.add("dtstart", side_event.starts_at.astimezone(forum.tz))
        event.add("dtend", side_event.ends_at.astimezone(forum.tz))
        event.add("summary", side_event.title)
        event.add("categories", [gettext("Side event")])
        where = side_event.room.name if side_event.room else gettext("Online")
        event.add("location", ", ".join(filter(None, [where, forum.venue if side_event.room else ""])))
        organised_by = gettext("Side event organised by %(organization)s.") % {
            "organization": side_event.lead_name
        }
        event.add("description", f"{organised_by}\n\n{side_event.description}")
        event.add("url", settings.SITE_URL + side_event.get_absolute_url())
        calendar.add_component(event)
    return calendar
