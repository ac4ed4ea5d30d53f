from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from core.images import MAX_PIXELS, MAX_SIDE, ImageTooLarge, header_format, image_format
from core.validators import check_size, is_pdf

LOGO_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp", "GIF": "image/gif"}
PHOTO_TYPES = ("JPEG", "PNG", "WEBP")


def _limits():
    return {
        "side": number_format(MAX_SIDE, force_grouping=True),
        "megapixels": number_format(MAX_PIXELS // 1_000_000),
    }


def validate_logo(upload):
    """Check a logo by decoding it in full, within the limits of core.images: a name or a
    declared type proves nothing. It is stored re-encoded as PNG (the model field does that)."""
    check_size(upload, settings.LOGO_MAX_BYTES, _("The logo is %(size)s; it may be at most %(limit)s."))
    try:
        found = image_format(upload)
    except ImageTooLarge as exc:
        if exc.width is None:
            raise ValidationError(
                _(
                    "This image has far more pixels than a logo needs; a logo may be at most "
                    "%(side)s pixels wide and high and %(megapixels)s million pixels in all."
                ),
                code="image_too_large",
                params=_limits(),
            ) from None
        raise ValidationError(
            _(
                "The logo is %(width)s × %(height)s pixels; it may be at most %(side)s pixels wide "
                "and high and %(megapixels)s million pixels in all."
            ),
            code="image_too_large",
            params={
                "width": number_format(exc.width, force_grouping=True),
                "height": number_format(exc.height, force_grouping=True),
                **_limits(),
            },
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


def validate_nomination_letter(upload):
    """A PDF by its content (a name or a declared type proves nothing)."""
    check_size(
        upload,
        settings.NOMINATION_LETTER_MAX_BYTES,
        _("The nomination letter is %(size)s; it may be at most %(limit)s."),
    )
    if not is_pdf(upload):
        raise ValidationError(
            _(
                "This file is not a PDF document. Save the nomination letter, signed by the head of "
                "your organisation, as PDF and upload it again."
            ),
            code="not_pdf",
        )


def validate_photo(upload):
    """Decoded in full within core.images' limits, like a logo; stored re-encoded as PNG."""
    check_size(
        upload, settings.DELEGATE_PHOTO_MAX_BYTES, _("The photo is %(size)s; it may be at most %(limit)s.")
    )
    try:
        found = image_format(upload)
    except ImageTooLarge:
        raise ValidationError(
            _(
                "This photo has more pixels than we accept: at most %(side)s pixels wide and high and %(megapixels)s million pixels in all."
            ),
            code="image_too_large",
            params=_limits(),
        ) from None
    if found not in PHOTO_TYPES:
        raise ValidationError(
            _("This file is not a photo we can read. Upload a JPEG, PNG or WebP photo."),
            code="not_image",
        )


def logo_content_type(field_file):
    """The content type of a stored logo, judged from its header (the portal stored it, as a
    PNG it made); None if it is not one."""
    if not field_file:
        return None
    try:
        with field_file.open("rb") as handle:
            return LOGO_TYPES.get(header_format(handle))
    except FileNotFoundError:
        return None
