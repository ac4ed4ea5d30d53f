import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

ATTACHMENT_MAX_BYTES = getattr(settings, "PLEDGE_ATTACHMENT_MAX_BYTES", 25 * 1024 * 1024)
OLE2_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")  # .doc, .xls, .ppt
OFFICE_EXTENSIONS = ("pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp")


def attachment_format(upload):
    """The file's format judged by its content, or None: 'pdf', 'ooxml', 'odf' or 'ole2'."""
    position = upload.tell() if hasattr(upload, "tell") else 0
    try:
        upload.seek(0)
        head = upload.read(8)
        if head.startswith(b"%PDF-"):
            return "pdf"
        if head == OLE2_MAGIC:
            return "ole2"
        if head.startswith(b"PK\x03\x04"):
            upload.seek(0)
            try:
                with zipfile.ZipFile(upload) as archive:
                    names = set(archive.namelist())
                    if "[Content_Types].xml" in names and names & {
                        "word/document.xml",
                        "xl/workbook.xml",
                        "ppt/presentation.xml",
                    }:
                        return "ooxml"
                    if "mimetype" in names and archive.read("mimetype").startswith(
                        b"application/vnd.oasis.opendocument."
                    ):
                        return "odf"
            except (zipfile.BadZipFile, KeyError, OSError):
                return None
        return None
    finally:
        upload.seek(position)


def validate_attachment(upload):
    """At most 25 MB, and a PDF or office document by its content (the name proves nothing)."""
    if upload.size > ATTACHMENT_MAX_BYTES:
        raise ValidationError(
            _("The attachment is %(size)s; it may be at most %(limit)s."),
            code="file_too_large",
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(ATTACHMENT_MAX_BYTES)},
        )
    if attachment_format(upload) is None:
        raise ValidationError(
            _(
                "This file is not a PDF or an office document (Word, Excel, PowerPoint, OpenDocument) "
                "that we can read."
            ),
            code="attachment_format",
        )
