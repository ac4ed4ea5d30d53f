"""Writing, generating, tracking and publishing the post-forum summaries."""

import datetime
import subprocess

import pytest
from django.core import mail
from django.urls import reverse

from core.models import ActivityLog
from forums.demo import seed
from forums.models import Forum
from stakeholders.enums import AccreditationState, DelegateState
from summaries import services as summaries
from summaries.enums import SummaryState
from summaries.models import Summary, SummaryMailing
from tests.celery_worker import pdftotext
from tests.pledges.factories import published
from tests.stakeholders.factories import AccreditationFactory, DelegateFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def forum(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    seed()
    forum = Forum.objects.get(year=2026)
    summaries.ensure_summaries(forum)
    return forum


def summary_of(forum, slug):
    return Summary.objects.select_related("session").get(session__forum=forum, session__slug=slug)


def test_rich_text_is_sanitised():
    dirty = (
        '<p onclick="x()">Fair <strong>recruitment</strong><script>alert(1)</script></p>'
        '<a href="javascript:alert(1)">bad</a><a href="https://migrationnetwork.un.org">good</a><img src=x>'
    )
    assert summaries.sanitise(dirty) == (
        '<p>Fair <strong>recruitment</strong></p><a rel="noopener noreferrer">bad</a>'
        '<a href="https://migrationnetwork.un.org" rel="noopener noreferrer">good</a>'
    )


def test_every_session_gets_a_summary_once(forum):
    assert summaries.ensure_summaries(forum).count() == 15
    assert summaries.ensure_summaries(forum).count() == 15


def test_generation_stores_html_and_a_tagged_pdf_and_is_idempotent(forum, settings):
    summary = summary_of(forum, "round-table-1")
    summary.key_messages = "<p>Regular pathways must widen.</p>"
    summary.save()
    summaries.generate(summary.pk)
    summary.refresh_from_db()
    assert summary.state == SummaryState.READY
    pdf = settings.MEDIA_ROOT / summary.pdf_file.name
    assert pdf.read_bytes().startswith(b"%PDF-1.7")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "Tagged:          yes" in info  # tagged for accessibility (PDF/UA)
    text = " ".join(pdftotext(pdf).split())
    assert "International Migration Review Forum 2026" in text
    assert "Regular pathways must widen." in text
    assert "Chile; Nepal" in text
    assert text.endswith("1/1")  # page numbers
    entries = ActivityLog.objects.filter(action="summary.state").count()
    first_hash, first_time = summary.content_hash, summary.generated_at
    summaries.generate(summary.pk)
    summary.refresh_from_db()
    assert (summary.content_hash, summary.generated_at) == (first_hash, first_time)
    assert ActivityLog.objects.filter(action="summary.state").count() == entries
    assert sorted(p.name for p in pdf.parent.iterdir()) == ["round-table-1.html", "round-table-1.pdf"]


def test_the_pdf_fetches_nothing_from_outside(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "ok.txt").write_text("ok")
    fetcher = summaries.portal_url_fetcher()
    for url in ["https://example.org/tracker.png", "file:///etc/passwd", "file:///media/../../etc/passwd"]:
        with pytest.raises(ValueError):
            fetcher(url)
    assert fetcher("file:///media/ok.txt").read() == b"ok"
    assert fetcher("file:///static/css/site.css").read().startswith(b"/*")


@pytest.mark.parametrize("count", [1, 40])
def test_facts_name_the_published_pledges_in_constant_queries(forum, django_assert_num_queries, count):
    for _ in range(count):
        published(forum=forum, objectives=[2])
    published(forum=forum, objectives=[3])  # another round table's objective
    summary = summary_of(forum, "round-table-1")
    with django_assert_num_queries(6):
        facts = summaries.facts(summary)
    assert len(facts["pledges"]) == count
    assert [o.number for o in facts["objectives"]] == [2, 5, 6, 12, 18]


def test_admin_shows_deadline_days_left_and_states(secretariat_client, forum):
    response = secretariat_client.get(reverse("admin:summaries_summary_changelist"))
    assert response.status_code == 200
    rows = {row["forum"].year: row for row in response.context["deadlines"]}
    assert rows[2026]["status"].deadline == datetime.date(2026, 5, 22)
    assert rows[2026]["status"].late is True
    assert rows[2026]["counts"][SummaryState.PENDING] == 15
    assert "LATE" in response.content.decode()


def test_staff_save_notes_and_the_summary_is_generated(
    secretariat_client, forum, django_capture_on_commit_callbacks
):
    summary = summary_of(forum, "policy-debate")
    url = reverse("admin:summaries_summary_change", args=[summary.pk])
    typed = "Capacity building **works**.\n\n<script>x</script>"
    data = {"key_messages": typed, "discussion": "", "recommendations": ""}
    with django_capture_on_commit_callbacks(execute=True):
        response = secretariat_client.post(url, data)
    assert response.status_code == 302
    summary.refresh_from_db()
    # Kept as typed (Markdown); rendered and sanitised where it is shown.
    assert summary.key_messages == typed
    assert summary.state == SummaryState.READY
    html = summaries.render_html(summary)
    assert "<p>Capacity building <strong>works</strong>.</p>" in html
    assert "<script>x" not in html


def test_the_daily_run_reminds_three_working_days_before_once_and_flags_late_once(
    forum, secretariat_user, django_capture_on_commit_callbacks
):
    summaries.generate(summary_of(forum, "round-table-1").pk)
    with django_capture_on_commit_callbacks(execute=True):
        summaries.daily(today=datetime.date(2026, 5, 19))
        summaries.daily(today=datetime.date(2026, 5, 19))
    assert [m.subject for m in mail.outbox] == [
        "[IMRF Portal] International Migration Review Forum 2026: summaries due 22 May 2026, three working days left"
    ]
    assert mail.outbox[0].to == [secretariat_user.email]
    assert "Policy debate" in mail.outbox[0].body
    # The daily run generated the missing drafts.
    assert not Summary.objects.filter(session__forum=forum, state=SummaryState.PENDING).exists()
    summaries.daily(today=datetime.date(2026, 5, 26))
    summaries.daily(today=datetime.date(2026, 5, 27))
    assert ActivityLog.objects.filter(action="summaries.late", object_id=forum.pk).count() == 1


def test_publishing_makes_them_public_and_mails_each_confirmed_delegate_once(
    client, forum, secretariat_user, django_capture_on_commit_callbacks
):
    accreditation = AccreditationFactory(forum=forum, state=AccreditationState.APPROVED)
    for n in range(230):
        DelegateFactory(accreditation=accreditation, email=f"d{n}@example.org", state=DelegateState.CONFIRMED)
    DelegateFactory(accreditation=accreditation, email="pending@example.org")
    for summary in Summary.objects.filter(session__forum=forum):
        summaries.generate(summary.pk)
    with django_capture_on_commit_callbacks(execute=True):
        assert summaries.publish(forum, by=secretariat_user) == 15
    # One message per delegate: nobody sees the others' addresses.
    assert sorted(m.to[0] for m in mail.outbox) == sorted(f"d{n}@example.org" for n in range(230))
    with django_capture_on_commit_callbacks(execute=True):
        assert summaries.publish(forum, by=secretariat_user) == 0
    assert summaries.mail_delegates(forum) == 0
    assert len(mail.outbox) == 230
    assert SummaryMailing.objects.filter(forum=forum).count() == 230

    page = client.get("/forums/2026/summaries/")
    assert page.status_code == 200
    assert len(page.context["summaries"]) == 15
    detail = client.get("/forums/2026/summaries/round-table-1/")
    assert detail.status_code == 200
    pdf = client.get("/forums/2026/summaries/round-table-1.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    compilation = client.get("/forums/2026/summaries/all.pdf")
    assert b"".join(compilation.streaming_content).startswith(b"%PDF-")


def test_unpublished_summaries_are_not_public(client, forum):
    summaries.generate(summary_of(forum, "round-table-1").pk)
    assert client.get("/forums/2026/summaries/round-table-1/").status_code == 404
    assert client.get("/forums/2026/summaries/round-table-1.pdf").status_code == 404
    assert client.get("/forums/2026/summaries/all.pdf").status_code == 404
    assert "No summary has been published yet." in client.get("/forums/2026/summaries/").content.decode()


@pytest.mark.parametrize("published_count", [1, 15])
def test_summary_list_queries_are_constant(client, forum, django_assert_num_queries, published_count):
    for summary in Summary.objects.filter(session__forum=forum)[:published_count]:
        Summary.objects.filter(pk=summary.pk).update(
            state=SummaryState.PUBLISHED, published_at=summary.updated_at
        )
    with django_assert_num_queries(5):
        assert client.get("/forums/2026/summaries/").status_code == 200
