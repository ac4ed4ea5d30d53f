"""Redis down when staff save a session's notes: the notes are saved, the page says generation is
delayed, and the daily beat run catches up once Redis is back. The Redis here is a real server
of the test's own, stopped and started again; the worker is a real Celery worker."""

import datetime

import pytest
from django.urls import reverse

from forums.demo import seed
from forums.models import Forum
from summaries import services as summaries
from summaries.enums import SummaryState
from summaries.models import Summary
from tests.celery_worker import PrivateRedis, Worker, free_port, wait_for, worker_env

pytestmark = pytest.mark.django_db(transaction=True)


def test_notes_are_kept_while_redis_is_down_and_generated_once_it_is_back(
    secretariat_client, settings, tmp_path, web_broker
):
    settings.MEDIA_ROOT = tmp_path
    seed()
    forum = Forum.objects.get(year=2026)
    summary = summaries.ensure_summaries(forum).get(session__slug="round-table-3")
    private = PrivateRedis(free_port())
    url = f"redis://127.0.0.1:{private.port}/0"
    web_broker(url)  # nothing listens there yet: Redis is down

    response = secretariat_client.post(
        reverse("admin:summaries_summary_change", args=[summary.pk]),
        {"key_messages": "<p>Consular protection saves lives.</p>", "discussion": "", "recommendations": ""},
        follow=True,
    )
    assert response.status_code == 200
    assert [str(m) for m in response.context["messages"]][-1] == (
        "The notes are saved. Generation is delayed: the task queue cannot be reached; "
        "the daily run will generate this summary once it is back."
    )
    summary.refresh_from_db()
    assert summary.key_messages == "<p>Consular protection saves lives.</p>"
    assert summary.state == SummaryState.PENDING

    private.start()
    worker = Worker(worker_env(url, tmp_path), tmp_path / "worker.log")
    try:
        web_broker(url)
        # What beat runs each day, on a day between the forum's end and its deadline.
        summaries.daily(today=datetime.date(2026, 5, 12))
        wait_for(
            lambda: Summary.objects.get(pk=summary.pk).state == SummaryState.READY,
            timeout=120,
            message="the summary to be generated",
        )
    finally:
        worker.stop()
        private.stop()
    summary.refresh_from_db()
    assert summary.pdf_file.name == "summaries/imrf-2026/round-table-3.pdf"
