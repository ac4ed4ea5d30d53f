"""The programme as an iCalendar feed (RFC 5545) that calendar applications subscribe to."""

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event


def programme_calendar(forum, sessions):
    calendar = Calendar()
    calendar.add("prodid", "-//IMRF Stakeholder Portal//Programme//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"{forum.title}: programme")
    calendar.add("x-wr-timezone", forum.time_zone)
    stamp = timezone.now()
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
    # Calendar clients need the VTIMEZONE definition to place TZID times correctly.
    calendar.add_missing_timezones()
    return calendar
