from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.validators import ImageTooLarge, check_size, image_format

LOGO_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp", "GIF": "image/gif"}
# A logo is shown small; a bigger image only costs memory to decode.
LOGO_MAX_PIXELS = 4096 * 4096


def validate_logo(upload):
    """Check a logo by decoding it: a name or a declared type proves nothing."""
    check_size(upload, settings.LOGO_MAX_BYTES, _("The logo is %(size)s; it may be at most %(limit)s."))
    try:
        found = image_format(upload, max_pixels=LOGO_MAX_PIXELS)
    except ImageTooLarge as exc:
        raise ValidationError(
            _("The logo is %(width)s × %(height)s pixels; it may have at most 4096 × 4096."),
            code="image_too_large",
            params={"width": exc.width, "height": exc.height},
        ) from None
    if found is None:
        raise ValidationError(
            _("This file is not an image we can read. Upload a PNG, JPEG, WebP or GIF logo."),
            code="not_image",
        )
    if found not in LOGO_TYPES:
        raise ValidationError(
            _("Logos may be PNG, JPEG, WebP or GIF; this one is %(format)s."),
            code="image_format",
            params={"format": found},
        )


def logo_content_type(field_file):
    """The content type of a stored logo, judged by decoding it again; None if it is not one."""
    if not field_file:
        return None
    try:
        with field_file.open("rb") as handle:
            return LOGO_TYPES.get(image_format(handle, max_pixels=LOGO_MAX_PIXELS))
    except (FileNotFoundError, ImageTooLarge):
        return None
