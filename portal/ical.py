"""The programme as an iCalendar feed (RFC 5545) that calendar applications subscribe to."""

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext
from icalendar import Calendar, Event


def programme_calendar(forum, sessions, side_events=()):
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
            "organization": side_event.organization
        }
        event.add("description", f"{organised_by}\n\n{side_event.description}")
        event.add("url", settings.SITE_URL + side_event.get_absolute_url())
        calendar.add_component(event)
    # Calendar clients need the VTIMEZONE definition to place TZID times correctly.
    calendar.add_missing_timezones()
    return calendar
