"""The mail side-event organisers receive, queued in the outbox in the transaction of the change."""

from core import mail
from stakeholders.mail import entity_emails


def decision(side_event):
    recipients = entity_emails(side_event.organization)
    if side_event.created_by and side_event.created_by.email:
        recipients.add(side_event.created_by.email)
    return mail.queue("side_events/email/decision", {"side_event": side_event}, recipients)
