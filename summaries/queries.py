"""Reads the admin shares, each a fixed number of queries whatever the rows."""

import datetime

from django.db.models import Count, Q
from django.utils import timezone

from forums.models import Forum
from summaries.models import Holiday
from summaries.services import SUMMARISED_KINDS, DeadlineStatus
from summaries.working_days import deadline as working_day_deadline
from summaries.working_days import working_days_left


def undistributed():
    """A session's summary not yet distributed, or not even created yet (beat creates them)."""
    return Q(sessions__kind__in=SUMMARISED_KINDS) & (
        Q(sessions__summary__isnull=True) | Q(sessions__summary__published_at__isnull=True)
    )


def open_deadlines(today=None):
    """(forum, DeadlineStatus) for each public forum that has ended with summaries still to
    distribute, the latest first: two queries."""
    today = today or timezone.localdate()
    forums = list(
        Forum.objects.public()
        .filter(end_date__lt=today)
        .annotate(unpublished=Count("sessions", filter=undistributed()))
        .filter(unpublished__gt=0)
        .order_by("-year")
    )
    if not forums:
        return []
    holidays = set(
        Holiday.objects.filter(
            date__range=(
                min(f.end_date for f in forums),
                max(max(f.end_date for f in forums) + datetime.timedelta(days=90), today),
            )
        ).values_list("date", flat=True)
    )
    deadlines = []
    for forum in forums:
        due = working_day_deadline(forum.end_date, holidays)
        deadlines.append((forum, DeadlineStatus(due, working_days_left(today, due, holidays), forum.unpublished)))
    return deadlines
