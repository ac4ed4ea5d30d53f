"""Queries of the pages that join several domains, each a fixed number of queries."""

from itertools import groupby


def programme_items(forum, sessions, side_events):
    """Sessions and side events together, day by day in venue time."""
    items = sorted([*sessions, *side_events], key=lambda item: (item.starts_at, item.title))
    return [
        {"date": day, "sessions": list(entries), "is_hearing": day == forum.hearing_date}
        for day, entries in groupby(items, key=lambda item: item.starts_at.astimezone(forum.tz).date())
    ]
