"""Queries that the side-event pages share, each a fixed number of queries whatever the rows."""

from django.shortcuts import get_object_or_404

from side_events.models import SideEvent


def programme_side_events(forum):
    """The side events the programme and its feed show: accepted, scheduled and announced."""
    return (
        SideEvent.objects.public()
        .filter(forum=forum)
        .select_related("forum", "organization", "room")
        .order_by("starts_at", "title")
    )


def public_side_events(forum):
    return programme_side_events(forum).prefetch_related(
        "co_organizers", "co_organizing_states", "objectives"
    )


def side_event_page(year, slug):
    return get_object_or_404(
        SideEvent.objects.public()
        .select_related("forum", "organization", "room")
        .prefetch_related(
            "co_organizers", "co_organizing_states", "objectives", "guiding_principles", "speakers"
        ),
        forum__year=year,
        slug=slug,
    )
