from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

LOGO_FORMATS = {"PNG", "JPEG", "WEBP", "GIF"}


def validate_logo(upload):
    """Check a logo by decoding it: a name or a declared type proves nothing."""
    limit = settings.LOGO_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("The logo is %(size)s; it may be at most %(limit)s."),
            code="file_too_large",
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
        )
    position = upload.tell()
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            image_format = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(
            _("This file is not an image we can read. Upload a PNG, JPEG, WebP or GIF logo."),
            code="not_image",
        ) from None
    finally:
        upload.seek(position)
    if image_format not in LOGO_FORMATS:
        raise ValidationError(
            _("Logos may be PNG, JPEG, WebP or GIF; this one is %(format)s."),
            code="image_format",
            params={"format": image_format},
        )
