"""Mail through a durable outbox.

`queue()` renders a mail for each recipient and writes it to the outbox in the transaction of
the change it reports: if the change is rolled back, so is the mail; once the change is
committed, the mail is in the database whatever happens to the broker. After the commit a
Celery task sends those messages; every minute beat sweeps whatever is still unsent (the broker
was down, the SMTP server refused), so that every mail is sent once the services are back.

Each recipient gets a message of their own: nobody learns another person's address."""

import datetime
import logging
import re

from celery import shared_task
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.core.validators import validate_email
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext

from core.accounts import languages_of
from core.models import OutboxMessage
from core.queue import after_commit

logger = logging.getLogger(__name__)
# A delivery that started this long ago and did not finish is assumed dead; the sweep retries.
CLAIM = datetime.timedelta(minutes=5)
BATCH = 500


def render(template, context):
    """templates/<template>.txt: its first line is the subject, the rest the body."""
    text = render_to_string(f"{template}.txt", {"site_url": settings.SITE_URL, **context})
    subject, _sep, body = text.strip().partition("\n")
    return subject_prefix() + subject.strip(), body.strip() + "\n"


def subject_prefix():
    """"[IMRF Portal] " in the language being written."""
    return gettext("[IMRF Portal]") + " "


def queue(template, context, recipients):
    """Write one message per distinct recipient to the outbox, in the recipient's language (their
    account's; the current language for an address without an account); sent after the commit."""
    addresses = {}
    for address in _single_addresses(recipients):
        addresses.setdefault(address.lower(), address)
    if not addresses:
        return []
    languages = languages_of(addresses, default=translation.get_language() or settings.LANGUAGE_CODE)
    rendered = {}
    for language in sorted(set(languages.values())):
        with translation.override(language):
            rendered[language] = render(template, context)
    messages = OutboxMessage.objects.bulk_create(
        OutboxMessage(
            template=template,
            recipient=address,
            subject=rendered[languages[key]][0],
            body=rendered[languages[key]][1],
        )
        for key, address in sorted(addresses.items())
    )
    after_commit(deliver_mail, message_ids=[message.pk for message in messages])
    return messages


def _single_addresses(recipients):
    """Each recipient as one plain address. A value holding several ("a@x.org, b@y.org", as a
    contact field could) would put them all in one To: line: it is split, so that each address
    gets a message of its own; what is not an address is dropped with a warning."""
    for value in recipients:
        for address in _SEPARATORS.split(value or ""):
            address = address.strip()
            if not address:
                continue
            try:
                validate_email(address)
            except ValidationError:
                logger.warning("Mail not queued for %r: not an e-mail address", address)
                continue
            yield address


_SEPARATORS = re.compile(r"[,;\s]+")


def _retry_delay(attempts):
    return datetime.timedelta(minutes=min(2**attempts, 24 * 60))


def deliver(message_ids=None, *, limit=BATCH):
    """Send due messages (these ids, or the oldest `limit`); each is claimed first, so that two
    deliveries running at once never send one message twice. Returns how many were sent."""
    now = timezone.now()
    due = OutboxMessage.objects.due(now)
    if message_ids is not None:
        due = due.filter(pk__in=message_ids)
    ids = list(due.order_by("created_at", "pk").values_list("pk", flat=True)[:limit])
    if not ids:
        return 0
    sent = 0
    connection = get_connection()
    try:
        for pk in ids:
            if not OutboxMessage.objects.due(now).filter(pk=pk).update(claimed_until=now + CLAIM):
                continue  # another delivery has it
            message = OutboxMessage.objects.get(pk=pk)
            try:
                EmailMessage(
                    message.subject,
                    message.body,
                    settings.DEFAULT_FROM_EMAIL,
                    [message.recipient],
                    connection=connection,
                ).send()
            except OSError as exc:  # smtplib's errors are OSErrors
                logger.warning("Mail %s to %s not sent: %s", pk, message.recipient, exc)
                OutboxMessage.objects.filter(pk=pk).update(
                    attempts=F("attempts") + 1,
                    last_error=f"{exc.__class__.__name__}: {exc}"[:2000],
                    claimed_until=timezone.now() + _retry_delay(message.attempts + 1),
                )
                continue
            OutboxMessage.objects.filter(pk=pk).update(
                sent_at=timezone.now(), claimed_until=None, attempts=F("attempts") + 1, last_error=""
            )
            sent += 1
    finally:
        connection.close()
    return sent


@shared_task(name="core.tasks.deliver_mail")
def deliver_mail(*, message_ids):
    return deliver(message_ids)


@shared_task(name="core.tasks.flush_outbox")
def flush_outbox():
    """Beat, every minute: whatever is still unsent and due."""
    return deliver()
