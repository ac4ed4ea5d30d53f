"""The mail stakeholders receive, queued in the outbox in the transaction of the change."""

from core import mail
from stakeholders.enums import MembershipRole
from stakeholders.models import StateFocalPoint


def entity_emails(organization=None, member_state=None):
    """The organisation's focal points, or the State's focal points."""
    if organization is not None:
        emails = organization.memberships.filter(role=MembershipRole.FOCAL_POINT).values_list(
            "user__email", flat=True
        )
    elif member_state is not None:
        emails = StateFocalPoint.objects.filter(member_state=member_state).values_list(
            "user__email", flat=True
        )
    else:
        return set()
    return {e for e in emails if e}


def focal_point_emails(organization):
    return sorted(entity_emails(organization))


def accreditation_update(accreditation, entry):
    recipients = entity_emails(accreditation.organization) | {accreditation.contact_email}
    return mail.queue(
        "stakeholders/email/accreditation_update",
        {"accreditation": accreditation, "entry": entry},
        recipients,
    )


def invitation(invitation):
    return mail.queue("stakeholders/email/invitation", {"invitation": invitation}, [invitation.email])


def join_request(join_request):
    return mail.queue(
        "stakeholders/email/join_request",
        {"join_request": join_request},
        entity_emails(join_request.organization),
    )


def delegate_update(delegate):
    recipients = entity_emails(delegate.accreditation.organization) | {delegate.email}
    return mail.queue("stakeholders/email/delegate_update", {"delegate": delegate}, recipients)


def speaker_selected(speaking_request):
    return mail.queue(
        "stakeholders/email/speaker_selected",
        {"speaking_request": speaking_request},
        entity_emails(speaking_request.accreditation.organization),
    )


def speaker_not_selected(speaking_request):
    return mail.queue(
        "stakeholders/email/speaker_not_selected",
        {"speaking_request": speaking_request},
        entity_emails(speaking_request.accreditation.organization),
    )


def nominee_selected(nomination):
    return mail.queue(
        "stakeholders/email/nominee_selected",
        {"nomination": nomination},
        entity_emails(nomination.accreditation.organization),
    )
