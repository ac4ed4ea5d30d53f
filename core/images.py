"""Images that people upload, decoded within limits, and stored as nothing but their pixels.

A compressed image says how many pixels it has only in its header, and decoding it costs memory
for every one of them (4 bytes each in RGBA): a 160 KB PNG of 13,000 × 13,000 pixels asks for
676 MB. So the header is judged first, against a side and a pixel budget; then the image is decoded
in full (a truncated or corrupt file is refused, not half-read); and what is stored is a fresh PNG
re-encoded from the pixels, at most STORED_MAX_SIDE on its long side: metadata (EXIF, comments,
colour profiles), trailing bytes and polyglot payloads are not carried over."""

import io
import warnings
from contextlib import contextmanager

from django.core.files.base import ContentFile
from django.db import models
from django.forms import FileField as FileFormField
from django.forms import ImageField as ImageFormField
from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

from core.validators import rewound

MAX_SIDE = 4096
MAX_PIXELS = 12_000_000
STORED_MAX_SIDE = 1024
# Pillow's own guard for every image the process opens (Pillow warns above it and refuses
# above twice it, before decoding): set to the budget in CoreConfig.ready().
PILLOW_MAX_IMAGE_PIXELS = MAX_PIXELS

UNREADABLE = (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError)


class ImageTooLarge(Exception):
    """More pixels than allowed, from the header; width and height are None when Pillow refused
    the header itself (more than twice its MAX_IMAGE_PIXELS)."""

    def __init__(self, width=None, height=None):
        super().__init__(f"{width} × {height}")
        self.width, self.height = width, height


def _too_large(size, max_side, max_pixels):
    width, height = size
    return width > max_side or height > max_side or width * height > max_pixels


@contextmanager
def decoded(upload, *, max_side=MAX_SIDE, max_pixels=MAX_PIXELS, scale_to=None):
    """The upload's first frame decoded in full, as an open PIL image, or None if it is not an
    image that decodes; ImageTooLarge, from the header, before anything is decoded. `scale_to`
    lets JPEG decode straight at a smaller scale (the whole stream is still read and checked)."""
    with rewound(upload), warnings.catch_warnings():
        # Between the budget and twice it Pillow only warns; the header check below refuses.
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            image = Image.open(upload)
        except Image.DecompressionBombError:
            raise ImageTooLarge() from None
        except UNREADABLE:
            image = None
        if image is None:
            yield None
            return
        with image:
            if _too_large(image.size, max_side, max_pixels):
                raise ImageTooLarge(*image.size)
            # WeasyPrint, once imported, sets Pillow's LOAD_TRUNCATED_IMAGES for the whole process,
            # which would decode half a file and fill the rest grey: decode strictly here.
            tolerant = ImageFile.LOAD_TRUNCATED_IMAGES
            ImageFile.LOAD_TRUNCATED_IMAGES = False
            try:
                if scale_to and image.format == "JPEG":
                    image.draft("RGB", (scale_to, scale_to))
                image.load()
            except UNREADABLE:
                image = None
            finally:
                ImageFile.LOAD_TRUNCATED_IMAGES = tolerant
            yield image


def image_format(upload, *, max_side=MAX_SIDE, max_pixels=MAX_PIXELS):
    """The format of an image that decodes in full, or None; ImageTooLarge as decoded()."""
    with decoded(upload, max_side=max_side, max_pixels=max_pixels) as image:
        return image.format if image is not None else None


def header_format(upload, *, max_side=MAX_SIDE, max_pixels=MAX_PIXELS):
    """The format by the header and Pillow's verify() (no full decode): for files this portal
    stored itself, served often. None if it is not one or is over the limits."""
    with rewound(upload), warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            with Image.open(upload) as image:
                if _too_large(image.size, max_side, max_pixels):
                    return None
                found = image.format
                image.verify()
        except (*UNREADABLE, Image.DecompressionBombError):
            return None
    return found


def as_png(upload, *, max_side=STORED_MAX_SIDE):
    """A fresh PNG of the upload's pixels, at most `max_side` on its long side, turned upright as
    its EXIF says, with no metadata; None if the upload is not an image that decodes."""
    with decoded(upload, scale_to=max_side) as image:
        if image is None:
            return None
        upright = ImageOps.exif_transpose(image)
        has_alpha = upright.mode in ("RGBA", "LA", "PA") or "transparency" in upright.info
        pixels = upright.convert("RGBA" if has_alpha else "RGB")
        pixels.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
        # A new image carries no info of the old one (no text chunks, EXIF, ICC profile).
        clean = Image.new(pixels.mode, pixels.size)
        clean.paste(pixels)
        buffer = io.BytesIO()
        clean.save(buffer, "PNG", optimize=True)
        return buffer.getvalue()


class ImageUploadFormField(ImageFormField):
    """Leaves the judging of the file to the model field's validators (which decode it within the
    limits and say what is wrong); Django's own check would open it once more with Pillow and
    turn every refusal into the same "not an image" message."""

    def to_python(self, data):
        return FileFormField.to_python(self, data)


class ReencodedImageField(models.ImageField):
    """An ImageField whose new uploads are stored as as_png() makes them. Validate first (the
    field's validators run in forms and the admin); an upload that does not decode is refused."""

    def __init__(self, *args, stored_max_side=STORED_MAX_SIDE, **kwargs):
        self.stored_max_side = stored_max_side
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.stored_max_side != STORED_MAX_SIDE:
            kwargs["stored_max_side"] = self.stored_max_side
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": ImageUploadFormField, **kwargs})

    def pre_save(self, model_instance, add):
        file = getattr(model_instance, self.attname)
        if file and not file._committed:
            png = as_png(file.file, max_side=self.stored_max_side)
            if png is None:
                raise ValueError(f"{self.name}: the upload is not an image that decodes; validate it first")
            file.save(f"{file.name.rsplit('.', 1)[0]}.png", ContentFile(png), save=False)
        return super().pre_save(model_instance, add)
