"""An attachment that is a ZIP (every OOXML and ODF document is) is judged from its directory and
the first bytes of one member, in bounded memory and time: an archive that declares more unpacked
bytes or more members than an office document has is refused with a message saying so. The
archives are real ones, built here; the audit's ODF-looking file whose mimetype member is 300 MB of
zeros made the process allocate 600 MB, and a directory of 100,000 empty members was parsed whole."""

import io
import time
import tracemalloc
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from pledges.validators import validate_attachment

MB = 1024 * 1024
TOO_BIG = (
    "This document would unpack to 300.0\xa0MB; an attachment may unpack to at most 256.0\xa0MB. "
    "Save it in smaller parts or as PDF."
)
TOO_MANY = (
    "This document holds more than 5,000 files; an office document holds far fewer. "
    "Save it as PDF and upload it again."
)
NOT_OFFICE = (
    "This file is not a PDF or an office document (Word, Excel, PowerPoint, OpenDocument) that we can read."
)
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


def zipped(members, *, compression=zipfile.ZIP_DEFLATED):
    """A ZIP of (name, content or (head, chunk, times)) pairs, the latter written in chunks:
    nothing big in memory."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        for name, content in members:
            if isinstance(content, tuple):
                head, chunk, times = content
                with archive.open(name, "w", force_zip64=False) as member:
                    member.write(head)
                    for _ in range(times):
                        member.write(chunk)
            else:
                archive.writestr(name, content)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def zeros_mimetype():
    """The audit's file: ODF-looking, its mimetype member 300 MB of zeros (about 300 KB here)."""
    return zipped([("mimetype", (b"", bytes(MB), 300)), ("content.xml", b"<office:document-content/>")])


@pytest.fixture(scope="module")
def many_members():
    """100,000 empty members: about 10 MB, well under the upload limit (and a ZIP64 directory)."""
    return zipped([("mimetype", ODT_MIMETYPE)] + [(f"{n}", b"") for n in range(100_000)])


def refusal(content, name="pledge.odt"):
    """The validator's messages, its peak of traced memory and its time."""
    upload = SimpleUploadedFile(name, content)
    tracemalloc.start()
    started = time.perf_counter()
    try:
        validate_attachment(upload)
        messages = []
    except ValidationError as exc:
        messages = exc.messages
    finally:
        elapsed = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return messages, peak, elapsed


def test_a_300_mb_mimetype_member_is_refused_in_bounded_memory(zeros_mimetype):
    assert len(zeros_mimetype) < MB
    messages, peak, elapsed = refusal(zeros_mimetype)
    assert messages == [TOO_BIG]
    assert peak < 2 * MB
    assert elapsed < 1


def test_a_hundred_thousand_members_are_refused_before_the_directory_is_parsed(many_members):
    messages, peak, elapsed = refusal(many_members)
    assert messages == [TOO_MANY]
    assert peak < 2 * MB
    assert elapsed < 1


def test_a_directory_that_understates_its_members_is_refused_too(many_members):
    """The ZIP64 end record patched to claim 10 members: its directory's size gives it away."""
    record = many_members.rindex(b"PK\x06\x06")
    patched = bytearray(many_members)
    patched[record + 24 : record + 40] = (10).to_bytes(8, "little") * 2
    messages, peak, _elapsed = refusal(bytes(patched))
    assert messages == [TOO_MANY]
    assert peak < 2 * MB


def test_one_member_over_the_limit_in_a_classic_directory():
    content = zipped([("mimetype", ODT_MIMETYPE)] + [(f"m{n}", b"") for n in range(5001)])
    assert b"PK\x06\x06" not in content[-200:]  # not ZIP64: the classic end record's count
    messages, peak, _elapsed = refusal(content)
    assert messages == [TOO_MANY]
    assert peak < 2 * MB


def test_an_odf_mimetype_member_longer_than_a_mimetype_is_not_read():
    """Under the size cap but 200 MB of zeros after a genuine-looking mimetype: not an ODF file,
    and only the directory is read to say so."""
    content = zipped([("mimetype", (ODT_MIMETYPE, bytes(MB), 200))])
    messages, peak, elapsed = refusal(content)
    assert messages == [NOT_OFFICE]
    assert peak < 2 * MB
    assert elapsed < 1


@pytest.mark.parametrize(
    ("name", "members"),
    [
        ("pledge.odt", [("mimetype", ODT_MIMETYPE), ("content.xml", b"<office:document-content/>")]),
        (
            "pledge.docx",
            [("[Content_Types].xml", b"<Types/>"), ("word/document.xml", b"<w:document/>" * 10_000)],
        ),
        (
            "pledge.odt",
            [("mimetype", ODT_MIMETYPE)] + [(f"Pictures/{n}.png", b"x" * 100) for n in range(4_000)],
        ),
    ],
    ids=["odt", "docx", "odt with 4,000 pictures"],
)
def test_real_office_documents_are_still_accepted(name, members):
    messages, peak, _elapsed = refusal(zipped(members), name)
    assert messages == []
    assert peak < 8 * MB
