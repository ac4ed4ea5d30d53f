import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

FIRST_EDITION = 2022
EDITION_INTERVAL = 4


def validate_edition_year(year):
    if year < FIRST_EDITION or (year - FIRST_EDITION) % EDITION_INTERVAL:
        raise ValidationError(
            _(
                "The forum meets every four years from 2022 (2022, 2026, 2030, ...); %(year)s is not an edition year."
            ),
            code="edition_year",
            params={"year": year},
        )


def validate_time_zone(name):
    if name not in zoneinfo.available_timezones():
        raise ValidationError(
            _("%(name)s is not a time zone name such as America/New_York."),
            code="time_zone",
            params={"name": name},
        )


def validate_pdf(upload):
    """Check a PDF by its content: the name and the browser's content type prove nothing."""
    limit = settings.BACKGROUND_NOTE_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("The file is %(size)s; a background note may be at most %(limit)s."),
            code="file_too_large",
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
        )
    position = upload.tell() if hasattr(upload, "tell") else 0
    try:
        upload.seek(0)
        head = upload.read(1024)
        upload.seek(max(upload.size - 2048, 0))
        tail = upload.read()
    finally:
        upload.seek(position)
    if not head.lstrip()[:5] == b"%PDF-" or b"%%EOF" not in tail:
        raise ValidationError(
            _("This file is not a PDF document. Save the background note as PDF and upload it again."),
            code="not_pdf",
        )
