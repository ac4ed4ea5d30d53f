"""The programme's layout (a room × time grid where sessions run in parallel) and a visitor's own
selection of sessions ("my programme"), kept in the address so that it needs no account, can be
bookmarked or shared, and every page that shows it stays cacheable."""

import re
from dataclasses import dataclass
from itertools import groupby, pairwise

from django.utils.translation import gettext as _

# A programme has about 20 sessions and a few dozen side events: a longer list is not a visitor's.
MAX_CHOSEN = 100
SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,100}$")
ONLINE = object()


class SelectionError(ValueError):
    pass


@dataclass(frozen=True)
class Selection:
    sessions: frozenset
    side_events: frozenset

    def __bool__(self):
        return bool(self.sessions or self.side_events)

    def __contains__(self, item):
        chosen = self.side_events if getattr(item, "is_side_event", False) else self.sessions
        return item.slug in chosen

    def query(self):
        """The selection as query parameters, in a stable order."""
        return [("session", slug) for slug in sorted(self.sessions)] + [
            ("side_event", slug) for slug in sorted(self.side_events)
        ]


def parse_selection(query):
    """`?session=<slug>&side_event=<slug>…` from a visitor's address; SelectionError says what is
    wrong with it in words a visitor understands."""
    sessions, side_events = query.getlist("session"), query.getlist("side_event")
    if len(sessions) + len(side_events) > MAX_CHOSEN:
        raise SelectionError(
            _("A programme can hold at most %(count)d sessions and side events.") % {"count": MAX_CHOSEN}
        )
    for value in (*sessions, *side_events):
        if not SLUG.match(value):
            raise SelectionError(
                _("“%(value)s” is not the name of a session or side event in an address of this portal.")
                % {"value": value[:100]}
            )
    return Selection(frozenset(sessions), frozenset(side_events))


def chosen_items(items, selection):
    return [item for item in items if item in selection]


def days(forum, items):
    """Sessions and side events together, day by day in venue time; a day whose items overlap in
    time gets a grid: one column per room, rows between the moments anything starts or ends."""
    items = sorted(items, key=lambda item: (item.starts_at, item.title))
    result = []
    for day, entries in groupby(items, key=lambda item: item.starts_at.astimezone(forum.tz).date()):
        entries = list(entries)
        grid = _grid(entries)
        result.append(
            {
                "date": day,
                "sessions": entries,
                "entries": [(item, grid["placement"][index] if grid else None) for index, item in enumerate(entries)],
                "is_hearing": day == forum.hearing_date,
                "grid": grid,
            }
        )
    return result


def _overlap(entries):
    return any(later.starts_at < earlier.ends_at for earlier, later in pairwise(entries))


def _grid(entries):
    if not _overlap(entries):
        return None
    rooms = []
    for item in entries:
        room = item.room or ONLINE
        if room not in rooms:
            rooms.append(room)
    moments = sorted({moment for item in entries for moment in (item.starts_at, item.ends_at)})
    placement = [
        {
            "column": rooms.index(item.room or ONLINE) + 1,
            "row_start": moments.index(item.starts_at) + 1,
            "row_end": moments.index(item.ends_at) + 1,
        }
        for item in entries
    ]
    return {
        "rooms": [None if room is ONLINE else room for room in rooms],
        "columns": len(rooms),
        "placement": placement,
    }
