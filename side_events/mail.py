"""The mail side-event organisers receive, queued in the outbox in the transaction of the change."""

from core import mail
from stakeholders.mail import entity_emails


def decision(side_event):
    recipients = entity_emails(side_event.organization, side_event.member_state)
    if side_event.created_by and side_event.created_by.email:
        recipients.add(side_event.created_by.email)
    return mail.queue("side_events/email/decision", {"side_event": side_event}, recipients)


def co_organizer_invited(co_organizer):
    """To the invited organisation's focal points, who confirm or decline."""
    return mail.queue(
        "side_events/email/co_organizer_invitation",
        {"co_organizer": co_organizer, "side_event": co_organizer.side_event},
        entity_emails(co_organizer.organization),
    )


def co_organizer_answered(co_organizer, entry):
    """To the applicant's focal points: one message each, so neither organisation learns the
    other's addresses."""
    return mail.queue(
        "side_events/email/co_organizer_answer",
        {"co_organizer": co_organizer, "side_event": co_organizer.side_event, "entry": entry},
        entity_emails(co_organizer.side_event.organization, co_organizer.side_event.member_state),
    )
