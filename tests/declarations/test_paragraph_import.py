"""The secretariat imports a version's paragraphs from plain text or .docx (python-docx reads it),
judged by content: a file that is not what it claims, a gap or a duplicate in the numbering gives
a message naming the problem (and the numbers), and changes nothing."""

import io
import zipfile

import docx
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from core.models import ActivityLog
from declarations import services
from tests.declarations.factories import DeclarationVersionFactory, KeyMessageFactory

pytestmark = pytest.mark.django_db


def text_file(text, name="rev1.txt"):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/plain")


def docx_file(lines, name="rev1.docx"):
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def paragraphs(version):
    return list(version.paragraphs.order_by("number").values_list("number", "section", "text"))


@pytest.fixture
def version():
    return DeclarationVersionFactory(texts=["Old one.", "Old two."])


OLD = [(1, "Commitments", "Old one."), (2, "Commitments", "Old two.")]


def test_a_text_file_replaces_the_paragraphs_with_sections(version, secretariat_user):
    count = services.import_paragraphs(
        version, text_file("Preamble\n1. First.\n\n2. Second.\nThe way forward\n3. Third.\n"), by=secretariat_user
    )
    assert count == 3
    assert paragraphs(version) == [(1, "Preamble", "First."), (2, "Preamble", "Second."), (3, "The way forward", "Third.")]
    entry = ActivityLog.objects.for_object(version).get()
    assert (entry.action, entry.note) == ("declaration_version.imported", "3 paragraphs imported from rev1.txt (2 replaced).")


def test_a_docx_file_is_read_by_python_docx(version, secretariat_user):
    services.import_paragraphs(version, docx_file(["1. Uno.", "2. Dos."]), by=secretariat_user)
    assert paragraphs(version) == [(1, "", "Uno."), (2, "", "Dos.")]


@pytest.mark.parametrize(
    ("upload", "messages"),
    [
        (
            SimpleUploadedFile("rev1.docx", b"1. This is text named .docx\n2. Two\n"),
            ["This file is named .docx but is not a Word document: its content is not a .docx file."],
        ),
        (
            SimpleUploadedFile("rev1.txt", b"\xff\xfe\x00\x81 binary"),
            ["This file is neither a Word document (.docx) nor plain text in UTF-8."],
        ),
        (
            SimpleUploadedFile("rev1.pdf", b"%PDF-1.4\n%%EOF\n"),
            ["This file is a PDF, an older Word file or an OpenDocument file; save it as .docx or as plain text."],
        ),
        (text_file("1. One.\n2. Two.\n4. Four.\n7. Seven.\n"), ["These paragraph numbers are missing: 3, 5, 6."]),
        (text_file("1. One.\n2. Two.\n2. Again.\n3. Three.\n3. Again.\n"), ["These paragraph numbers appear more than once: 2, 3."]),
        (
            text_file("1. One.\n1. Again.\n3. Three.\n"),
            ["These paragraph numbers appear more than once: 1.", "These paragraph numbers are missing: 2."],
        ),
        (
            text_file("Just prose, no numbers.\n"),
            ["No numbered paragraph was found: write each paragraph on one line starting with its number, as “1. text”."],
        ),
    ],
    ids=["text-named-docx", "binary", "pdf", "gaps", "duplicates", "both", "no-numbers"],
)
def test_a_bad_file_changes_nothing(version, secretariat_user, upload, messages):
    with pytest.raises(ValidationError) as exc:
        services.import_paragraphs(version, upload, by=secretariat_user)
    assert exc.value.messages == messages
    assert paragraphs(version) == OLD
    assert ActivityLog.objects.for_object(version).count() == 0


def test_a_zip_that_is_no_word_document(version, secretariat_user):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(ValidationError) as exc:
        services.import_paragraphs(version, SimpleUploadedFile("rev1.docx", buffer.getvalue()), by=secretariat_user)
    assert exc.value.messages == ["This file is an Office document but not a Word document (.docx); it cannot be read."]
    assert paragraphs(version) == OLD


def test_a_version_with_key_messages_keeps_its_paragraphs(version, secretariat_user):
    KeyMessageFactory(version=version)
    with pytest.raises(ValidationError) as exc:
        services.import_paragraphs(version, text_file("1. New.\n"), by=secretariat_user)
    assert exc.value.code == "version_in_use"
    assert paragraphs(version) == OLD


def test_the_admin_import_page_names_the_numbers_and_keeps_the_paragraphs(secretariat_client, version):
    url = f"/admin/declarations/declarationversion/{version.pk}/import/"
    assert secretariat_client.get(url).status_code == 200
    response = secretariat_client.post(url, {"file": text_file("1. One.\n3. Three.\n")})
    assert response.status_code == 200
    html = response.content.decode()
    assert "These paragraph numbers are missing: 2." in html
    assert 'aria-describedby="id_file_helptext id_file_error"' in html
    assert paragraphs(version) == OLD
    response = secretariat_client.post(url, {"file": docx_file(["Section A", "1. One.", "2. Two."])})
    assert response.status_code == 302
    assert paragraphs(version) == [(1, "Section A", "One."), (2, "Section A", "Two.")]


def test_the_admin_refuses_a_second_zero_draft_and_a_revision_without_number(secretariat_client, version):
    data = {
        "forum": version.forum_id, "date": "2026-03-01", "published": "on",
        "paragraphs-TOTAL_FORMS": "0", "paragraphs-INITIAL_FORMS": "0",
    }
    response = secretariat_client.post("/admin/declarations/declarationversion/add/", {**data, "kind": "zero_draft", "number": "0"})
    assert response.status_code == 200
    assert "This forum already has this version: Zero draft." in response.content.decode()
    response = secretariat_client.post("/admin/declarations/declarationversion/add/", {**data, "kind": "revision", "number": "0"})
    assert "Give the revision its number: 1 for the first, 2 for the second." in response.content.decode()
    response = secretariat_client.post("/admin/declarations/declarationversion/add/", {**data, "kind": "revision", "number": "1"})
    assert response.status_code == 302
    assert list(version.forum.declaration_versions.values_list("slug", flat=True)) == ["zero-draft", "revision-1"]
