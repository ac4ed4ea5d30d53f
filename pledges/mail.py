"""The mail pledgers and partners receive, queued in the outbox in the transaction of the change."""

from core import mail
from stakeholders.mail import entity_emails


def owner_emails(pledge, *, partners=True):
    recipients = entity_emails(pledge.organization, pledge.member_state)
    if pledge.contact_email:
        recipients.add(pledge.contact_email)
    if partners:
        for partner in pledge.partners.filter(confirmed_at__isnull=False).select_related("organization"):
            recipients |= entity_emails(partner.organization, partner.member_state)
    return sorted(recipients)


def state_changed(pledge, entry):
    return mail.queue("pledges/email/pledge_update", {"pledge": pledge, "entry": entry}, owner_emails(pledge))


def partner_invited(partner):
    return mail.queue(
        "pledges/email/partner_invitation",
        {"pledge": partner.pledge, "partner": partner},
        entity_emails(partner.organization, partner.member_state),
    )


def partner_confirmed(partner):
    return mail.queue(
        "pledges/email/partner_confirmed",
        {"pledge": partner.pledge, "partner": partner},
        owner_emails(partner.pledge),
    )


def reporting_reminder(pledge):
    return mail.queue("pledges/email/reporting_reminder", {"pledge": pledge}, owner_emails(pledge))


def pledger_message(message):
    """To the pledging entity's focal points, each on their own: nobody sees another's address,
    and the sender's only if they agreed to share it."""
    pledge = message.pledge
    return mail.queue(
        "pledges/email/pledger_message",
        {"pledge": pledge, "message": message, "sender_entity": message.member_state or message.organization},
        entity_emails(pledge.organization, pledge.member_state),
    )
