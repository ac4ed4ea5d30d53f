"""Queries that the side-event pages share, each a fixed number of queries whatever the rows."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from side_events.models import SideEvent, SideEventCoOrganizer


def public_co_organizers():
    """Only confirmed co-organisers that chose to be listed: as `public_co_organizers`."""
    return Prefetch(
        "co_organizers",
        queryset=SideEventCoOrganizer.objects.public().select_related("organization"),
        to_attr="public_co_organizers",
    )


def programme_side_events(forum):
    """The side events the programme and its feed show: accepted, scheduled and announced."""
    return (
        SideEvent.objects.public()
        .filter(forum=forum)
        .select_related("forum", "organization", "member_state", "room")
        .order_by("starts_at", "title")
    )


def public_side_events(forum):
    return programme_side_events(forum).prefetch_related(
        public_co_organizers(), "co_organizing_states", "objectives"
    )


def side_event_page(year, slug):
    return get_object_or_404(
        SideEvent.objects.public()
        .select_related("forum", "organization", "member_state", "room")
        .prefetch_related(
            public_co_organizers(), "co_organizing_states", "objectives", "guiding_principles", "speakers"
        ),
        forum__year=year,
        slug=slug,
    )


def co_organizer_invitations(organization):
    """The side events that name this organisation as co-organiser, for its members."""
    return (
        SideEventCoOrganizer.objects.filter(organization=organization)
        .select_related("side_event__forum", "side_event__organization", "side_event__member_state")
        .order_by("-side_event__forum__year", "-invited_at")
    )
