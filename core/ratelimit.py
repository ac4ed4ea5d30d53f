"""Limits on the actions that mail other people (a join request mails an organisation's focal
points, an invitation mails whoever it names): a person, or a crowd aimed at one organisation,
cannot turn the portal into a mailer.

Each limited action writes a row of its own in the transaction that queues its mail, so the limit
counts those rows in the database: exact across processes, after a restart and with Redis down
(the cache, which misses while Redis is down, would switch such a limit off). This is deliberately
one small function, apart from the sign-in limit (allauth's, counted in the cache), so that the
two can be unified later."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone


class RateLimited(ValidationError):
    """Too many of one action in the window; the message says when to try again."""


def limit_of(action, scope):
    """How many `action`s one `scope` ("user", "organization") may make per window."""
    return settings.RATE_LIMITS[action][scope]


def window():
    return datetime.timedelta(hours=settings.RATE_LIMIT_WINDOW_HOURS)


def check_recent(recorded, *, limit, message, params=None, field="created_at", now=None):
    """Raise RateLimited with `message` (a whole sentence with %(count)s, %(hours)s: when to try
    again) when `recorded`, a queryset of the action's own rows for one user or one organisation,
    already holds `limit` rows whose `field` falls in the window."""
    now = now or timezone.now()
    recent = recorded.filter(**{f"{field}__gt": now - window()})
    if recent.count() < limit:
        return
    oldest = recent.order_by(field).values_list(field, flat=True).first()
    hours = max(1, -(-int(((oldest + window()) - now).total_seconds()) // 3600))
    raise RateLimited(message % {"count": limit, "hours": hours, **(params or {})}, code="rate_limited")
