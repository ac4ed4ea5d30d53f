"""Uploads of the reviews app, judged by their content as pledge attachments are (the name
proves nothing): the same limits and the same messages."""

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from core.validators import (
    ARCHIVE_MAX_MEMBERS,
    ARCHIVE_MAX_UNCOMPRESSED,
    ArchiveTooLarge,
    check_size,
    office_format,
)

DOCUMENT_MAX_BYTES = 25 * 1024 * 1024
DOCUMENT_EXTENSIONS = ("pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp")


def validate_document(upload):
    """At most 25 MB, and a PDF or office document by its content."""
    check_size(upload, DOCUMENT_MAX_BYTES, _("The attachment is %(size)s; it may be at most %(limit)s."))
    try:
        found = office_format(upload)
    except ArchiveTooLarge as exc:
        if exc.reason == "size":
            raise ValidationError(
                _(
                    "This document would unpack to %(size)s; an attachment may unpack to at most "
                    "%(limit)s. Save it in smaller parts or as PDF."
                ),
                code="archive_too_large",
                params={"size": filesizeformat(exc.size), "limit": filesizeformat(ARCHIVE_MAX_UNCOMPRESSED)},
            ) from None
        raise ValidationError(
            _(
                "This document holds more than %(limit)s files; an office document holds far fewer. "
                "Save it as PDF and upload it again."
            ),
            code="archive_too_many_members",
            params={"limit": number_format(ARCHIVE_MAX_MEMBERS, force_grouping=True)},
        ) from None
    if found is None:
        raise ValidationError(
            _(
                "This file is not a PDF or an office document (Word, Excel, PowerPoint, OpenDocument) "
                "that we can read."
            ),
            code="attachment_format",
        )


def validate_pdf_document(upload):
    """A PDF by its content (a statement or an outcome document is read in the browser)."""
    check_size(upload, DOCUMENT_MAX_BYTES, _("The attachment is %(size)s; it may be at most %(limit)s."))
    if office_format(upload) != "pdf":
        raise ValidationError(_("This file is not a PDF document. Save it as PDF and upload it again."), code="not_pdf")
