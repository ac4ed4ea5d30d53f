"""Editing a published summary keeps it online: its page and PDF stay public while the new version
generates (and if generating fails), and the regeneration, through the Celery task, publishes the
new version (issue 14: the summary ended "failed", its page and PDF answered 404, every retry
failed the same way)."""

import pytest
from django.urls import reverse

from forums.demo import seed
from forums.models import Forum
from summaries import services as summaries
from summaries import tasks
from summaries.enums import SummaryState
from summaries.models import Summary
from tests.celery_worker import pdftotext

pytestmark = pytest.mark.django_db
PAGE, PDF = "/forums/2026/summaries/round-table-1/", "/forums/2026/summaries/round-table-1.pdf"


@pytest.fixture
def summary(settings, tmp_path, secretariat_user, django_capture_on_commit_callbacks):
    settings.MEDIA_ROOT = tmp_path
    seed()
    forum = Forum.objects.get(year=2026)
    summaries.ensure_summaries(forum)
    summary = Summary.objects.get(session__forum=forum, session__slug="round-table-1")
    summary.key_messages = "<p>The first version of the key messages.</p>"
    summary.save()
    summaries.generate(summary.pk)
    with django_capture_on_commit_callbacks(execute=True):
        summaries.publish(forum, by=secretariat_user)
    summary.refresh_from_db()
    assert summary.state == SummaryState.PUBLISHED
    return summary


def pdf_text(client, tmp_path):
    response = client.get(PDF)
    assert response.status_code == 200
    path = tmp_path / "downloaded.pdf"
    path.write_bytes(b"".join(response.streaming_content))
    return " ".join(pdftotext(path).split())


def edit(secretariat_client, summary, text):
    return secretariat_client.post(
        reverse("admin:summaries_summary_change", args=[summary.pk]),
        {"key_messages": f"<p>{text}</p>", "discussion": "", "recommendations": ""},
    )


def test_the_published_version_stays_online_while_the_new_one_generates(
    client, secretariat_client, summary, tmp_path, django_capture_on_commit_callbacks
):
    # Saved, the task not yet run (the worker busy): pending, and still public.
    assert edit(secretariat_client, summary, "The second version.").status_code == 302
    summary.refresh_from_db()
    assert summary.state == SummaryState.PENDING
    assert client.get(PAGE).status_code == 200
    assert "The first version of the key messages." in pdf_text(client, tmp_path)
    assert client.get("/forums/2026/summaries/").context["summaries"][0].session.slug == "round-table-1"
    # The admin's save queues the task after the commit; the task publishes the new version.
    with django_capture_on_commit_callbacks(execute=True):
        assert edit(secretariat_client, summary, "The second version.").status_code == 302
    summary.refresh_from_db()
    assert (summary.state, summary.error) == (SummaryState.PUBLISHED, "")
    assert "The second version." in pdf_text(client, tmp_path)
    assert "The second version." in client.get(PAGE).content.decode()


def test_a_failed_regeneration_keeps_it_online_and_a_retry_publishes_it(client, summary, tmp_path):
    summaries.set_summary_state(summary, SummaryState.PENDING)
    summaries.set_summary_state(summary, SummaryState.GENERATING)
    summaries.record_failure(summary.pk, "OSError: disk full")
    summary.refresh_from_db()
    assert summary.state == SummaryState.FAILED
    assert client.get(PAGE).status_code == 200
    assert "The first version of the key messages." in pdf_text(client, tmp_path)
    assert tasks.generate_summary.delay(summary_id=summary.pk).get() is True
    summary.refresh_from_db()
    assert (summary.state, summary.error) == (SummaryState.PUBLISHED, "")
    assert client.get(PAGE).status_code == 200


def test_a_summary_never_published_is_still_not_public(client, summary):
    other = Summary.objects.get(session__forum=summary.session.forum, session__slug="policy-debate")
    summaries.generate(other.pk)
    assert client.get("/forums/2026/summaries/policy-debate/").status_code == 404
    assert client.get("/forums/2026/summaries/policy-debate.pdf").status_code == 404
