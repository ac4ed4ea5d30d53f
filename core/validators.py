"""What an upload is, judged by its content (a name or a declared type proves nothing), read in
bounded memory whatever the file claims. An attachment (a pledge's, a practice's, a review's
document) is a PDF or office document checked by validate_office_document, the one rule they all
follow. Images are judged in core.images."""

import uuid
import zipfile
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

OFFICE_EXTENSIONS = ("pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp")

OLE2_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")  # .doc, .xls, .ppt
OOXML_PARTS = {"word/document.xml", "xl/workbook.xml", "ppt/presentation.xml"}
ODF_MIMETYPE = b"application/vnd.oasis.opendocument."
# The mimetype member of an ODF file is one short line ("application/vnd.oasis.opendocument.
# presentation" is the longest); more than this is not an ODF file, and no more than this is read.
ODF_MIMETYPE_MAX = len(ODF_MIMETYPE) + 64
# An office document has tens of members (some thousands for a very long presentation) and, at
# the 25 MB upload limit, a few hundred MB unpacked at most. An archive that declares more is
# refused from its end-of-central-directory record, before Python parses its directory (each
# entry becomes an object: a 25 MB directory of empty members would take hundreds of MB).
ARCHIVE_MAX_MEMBERS = 5000
ARCHIVE_MAX_DIRECTORY = 1024 * 1024  # bytes of central directory: ~200 per member
ARCHIVE_MAX_UNCOMPRESSED = 256 * 1024 * 1024
_EOCD = b"PK\x05\x06"
_EOCD_SIZE = 22
_ZIP64_LOCATOR = b"PK\x06\x07"
_ZIP64_EOCD = b"PK\x06\x06"


class ArchiveTooLarge(Exception):
    """An archive with more members, more directory or more unpacked bytes than an office
    document has. `reason` is 'members' (with `count`, when known) or 'size' (with `size`)."""

    def __init__(self, reason, *, count=None, size=None):
        super().__init__(reason)
        self.reason, self.count, self.size = reason, count, size


@contextmanager
def rewound(upload):
    """Read the upload from its start and leave its position as it was."""
    position = upload.tell() if hasattr(upload, "tell") else 0
    try:
        upload.seek(0)
        yield upload
    finally:
        upload.seek(position)


def check_size(upload, limit, message):
    """`message` takes %(size)s and %(limit)s."""
    if upload.size > limit:
        raise ValidationError(
            message,
            code="file_too_large",
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
        )


def is_pdf(upload):
    with rewound(upload):
        head = upload.read(1024)
        upload.seek(max(upload.size - 2048, 0))
        tail = upload.read()
    return head.lstrip()[:5] == b"%PDF-" and b"%%EOF" in tail


def _directory_extent(upload):
    """(entries, bytes) of a ZIP's central directory, read from its end records alone (the
    last 64 KB at most), or None when there is no end record."""
    upload.seek(max(upload.size - (_EOCD_SIZE + 0xFFFF), 0))
    tail = upload.read()
    at = tail.rfind(_EOCD)
    if at < 0 or len(tail) - at < _EOCD_SIZE:
        return None
    entries = int.from_bytes(tail[at + 10 : at + 12], "little")
    size = int.from_bytes(tail[at + 12 : at + 16], "little")
    locator = tail[at - 20 : at] if at >= 20 else b""
    if locator.startswith(_ZIP64_LOCATOR):
        # ZIP64: the true figures are in the ZIP64 end record the locator points to.
        upload.seek(int.from_bytes(locator[8:16], "little"))
        record = upload.read(56)
        if not record.startswith(_ZIP64_EOCD) or len(record) < 56:
            return None
        entries = int.from_bytes(record[32:40], "little")
        size = int.from_bytes(record[40:48], "little")
    return entries, size


def _archive_format(archive):
    members = archive.infolist()
    if len(members) > ARCHIVE_MAX_MEMBERS:
        raise ArchiveTooLarge("members", count=len(members))
    unpacked = sum(member.file_size for member in members)
    if unpacked > ARCHIVE_MAX_UNCOMPRESSED:
        raise ArchiveTooLarge("size", size=unpacked)
    names = {member.filename for member in members}
    if "[Content_Types].xml" in names and names & OOXML_PARTS:
        return "ooxml"
    if "mimetype" in names and archive.getinfo("mimetype").file_size <= ODF_MIMETYPE_MAX:
        with archive.open("mimetype") as member:
            # read() stops at the size the member declares, and this caps it further.
            if member.read(ODF_MIMETYPE_MAX).startswith(ODF_MIMETYPE):
                return "odf"
    return None


def office_format(upload):
    """'pdf', 'ooxml', 'odf' or 'ole2' by the content, or None; ArchiveTooLarge for a ZIP with
    more members or unpacked bytes than an office document has (nothing in it is unpacked but
    the first bytes of an ODF mimetype member)."""
    with rewound(upload):
        head = upload.read(8)
        if head.startswith(b"%PDF-"):
            return "pdf"
        if head == OLE2_MAGIC:
            return "ole2"
        if not head.startswith(b"PK\x03\x04"):
            return None
        extent = _directory_extent(upload)
        if extent is None:
            return None
        entries, directory = extent
        if entries > ARCHIVE_MAX_MEMBERS or directory > ARCHIVE_MAX_DIRECTORY:
            raise ArchiveTooLarge("members", count=entries if entries > ARCHIVE_MAX_MEMBERS else None)
        upload.seek(0)
        try:
            with zipfile.ZipFile(upload) as archive:
                return _archive_format(archive)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, OSError, RuntimeError, ValueError):
            return None


def validate_office_document(upload, *, max_bytes):
    """At most `max_bytes`, and a PDF or office document by its content (the name proves nothing),
    unpacking to a bounded size."""
    check_size(upload, max_bytes, _("The attachment is %(size)s; it may be at most %(limit)s."))
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


def random_upload_name(folder, filename, extensions=OFFICE_EXTENSIONS):
    """folder/<random>.<extension>: an upload never reveals, or collides with, another file's
    name; an extension not in `extensions` is stored as .bin."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    if extension not in extensions:
        extension = "bin"
    return f"{folder}/{uuid.uuid4().hex}.{extension}"
