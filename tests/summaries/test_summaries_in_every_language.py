"""Each summary, and the compilation, is also generated in the other five languages: Arabic and
Chinese with fonts that carry their glyphs, embedded, and the document's language declared."""

import subprocess

import pikepdf
import pytest
from django.utils import translation

from forums.demo import seed
from forums.models import Forum
from summaries import services
from summaries.models import Summary
from tests.celery_worker import pdftotext

pytestmark = pytest.mark.django_db


@pytest.fixture
def summary(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    seed()
    forum = Forum.objects.get(year=2026)
    services.ensure_summaries(forum)
    found = Summary.objects.select_related("session__forum").get(session__forum=forum, session__slug="round-table-3")
    found.key_messages = "<p>Consular protection saves lives.</p>"
    found.key_messages_ar = "<p>الحماية القنصلية تنقذ الأرواح.</p>"
    found.key_messages_zh_hans = "<p>领事保护挽救生命。</p>"
    found.save()
    services.generate(found.pk)
    assert services.generate_translations(found.pk) == ["ar", "zh-hans", "fr", "ru", "es"]
    found.refresh_from_db()
    return found


def fonts(path):
    return subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout


def lang(path):
    with pikepdf.open(path) as pdf:
        return str(pdf.Root.Lang)


@pytest.mark.parametrize(
    ("language", "text", "font", "heading"),
    [
        ("ar", "الحماية القنصلية تنقذ الأرواح.", "Noto-Naskh-Arabic", "الرسائل الرئيسية"),
        ("zh-hans", "领事保护挽救生命。", "Noto-Sans-CJK-SC", "关键信息"),
    ],
)
def test_arabic_and_chinese_pdfs_embed_their_fonts_and_give_back_their_text(
    summary, settings, language, text, font, heading
):
    path = settings.MEDIA_ROOT / services.in_language(summary.pdf_file.name, language)
    listing = fonts(path)
    rows = [line for line in listing.splitlines()[2:] if font in line]
    assert rows, listing
    assert all(" yes " in row for row in rows), listing  # embedded
    extracted = " ".join(pdftotext(path).split())
    assert text.rstrip(".。") in extracted
    with translation.override(language):
        assert translation.gettext("Key messages") == heading
    assert heading in extracted
    assert lang(path) == language


def test_a_language_without_the_staff_s_text_keeps_the_english_and_its_own_labels(summary, settings):
    path = settings.MEDIA_ROOT / services.in_language(summary.pdf_file.name, "fr")
    extracted = " ".join(pdftotext(path).split())
    assert "Consular protection saves lives." in extracted
    assert "Messages clés" in extracted


def test_generating_again_changes_nothing(summary):
    assert services.generate_translations(summary.pk) == []


def test_the_pdf_is_served_in_the_page_s_language(client, summary, settings):
    services.publish(summary.session.forum, by=None)
    arabic = client.get("/ar/forums/2026/summaries/round-table-3.pdf")
    english = client.get("/forums/2026/summaries/round-table-3.pdf")
    assert b"".join(arabic.streaming_content) == (
        settings.MEDIA_ROOT / services.in_language(summary.pdf_file.name, "ar")
    ).read_bytes()
    assert b"".join(english.streaming_content) == (settings.MEDIA_ROOT / summary.pdf_file.name).read_bytes()
