"""Mail sent by Celery for the forums app. Tasks take ids as keyword arguments and are queued
after the commit, so that a worker never reads a row that the request has not yet saved."""

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string

RETRY = {"autoretry_for": (OSError,), "retry_backoff": True, "max_retries": 5}


@shared_task(**RETRY)
def send_side_event_decision(*, side_event_id):
    from forums.models import SideEvent
    from stakeholders.mail import focal_point_emails

    side_event = SideEvent.objects.select_related("forum", "organization", "created_by", "room").get(
        pk=side_event_id
    )
    recipients = set(focal_point_emails(side_event.organization))
    if side_event.created_by and side_event.created_by.email:
        recipients.add(side_event.created_by.email)
    if not recipients:
        return 0
    text = render_to_string(
        "forums/side_events/email/decision.txt", {"side_event": side_event, "site_url": settings.SITE_URL}
    )
    subject, _, body = text.strip().partition("\n")
    return send_mail(
        settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject.strip(),
        body.strip() + "\n",
        settings.DEFAULT_FROM_EMAIL,
        sorted(recipients),
    )
