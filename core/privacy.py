"""The personal data core holds about a person: what they did (the audit trail), the mail the
portal sent them, and when they last looked at their dashboard."""

from core.models import ActivityLog, LastVisit, OutboxMessage


def personal_data(user):
    emails = {user.email.lower()} if user.email else set()
    return {
        "activity": [
            {
                "timestamp": entry.timestamp,
                "action": entry.action,
                "object_type": entry.content_type.model,
                "object_id": entry.object_id,
                "old_state": entry.old_state,
                "new_state": entry.new_state,
                "note": entry.note,
            }
            for entry in ActivityLog.objects.select_related("content_type")
            .filter(actor=user)
            .order_by("timestamp", "pk")
        ],
        "mail_received": [
            {"subject": m.subject, "queued_at": m.created_at, "sent_at": m.sent_at}
            for m in OutboxMessage.objects.filter(recipient__in=emails).order_by("created_at", "pk")
        ]
        if emails
        else [],
        "last_visits": [
            {
                "object_type": visit.content_type.model,
                "object_id": visit.object_id,
                "visited_at": visit.visited_at,
                "previous_visit_at": visit.previous_visit_at,
            }
            for visit in LastVisit.objects.select_related("content_type").filter(user=user).order_by("pk")
        ],
    }
