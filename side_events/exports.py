"""Open data: the public side events (accepted, scheduled, announced: SideEvent.objects.public())
as CSV and JSON, with the co-organisers that confirmed and chose to be listed. CC BY 4.0."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.open_data import Column, utc
from side_events.models import SideEvent
from side_events.queries import public_co_organizers

COLUMNS = [
    Column("forum", "integer", _("The year of the forum.")),
    Column("title", "string", _("The title of the side event.")),
    Column("url", "string (URL)", _("Its page on the portal.")),
    Column("starts_at", "date-time (ISO 8601, UTC)", _("When it starts.")),
    Column("ends_at", "date-time (ISO 8601, UTC)", _("When it ends.")),
    Column("room", "string or empty", _("The room, if one is given.")),
    Column("format", "code", _("in_person, hybrid or virtual.")),
    Column("organizer", "string", _("The organisation that applied.")),
    Column(
        "co_organizers",
        "list of strings",
        _("The co-organising organisations that confirmed and chose to be listed, and Member States."),
    ),
    Column("objectives", "list of integers", _("The GCM objectives (1 to 23) it addresses.")),
    Column("description", "string", _("The description of the side event.")),
]


def public_side_events():
    """Every public side event, in every public forum: four queries, whatever the rows."""
    return (
        SideEvent.objects.public()
        .select_related("forum", "organization", "room")
        .prefetch_related(public_co_organizers(), "co_organizing_states", "objectives")
        .order_by("forum__year", "starts_at", "title", "pk")
    )


def record(event):
    return {
        "forum": event.forum.year,
        "title": event.title,
        "url": settings.SITE_URL + event.get_absolute_url(),
        "starts_at": utc(event.starts_at),
        "ends_at": utc(event.ends_at),
        "room": event.room.name if event.room_id else None,
        "format": event.format,
        "organizer": event.organization.name,
        "co_organizers": [c.organization.name for c in event.public_co_organizers]
        + [s.name for s in event.co_organizing_states.all()],
        "objectives": sorted(o.number for o in event.objectives.all()),
        "description": event.description,
    }


def records(queryset):
    for event in queryset.iterator(chunk_size=2000):
        yield record(event)
