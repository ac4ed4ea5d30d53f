"""Rate limits that keep counting when the cache is down.

    from core import ratelimit
    if not ratelimit.hit(f"join-request:user:{user.pk}", limit=5, period=3600):
        ...refuse, with a message...

`hit(key, limit, period)` counts one attempt at `key` and says whether it is within `limit`
attempts in `period` seconds. The window starts at a key's first attempt and lasts `period`
seconds: after that long without trying, anyone is let in again. Use one key per thing limited
(a person, an address, an IP, an organisation) and per purpose; the same key with another period
is another counter.

Counts live in the cache (Redis in production: one atomic INCR, shared by every process, nothing
written to PostgreSQL however hard someone tries). When the cache cannot count (Redis is down),
they live in the database instead (`RateLimitCounter`, one upserted row per key): a per-process
fallback would give an attacker the limit once per web process and forget it at every restart,
while the database is shared by every worker and is up whenever sign-in itself can work. The
switch costs at most one extra allowance per key (the counts in Redis are not copied to the
database, nor back). `/healthz` says where limits are being counted (`state()`).

Actions that mail other people (a join request, an invitation) are limited by `check_recent`
instead, which counts the action's own rows (written in the transaction that queues the mail):
exact across processes, after a restart and with Redis down, and no counter to keep.
"""

import datetime
import hashlib
import logging
import math
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import F
from django.utils import timezone

from core.models import RateLimitCounter

logger = logging.getLogger(__name__)

CACHE = "cache"
DATABASE = "database"


@dataclass(frozen=True)
class Hit:
    """One counted attempt: true while within the limit."""

    allowed: bool
    count: int
    limit: int
    period: int
    store: str
    name: str = field(repr=False)

    def __bool__(self):
        return self.allowed

    @property
    def wait_minutes(self):
        """How long to wait, at most, before the key is let in again (whole minutes)."""
        return max(1, math.ceil(self.period / 60))

    def undo(self):
        """Take this attempt back (a sign-in counted before its password was checked, which was
        right), in the store that counted it."""
        if self.store == CACHE:
            try:
                cache.decr(_cache_key(self.name))
            except ValueError:  # expired meanwhile, or the cache went down: nothing to take back
                pass
        else:
            RateLimitCounter.objects.filter(key=self.name, count__gt=0).update(count=F("count") - 1)


def _name(key, period):
    # Hashed: the counters hold no address or IP, and any key fits the column.
    return hashlib.sha256(f"{period}:{key}".encode()).hexdigest()


def _cache_key(name):
    return f"ratelimit:{name}"


def hit(key, limit, period):
    """Count an attempt at `key`: a `Hit`, true while at most `limit` attempts in `period` seconds."""
    if limit < 1 or period < 1:
        raise ValueError("A rate limit needs a limit and a period of at least 1.")
    name = _name(key, period)
    count = _count_in_cache(name, period)
    store = CACHE
    if count is None:
        count = _count_in_database(name, period)
        store = DATABASE
    return Hit(allowed=count <= limit, count=count, limit=limit, period=period, store=store, name=name)


def clear(key, period):
    """Forget every attempt at `key` (a password reset proves the address is its owner's)."""
    name = _name(key, period)
    cache.delete(_cache_key(name))
    RateLimitCounter.objects.filter(key=name).delete()


def _count_in_cache(name, period):
    """The key's count after this attempt, or None when the cache cannot count. The cache used
    here (imrf_portal.cache) answers add() with True and incr() with ValueError when Redis is
    unreachable; a key evicted between the two is a ValueError too, and is counted elsewhere."""
    cache_key = _cache_key(name)
    try:
        cache.add(cache_key, 0, period)
        return cache.incr(cache_key)
    except ValueError:
        logger.warning("Rate limit counted in the database: the cache could not count.")
        return None


def _count_in_database(name, period):
    """One statement, atomic under concurrency on PostgreSQL and SQLite alike: insert the key,
    or add one to it, starting it again if its window is over."""
    now = timezone.now()
    quote, adapt = connection.ops.quote_name, connection.ops.adapt_datetimefield_value
    table, key, count, expires = (
        quote(n) for n in (RateLimitCounter._meta.db_table, "key", "count", "expires_at")
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({key}, {count}, {expires}) VALUES (%s, 1, %s) "
            f"ON CONFLICT ({key}) DO UPDATE SET "
            f"{count} = CASE WHEN {table}.{expires} <= %s THEN 1 ELSE {table}.{count} + 1 END, "
            f"{expires} = CASE WHEN {table}.{expires} <= %s THEN excluded.{expires} ELSE {table}.{expires} END "
            f"RETURNING {count}",
            [name, adapt(now + datetime.timedelta(seconds=period)), adapt(now), adapt(now)],
        )
        total = cursor.fetchone()[0]
    # Windows that are over are of no use; they are few, and only written while the cache is down.
    RateLimitCounter.objects.filter(expires_at__lte=now).delete()
    return total


def state():
    """Where rate limits are being counted now, for /healthz: the same test as hit() makes."""
    if _count_in_cache("health", 10) is None:
        return "database: the cache cannot count"
    return "cache"


# --- Actions that mail others: counted by their own rows ---------------------------------------


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
