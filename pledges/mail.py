from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string

from stakeholders.enums import MembershipRole


def entity_emails(organization=None, member_state=None):
    """The organisation's focal points, or the State's focal points."""
    from pledges.models import StateFocalPoint

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


def owner_emails(pledge, *, partners=True):
    recipients = entity_emails(pledge.organization, pledge.member_state)
    if pledge.contact_email:
        recipients.add(pledge.contact_email)
    if partners:
        for partner in pledge.partners.filter(confirmed_at__isnull=False).select_related("organization"):
            recipients |= entity_emails(partner.organization, partner.member_state)
    return sorted(recipients)


def send(template, context, recipients):
    """Render templates/pledges/email/<template>.txt: its first line is the subject."""
    if not recipients:
        return 0
    context = {"site_url": settings.SITE_URL, **context}
    subject, _, body = render_to_string(f"pledges/email/{template}.txt", context).strip().partition("\n")
    return send_mail(
        settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject.strip(),
        body.strip() + "\n",
        settings.DEFAULT_FROM_EMAIL,
        list(recipients),
    )
