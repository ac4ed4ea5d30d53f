"""The mail submitters receive, queued in the outbox in the transaction of the change."""

from core import mail
from stakeholders.mail import entity_emails


def owner_emails(submission):
    if hasattr(submission, "organization_id"):
        return sorted(entity_emails(organization=submission.organization))
    return sorted(entity_emails(member_state=submission.member_state))


def state_changed(submission, entry):
    return mail.queue(
        "reviews/email/submission_update", {"submission": submission, "entry": entry}, owner_emails(submission)
    )
