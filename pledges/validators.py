from django.conf import settings

from core.validators import OFFICE_EXTENSIONS, validate_office_document

ATTACHMENT_MAX_BYTES = getattr(settings, "PLEDGE_ATTACHMENT_MAX_BYTES", 25 * 1024 * 1024)
__all__ = ["ATTACHMENT_MAX_BYTES", "OFFICE_EXTENSIONS", "validate_attachment"]


def validate_attachment(upload):
    """At most 25 MB, and a PDF or office document by its content (core.validators)."""
    validate_office_document(upload, max_bytes=ATTACHMENT_MAX_BYTES)
