"""The mail proposing organisations receive, queued in the outbox in the transaction of the change."""

from core import mail
from stakeholders.mail import focal_point_emails


def state_changed(message, entry):
    return mail.queue(
        "declarations/email/key_message_update",
        {"message": message, "entry": entry},
        focal_point_emails(message.organization),
    )


def endorsed(endorsement):
    return mail.queue(
        "declarations/email/key_message_endorsed",
        {"message": endorsement.message, "endorsement": endorsement},
        focal_point_emails(endorsement.message.organization),
    )


def outcome_marked(outcome):
    return mail.queue(
        "declarations/email/key_message_outcome",
        {"message": outcome.message, "outcome": outcome},
        focal_point_emails(outcome.message.organization),
    )
