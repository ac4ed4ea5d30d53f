"""A practice's attachment, judged by its content as pledge attachments are (core.validators);
the words are this app's own."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.validators import ArchiveTooLarge, check_size, office_format

ATTACHMENT_MAX_BYTES = getattr(settings, "PRACTICE_ATTACHMENT_MAX_BYTES", 25 * 1024 * 1024)
OFFICE_EXTENSIONS = ("pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp")
# The Global Compact was adopted in December 2018: the Hub collects what was done since.
EARLIEST_START = datetime.date(2019, 1, 1)


def validate_attachment(upload):
    """At most 25 MB, and a PDF or office document by its content (the name proves nothing)."""
    check_size(upload, ATTACHMENT_MAX_BYTES, _("The attachment is %(size)s; it may be at most %(limit)s."))
    try:
        found = office_format(upload)
    except ArchiveTooLarge:
        found = None
    if found is None:
        raise ValidationError(
            _(
                "This file is not a PDF or an office document (Word, Excel, PowerPoint, OpenDocument) "
                "that we can read."
            ),
            code="attachment_format",
        )


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
