from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string

from stakeholders.enums import MembershipRole


def focal_point_emails(organization):
    return sorted(
        organization.memberships.filter(role=MembershipRole.FOCAL_POINT)
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )


def send(template, context, recipients):
    """Render templates/stakeholders/email/<template>.txt: its first line is the subject."""
    if not recipients:
        return 0
    context = {"site_url": settings.SITE_URL, **context}
    subject, _, body = render_to_string(f"stakeholders/email/{template}.txt", context).strip().partition("\n")
    return send_mail(
        settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject.strip(),
        body.strip() + "\n",
        settings.DEFAULT_FROM_EMAIL,
        list(recipients),
    )
