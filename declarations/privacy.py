"""The personal data the declarations app holds about a person: the key messages they started,
the endorsements they gave for their organisation and, for staff, the fates they marked."""

from declarations.models import Endorsement, KeyMessage, MessageOutcome


def personal_data(user):
    return {
        "key_messages_created": [
            {"forum": m.forum.year, "organization": m.organization.name, "title": m.title, "state": m.state,
             "created_at": m.created_at}
            for m in KeyMessage.objects.select_related("forum", "organization")
            .filter(created_by=user)
            .order_by("created_at", "pk")
        ],
        "key_message_endorsements": [
            {"key_message": e.message.title, "organization": e.organization.name, "endorsed_at": e.created_at}
            for e in Endorsement.objects.select_related("message", "organization")
            .filter(endorsed_by=user)
            .order_by("created_at", "pk")
        ],
        "key_message_outcomes_marked": [
            {"key_message": o.message.title, "version": str(o.version.label), "fate": o.fate, "marked_at": o.marked_at}
            for o in MessageOutcome.objects.select_related("message", "version")
            .filter(marked_by=user)
            .order_by("marked_at", "pk")
        ],
    }
