from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.validators import check_size, office_format

ATTACHMENT_MAX_BYTES = getattr(settings, "PLEDGE_ATTACHMENT_MAX_BYTES", 25 * 1024 * 1024)
OFFICE_EXTENSIONS = ("pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp")


def validate_attachment(upload):
    """At most 25 MB, and a PDF or office document by its content (the name proves nothing)."""
    check_size(upload, ATTACHMENT_MAX_BYTES, _("The attachment is %(size)s; it may be at most %(limit)s."))
    if office_format(upload) is None:
        raise ValidationError(
            _(
                "This file is not a PDF or an office document (Word, Excel, PowerPoint, OpenDocument) "
                "that we can read."
            ),
            code="attachment_format",
        )
