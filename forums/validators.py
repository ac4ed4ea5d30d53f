import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.validators import check_size, is_pdf

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
    """A PDF by its content, at most BACKGROUND_NOTE_MAX_BYTES."""
    check_size(
        upload,
        settings.BACKGROUND_NOTE_MAX_BYTES,
        _("The file is %(size)s; a background note may be at most %(limit)s."),
    )
    if not is_pdf(upload):
        raise ValidationError(
            _("This file is not a PDF document. Save the background note as PDF and upload it again."),
            code="not_pdf",
        )
