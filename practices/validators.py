"""A practice's attachment, judged by its content as every attachment is (core.validators), and
the period a good practice may start in."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.validators import validate_office_document

ATTACHMENT_MAX_BYTES = getattr(settings, "PRACTICE_ATTACHMENT_MAX_BYTES", 25 * 1024 * 1024)
# The Global Compact was adopted in December 2018: the Hub collects what was done since.
EARLIEST_START = datetime.date(2019, 1, 1)


def validate_attachment(upload):
    """At most 25 MB, and a PDF or office document by its content (core.validators)."""
    validate_office_document(upload, max_bytes=ATTACHMENT_MAX_BYTES)


def validate_start(value):
    if value is not None and value < EARLIEST_START:
        raise ValidationError(
            _(
                "A good practice was implemented after December 2018, when the Global Compact was "
                "adopted; this one starts on %(date)s. Give a start date in January 2019 or later."
            ),
            code="start_too_early",
            params={"date": value.isoformat()},
        )
