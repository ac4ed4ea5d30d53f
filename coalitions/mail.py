"""The mail convenors and members receive, queued in the outbox in the transaction of the change:
one message per focal point, so that no entity learns another's addresses."""

from coalitions.enums import MembershipState
from core import mail
from stakeholders.mail import entity_emails


def convenor_emails(coalition):
    return entity_emails(coalition.organization, coalition.member_state)


def member_emails(member):
    return entity_emails(member.organization, member.member_state)


def members_emails(coalition):
    recipients = set()
    for member in coalition.members.confirmed().select_related("organization", "member_state"):
        recipients |= member_emails(member)
    return recipients


def member_changed(member, entry):
    """A request reaches the convenor, an invitation the invited entity; an answer goes to the side
    that asked, and a departure to the convenor."""
    state = member.state
    if state == MembershipState.INVITED:
        recipients = member_emails(member)
    elif state == MembershipState.REQUESTED or state == MembershipState.LEFT:
        recipients = convenor_emails(member.coalition)
    elif entry.old_state == MembershipState.INVITED:
        recipients = convenor_emails(member.coalition)
    else:
        recipients = member_emails(member)
    return mail.queue(
        "coalitions/email/member_update",
        {"member": member, "coalition": member.coalition, "entry": entry},
        recipients,
    )


def coalition_changed(coalition, entry):
    return mail.queue(
        "coalitions/email/coalition_update",
        {"coalition": coalition, "entry": entry},
        members_emails(coalition),
    )
