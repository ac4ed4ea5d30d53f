"""The personal data the side-events app holds about a person: the applications they started,
the co-organisations they proposed or answered for their organisation and, for staff, the
reviews they wrote."""

from django.db.models import Q

from side_events.models import SideEvent, SideEventCoOrganizer, SideEventReview


def personal_data(user):
    return {
        "side_event_applications_created": [
            {"forum": s.forum.year, "title": s.title, "state": s.state, "created_at": s.created_at}
            for s in SideEvent.objects.select_related("forum").filter(created_by=user).order_by("created_at", "pk")
        ],
        "side_event_co_organisations": [
            {
                "side_event": c.side_event.title,
                "organization": c.organization.name,
                "invited_by_you": c.invited_by_id == user.pk,
                "answered_by_you": c.answered_by_id == user.pk,
                "state": c.state,
                "answered_at": c.answered_at,
            }
            for c in SideEventCoOrganizer.objects.select_related("side_event", "organization")
            .filter(Q(invited_by=user) | Q(answered_by=user))
            .order_by("invited_at", "pk")
        ],
        "side_event_reviews": [
            {
                "side_event": r.side_event.title,
                "total": r.total,
                "comment": r.comment,
                "reviewed_at": r.reviewed_at,
            }
            for r in SideEventReview.objects.select_related("side_event").filter(reviewer=user).order_by(
                "reviewed_at", "pk"
            )
        ],
    }
