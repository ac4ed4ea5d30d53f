"""Open data: a public forum's programme of sessions as CSV and JSON (the side events are in
side_events/exports.py). CC BY 4.0."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.open_data import Column, utc
from forums.models import Forum, Session

COLUMNS = [
    Column("forum", "integer", _("The year of the forum.")),
    Column(
        "kind", "code", _("The kind of session: hearing, round_table, policy_debate or a plenary segment.")
    ),
    Column("title", "string", _("The title of the session.")),
    Column("url", "string (URL)", _("Its page on the portal.")),
    Column("starts_at", "date-time (ISO 8601, UTC)", _("When it starts.")),
    Column("ends_at", "date-time (ISO 8601, UTC)", _("When it ends.")),
    Column("room", "string or empty", _("The room, if one is given.")),
    Column("chair", "string or empty", _("Who chairs or presides over the session.")),
    Column(
        "objectives", "list of integers", _("For a round table, the GCM objectives (1 to 23) it reviews.")
    ),
]


def public_sessions():
    """The sessions of every public forum: two queries, whatever the rows."""
    return (
        Session.objects.filter(forum__in=Forum.objects.public())
        .select_related("forum", "room", "roundtable")
        .prefetch_related("roundtable__objectives")
        .order_by("forum__year", "starts_at", "title", "pk")
    )


def record(session):
    round_table = getattr(session, "roundtable", None)
    return {
        "forum": session.forum.year,
        "kind": session.kind,
        "title": session.title,
        "url": settings.SITE_URL + session.get_absolute_url(),
        "starts_at": utc(session.starts_at),
        "ends_at": utc(session.ends_at),
        "room": session.room.name if session.room_id else None,
        "chair": session.chair or None,
        "objectives": sorted(o.number for o in round_table.objectives.all()) if round_table else [],
    }


def records(queryset):
    for session in queryset.iterator(chunk_size=2000):
        yield record(session)
