"""A logo is judged by decoding it, within a side and a pixel budget read from its header before
anything is decoded, and stored as a fresh PNG of its pixels (at most 1,024 pixels on its long
side): metadata, trailing bytes and anything hidden after the image are not kept, so the portal
serves nothing but pixels. The images are real files built here: a 13,000 × 13,000 PNG of 165 KB
(the audit's, accepted before), a truncated JPEG, a PNG with HTML appended."""

import io
import struct
import time
import tracemalloc
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from stakeholders.enums import AccreditationState
from stakeholders.models import Organization
from stakeholders.validators import validate_logo
from tests.stakeholders.factories import (
    AccreditationFactory,
    OrganizationFactory,
    focal_point_of,
    open_forum,
    verified_user,
)
from tests.stakeholders.test_organizations import form_data

pytestmark = pytest.mark.django_db

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
JUNK = b"<html><body><script>alert(document.domain)</script></body></html>"
NOT_AN_IMAGE = "This file is not an image we can read. Upload a PNG, JPEG, WebP or GIF logo."


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def huge_png(side=13_000):
    """A valid grey PNG of side × side pixels, all black, compressed row by row (Pillow would
    need the 169 MB of pixels in memory to write it)."""
    compressor = zlib.compressobj(9)
    row = bytes(side + 1)  # filter byte and one byte per pixel
    data = b"".join(compressor.compress(row) for _ in range(side)) + compressor.flush()
    header = struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)
    return PNG_SIGNATURE + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")


def encoded(image, kind, **options):
    buffer = io.BytesIO()
    image.save(buffer, kind, **options)
    return buffer.getvalue()


def noise(size):
    return Image.frombytes("RGB", size, bytes((i * 7919) % 251 for i in range(size[0] * size[1] * 3)))


def upload(client, content, name="logo.png"):
    client.force_login(verified_user())
    return client.post(
        reverse("stakeholders:organization_create"),
        form_data(logo=SimpleUploadedFile(name, content), publish_logo="on"),
    )


def stored_logo():
    organization = Organization.objects.get(name="Red de Migrantes del Sur")
    with organization.logo.open("rb") as handle:
        return organization, handle.read()


def test_a_13000_pixel_square_png_is_refused_from_its_header(client):
    content = huge_png()
    assert len(content) < 200_000
    response = upload(client, content)
    assert response.status_code == 200
    assert response.context["form"].errors["logo"] == [
        "This image has far more pixels than a logo needs; a logo may be at most 4,096 pixels wide "
        "and high and 12 million pixels in all."
    ]
    assert not Organization.objects.exists()


def test_the_refusal_costs_neither_memory_nor_time():
    logo = SimpleUploadedFile("logo.png", huge_png())
    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(ValidationError):
        validate_logo(logo)
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 1024 * 1024
    assert elapsed < 0.5


@pytest.mark.parametrize(
    ("size", "shown"),
    [((5000, 100), "5,000 × 100"), ((4000, 3500), "4,000 × 3,500")],
    ids=["too wide", "over the pixel budget"],
)
def test_a_logo_over_a_side_or_the_budget_says_its_size(client, size, shown):
    response = upload(client, encoded(Image.new("L", size), "PNG"))
    assert response.context["form"].errors["logo"] == [
        f"The logo is {shown} pixels; it may be at most 4,096 pixels wide and high and 12 million pixels in all."
    ]


@pytest.mark.parametrize("kind", ["JPEG", "PNG"])
def test_a_truncated_image_is_refused(client, kind):
    whole = encoded(noise((300, 300)), kind)
    response = upload(client, whole[: len(whole) // 2], f"logo.{kind.lower()}")
    assert response.context["form"].errors["logo"] == [NOT_AN_IMAGE]
    assert not Organization.objects.exists()


def test_a_png_with_html_appended_is_stored_as_a_fresh_png_without_it(client):
    original = noise((64, 48))
    response = upload(client, encoded(original, "PNG", pnginfo=None) + JUNK)
    assert response.status_code == 302
    organization, stored = stored_logo()
    assert stored.startswith(PNG_SIGNATURE)
    assert stored.endswith(chunk(b"IEND", b""))
    assert JUNK not in stored and b"<script" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert (image.format, image.size, image.mode) == ("PNG", (64, 48), "RGB")
        assert image.tobytes() == original.tobytes()
    AccreditationFactory(organization=organization, forum=open_forum(), state=AccreditationState.APPROVED)
    served = client.get(f"/organizations/{organization.slug}/logo/")
    assert (served.status_code, served["Content-Type"]) == (200, "image/png")
    assert b"".join(served.streaming_content) == stored


def test_a_jpeg_with_metadata_is_stored_as_a_png_without_it(client):
    exif = Image.Exif()
    exif[0x010E] = "secret internal note"  # ImageDescription
    exif[0x0112] = 6  # Orientation: rotated 90°, so the stored image is turned upright
    content = encoded(noise((80, 40)), "JPEG", exif=exif.tobytes(), comment=b"a comment")
    assert b"secret internal note" in content
    upload(client, content, "logo.jpg")
    _organization, stored = stored_logo()
    assert stored.startswith(PNG_SIGNATURE)
    assert b"secret internal note" not in stored and b"a comment" not in stored and b"Exif" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert (image.format, image.size, image.info.get("exif")) == ("PNG", (40, 80), None)


def test_a_large_logo_is_stored_at_most_1024_pixels_on_its_long_side(client):
    upload(client, encoded(Image.new("RGBA", (3000, 1500), (0, 80, 122, 255)), "PNG"))
    _organization, stored = stored_logo()
    with Image.open(io.BytesIO(stored)) as image:
        assert (image.format, image.size, image.mode) == ("PNG", (1024, 512), "RGBA")
        assert image.getpixel((10, 10)) == (0, 80, 122, 255)


def test_a_transparent_gif_keeps_its_transparency(client):
    gif = Image.new("P", (30, 30), 0)
    gif.putpalette([255, 255, 255, 200, 0, 0] + [0] * 762)
    gif.paste(1, (10, 10, 20, 20))
    upload(client, encoded(gif, "GIF", transparency=0), "logo.gif")
    _organization, stored = stored_logo()
    with Image.open(io.BytesIO(stored)) as image:
        assert image.mode == "RGBA"
        assert (image.getpixel((0, 0))[3], image.getpixel((15, 15))) == (0, (200, 0, 0, 255))


def test_a_logo_changed_on_the_profile_is_reencoded_too(client):
    organization = OrganizationFactory()
    client.force_login(focal_point_of(organization))
    data = form_data(name=organization.name, country=organization.country_id)
    data["logo"] = SimpleUploadedFile("logo.png", encoded(noise((20, 20)), "PNG") + JUNK)
    assert client.post(reverse("stakeholders:organization_edit"), data).status_code == 302
    organization.refresh_from_db()
    with organization.logo.open("rb") as handle:
        stored = handle.read()
    assert stored.startswith(PNG_SIGNATURE) and JUNK not in stored
