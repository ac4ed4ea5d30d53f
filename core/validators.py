"""What an upload is, judged by its content (a name or a declared type proves nothing), read in
bounded memory whatever the file claims. Each app words its own messages around these."""

import zipfile
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from PIL import Image, UnidentifiedImageError

OLE2_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")  # .doc, .xls, .ppt
OOXML_PARTS = {"word/document.xml", "xl/workbook.xml", "ppt/presentation.xml"}
ODF_MIMETYPE = b"application/vnd.oasis.opendocument."
# An office document has tens of members and at most some hundreds of MB unpacked; an archive
# that claims more is refused before anything in it is read.
ARCHIVE_MAX_MEMBERS = 5000
ARCHIVE_MAX_UNCOMPRESSED = 500 * 1024 * 1024


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


def _archive_format(archive):
    members = archive.infolist()
    if len(members) > ARCHIVE_MAX_MEMBERS or sum(m.file_size for m in members) > ARCHIVE_MAX_UNCOMPRESSED:
        return None
    names = {member.filename for member in members}
    if "[Content_Types].xml" in names and names & OOXML_PARTS:
        return "ooxml"
    if "mimetype" in names:
        with archive.open("mimetype") as member:
            # The mimetype member is one short line; read no more than that.
            if member.read(len(ODF_MIMETYPE) + 64).startswith(ODF_MIMETYPE):
                return "odf"
    return None


def office_format(upload):
    """'pdf', 'ooxml', 'odf' or 'ole2' by the content, or None."""
    with rewound(upload):
        head = upload.read(8)
        if head.startswith(b"%PDF-"):
            return "pdf"
        if head == OLE2_MAGIC:
            return "ole2"
        if not head.startswith(b"PK\x03\x04"):
            return None
        upload.seek(0)
        try:
            with zipfile.ZipFile(upload) as archive:
                return _archive_format(archive)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, OSError, RuntimeError, ValueError):
            return None


class ImageTooLarge(Exception):
    def __init__(self, width, height):
        super().__init__(f"{width} × {height}")
        self.width, self.height = width, height


def image_format(upload, *, max_pixels):
    """The format of an image that decodes, or None; ImageTooLarge when it has more pixels than
    `max_pixels` (checked from the header, before anything is decoded)."""
    with rewound(upload):
        try:
            with Image.open(upload) as image:
                width, height = image.size
                if width * height > max_pixels:
                    raise ImageTooLarge(width, height)
                image_format = image.format
                image.verify()
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
            return None
    return image_format
