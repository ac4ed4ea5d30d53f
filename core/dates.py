"""Days as the calendar at the venue counts them. "Days left" is a difference of New York dates,
never of 24-hour spans, and never of the server's or the reader's date: a deadline two days away
reads "2 days" all day long, wherever and whenever the page is read."""

import zoneinfo

from django.utils import timezone

NEW_YORK = zoneinfo.ZoneInfo("America/New_York")


def new_york_today(now=None):
    return timezone.localdate(now or timezone.now(), timezone=NEW_YORK)


def days_until(day, now=None):
    """Calendar days from today in New York to `day`: 0 on the day itself, negative after it."""
    return (day - new_york_today(now)).days
