"""The forum's time and rooms, and the one rule that shares them.

Official sessions live here; apps above (side events) hold bookings of their own and declare them
with `register`, so that this floor checks them without importing those apps. The rule, for every
booking of a forum:

- an official session and another booking (a side event) never overlap, whatever the room: side
  events run outside the official meeting hours;
- two bookings of the same kind never hold one room at overlapping times.

Both sides call `clashes`: the session's validation (forums.services) and the side event's
(side_events.services), so that neither can be moved onto the other."""

from dataclasses import dataclass

from forums.models import Session

SESSION = "session"


@dataclass(frozen=True)
class Booking:
    kind: str  # "session", or the name a provider gives its own ("side_event")
    pk: int
    title: str
    room_id: int | None
    starts_at: object
    ends_at: object

    @property
    def official(self):
        return self.kind == SESSION


_providers = []


def register(provider):
    """`provider(forum_id, starts_at, ends_at)` returns the Bookings of that forum overlapping the
    span. Registered once per process, when the providing app is ready."""
    if provider not in _providers:
        _providers.append(provider)
    return provider


def _sessions(forum_id, starts_at, ends_at):
    rows = Session.objects.filter(forum_id=forum_id, starts_at__lt=ends_at, ends_at__gt=starts_at).order_by(
        "starts_at", "pk"
    )
    return [
        Booking(SESSION, row.pk, row.title, row.room_id, row.starts_at, row.ends_at)
        for row in rows.only("pk", "title", "room_id", "starts_at", "ends_at")
    ]


def clashes(forum_id, starts_at, ends_at, *, kind, room_id=None, pk=None):
    """The bookings a `kind` booking (itself `pk`, when it exists) from starts_at to ends_at in
    room_id may not coexist with, by the rule above; official sessions first."""
    found = []
    for provider in (_sessions, *_providers):
        for booking in provider(forum_id, starts_at, ends_at):
            if (booking.kind, booking.pk) == (kind, pk):
                continue
            official_and_other = (booking.kind == SESSION) != (kind == SESSION)
            same_room = room_id is not None and booking.room_id == room_id and booking.kind == kind
            if official_and_other or same_room:
                found.append(booking)
    return found
