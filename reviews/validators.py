"""Uploads of the reviews app, judged by their content as every attachment is (core.validators):
the same limits and the same messages; statements and outcome documents are PDFs."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.validators import OFFICE_EXTENSIONS, check_size, office_format, validate_office_document

DOCUMENT_MAX_BYTES = 25 * 1024 * 1024
DOCUMENT_EXTENSIONS = OFFICE_EXTENSIONS


def validate_document(upload):
    """At most 25 MB, and a PDF or office document by its content (core.validators)."""
    validate_office_document(upload, max_bytes=DOCUMENT_MAX_BYTES)


def validate_pdf_document(upload):
    """A PDF by its content (a statement or an outcome document is read in the browser)."""
    check_size(upload, DOCUMENT_MAX_BYTES, _("The attachment is %(size)s; it may be at most %(limit)s."))
    if office_format(upload) != "pdf":
        raise ValidationError(_("This file is not a PDF document. Save it as PDF and upload it again."), code="not_pdf")
