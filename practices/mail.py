"""The mail submitters receive, queued in the outbox in the transaction of the change."""

from core import mail
from stakeholders.mail import entity_emails


def owner_emails(practice):
    recipients = entity_emails(practice.organization, practice.member_state)
    if practice.contact_email:
        recipients.add(practice.contact_email)
    return sorted(recipients)


def state_changed(practice, entry):
    return mail.queue("practices/email/practice_update", {"practice": practice, "entry": entry}, owner_emails(practice))
