"""The personal data the side-events app holds about a person: the applications they started
and, for staff, the reviews they wrote."""

from side_events.models import SideEvent, SideEventReview


def personal_data(user):
    return {
        "side_event_applications_created": [
            {"forum": s.forum.year, "title": s.title, "state": s.state, "created_at": s.created_at}
            for s in SideEvent.objects.select_related("forum").filter(created_by=user).order_by("created_at", "pk")
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
