"""The compilation of a forum's summaries: generated once by Celery when summaries are published
(and again when a published one changes), stored, and served from storage; never with a summary
that is not published, and never rendered in a visitor's request."""

import time

import pytest

from forums.demo import seed
from forums.models import Forum
from summaries import services
from summaries.models import Compilation, Summary
from tests.celery_worker import pdftotext
from tests.core.factories import SecretariatUserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def forum(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    seed()
    forum = Forum.objects.get(year=2026)
    services.ensure_summaries(forum)
    return forum


def summary(forum, slug, text):
    found = Summary.objects.get(session__forum=forum, session__slug=slug)
    found.key_messages = f"<p>{text}</p>"
    found.save()
    return found


def download(client, path):
    response = client.get("/forums/2026/summaries/all.pdf")
    assert response.status_code == 200
    path.write_bytes(b"".join(response.streaming_content))
    return " ".join(pdftotext(path).split())


def test_the_compilation_never_holds_a_summary_that_is_not_published(
    client, forum, tmp_path, django_capture_on_commit_callbacks
):
    shown = summary(forum, "round-table-1", "Published message on pathways.")
    summary(forum, "round-table-2", "Staff draft not for the public.")
    services.generate(shown.pk)  # ready; round table 2 stays pending
    with django_capture_on_commit_callbacks(execute=True):
        services.publish(forum, by=SecretariatUserFactory())
    text = download(client, tmp_path / "all.pdf")
    assert "Published message on pathways." in text
    assert "Staff draft not for the public." not in text
    assert client.get("/forums/2026/summaries/round-table-2/").status_code == 404


def test_it_is_served_from_storage_in_under_100_ms_and_regenerated_when_a_published_summary_changes(
    client, forum, tmp_path, django_capture_on_commit_callbacks
):
    first = summary(forum, "round-table-1", "First version of the key messages.")
    services.generate(first.pk)
    with django_capture_on_commit_callbacks(execute=True):
        services.publish(forum, by=SecretariatUserFactory())
    compilation = Compilation.objects.get(forum=forum)
    assert compilation.pdf_file.name == "summaries/imrf-2026/all.pdf"
    timings = []
    for _ in range(5):
        started = time.perf_counter()
        response = client.get("/forums/2026/summaries/all.pdf")
        body = b"".join(response.streaming_content)
        timings.append(time.perf_counter() - started)
    assert body.startswith(b"%PDF-")
    assert max(timings) < 0.1, timings
    # Staff change the published summary: the compilation follows, under the same name.
    first.refresh_from_db()
    first.key_messages = "<p>Second version of the key messages.</p>"
    first.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.generate(first.pk)
    text = download(client, tmp_path / "again.pdf")
    assert "Second version of the key messages." in text
    assert "First version" not in text
    # Generating again for the same summaries changes nothing.
    generated_at = Compilation.objects.get(forum=forum).generated_at
    services.generate_compilation(forum.pk)
    assert Compilation.objects.get(forum=forum).generated_at == generated_at


def test_before_any_publication_there_is_no_compilation(client, forum):
    assert client.get("/forums/2026/summaries/all.pdf").status_code == 404
    assert "All summaries in one PDF" not in client.get("/forums/2026/summaries/").content.decode()


def test_generated_files_are_readable_by_the_web_server(forum, settings):
    first = summary(forum, "round-table-1", "Anything.")
    services.generate(first.pk)
    first.refresh_from_db()
    mode = (settings.MEDIA_ROOT / first.pdf_file.name).stat().st_mode & 0o777
    assert mode == 0o644
