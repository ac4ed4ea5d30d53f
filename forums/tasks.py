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


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=5)
def generate_summary(self, *, summary_id):
    """Render one summary to HTML and PDF. Acknowledged only once done, so that a worker that dies
    mid-way leaves the message for the next one; generating twice gives one summary."""
    from forums import summaries

    try:
        summaries.generate(summary_id)
    except OSError as exc:
        # The disk or a font may come back: retry with backoff.
        summaries.record_failure(summary_id, f"{exc.__class__.__name__}: {exc}")
        raise self.retry(exc=exc, countdown=min(2**self.request.retries * 10, 600)) from exc
    except Exception as exc:  # recorded for staff to read in the admin; retrying would fail again
        summaries.record_failure(summary_id, f"{exc.__class__.__name__}: {exc}")
        return False
    return True


@shared_task
def daily_summaries():
    from forums import summaries

    return [(year, str(status.deadline), status.days_left) for year, status in summaries.daily()]


@shared_task(**RETRY)
def mail_summaries_to_delegates(*, forum_id, batch_size=100):
    """One message per batch of confirmed delegates, in Bcc; a delegate is mailed once per forum."""
    from django.core.mail import EmailMessage
    from django.db import IntegrityError, transaction

    from forums.models import Forum, SummaryMailing
    from stakeholders.enums import DelegateState
    from stakeholders.models import Delegate

    forum = Forum.objects.get(pk=forum_id)
    already = set(SummaryMailing.objects.filter(forum=forum).values_list("email", flat=True))
    emails = sorted(
        {
            email.lower()
            for email in Delegate.objects.filter(
                accreditation__forum=forum, state=DelegateState.CONFIRMED
            ).values_list("email", flat=True)
        }
        - already
    )
    text = render_to_string(
        "forums/summaries/email/published.txt", {"forum": forum, "site_url": settings.SITE_URL}
    )
    subject, _, body = text.strip().partition("\n")
    sent = 0
    for start in range(0, len(emails), batch_size):
        batch = emails[start : start + batch_size]
        try:
            # Marked and sent together: a failed send unmarks the batch for the retry.
            with transaction.atomic():
                SummaryMailing.objects.bulk_create([SummaryMailing(forum=forum, email=e) for e in batch])
                EmailMessage(
                    settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject.strip(),
                    body.strip() + "\n",
                    settings.DEFAULT_FROM_EMAIL,
                    [settings.DEFAULT_FROM_EMAIL],
                    bcc=batch,
                ).send()
        except IntegrityError:
            # Another run mailed some of these meanwhile; the next run mails those still unmarked.
            continue
        sent += len(batch)
    return sent
