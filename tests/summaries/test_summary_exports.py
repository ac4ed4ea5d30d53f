"""The metadata of the distributed summaries as CSV and JSON: a summary not yet distributed, or
in a forum not public, is not in them."""

import csv
import io
import json

import pytest
from django.utils import timezone

from forums.enums import ForumStatus
from summaries.models import Summary
from tests.forums.factories import ForumFactory, SessionFactory
from tests.stakeholders.factories import OrganizationFactory, member_of

pytestmark = pytest.mark.django_db


def body(response):
    return b"".join(response.streaming_content).decode("utf-8")


def rows(response):
    text = body(response)
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


def build(n=1):
    forum = ForumFactory(year=2030)
    for i in range(n):
        session = SessionFactory(forum=forum, title=f"@SUM(1+1) session {i}", slug=f"session-{i}")
        Summary.objects.create(session=session, published_at=timezone.now(), translations={"fr": "x"})
    Summary.objects.create(session=SessionFactory(forum=forum, title="Not yet distributed", slug="later"))
    hidden = ForumFactory(year=2031, status=ForumStatus.PLANNING)
    Summary.objects.create(session=SessionFactory(forum=hidden, slug="hidden"), published_at=timezone.now())
    return forum


def test_csv_lists_the_distributed_summaries(client):
    forum = build()
    response = client.get(f"/forums/{forum.year}/summaries/export.csv")
    assert response.status_code == 200
    [row] = rows(response)
    assert row["session"] == "'@SUM(1+1) session 0"
    assert row["url"].endswith(f"/forums/{forum.year}/summaries/session-0/")
    assert (row["pdf"], json.loads(row["languages"])) == ("", ["fr"])


def test_json_reads_back(client, secretariat_user):
    forum = build()
    client.force_login(secretariat_user)  # the secretariat gets the public export too
    data = json.loads(body(client.get(f"/forums/{forum.year}/summaries/export.json")))
    assert [s["session"] for s in data["summaries"]] == ["@SUM(1+1) session 0"]
    client.force_login(member_of(OrganizationFactory()))
    assert (
        json.loads(body(client.get(f"/forums/{forum.year}/summaries/export.json")))["summaries"]
        == data["summaries"]
    )


def test_a_forum_not_public_has_no_export(client):
    build()
    assert client.get("/forums/2031/summaries/export.csv").status_code == 404


@pytest.mark.parametrize("n", [1, 10])
def test_export_queries_are_fixed(client, django_assert_num_queries, n):
    forum = build(n)
    with django_assert_num_queries(2):  # the forum; the summaries with their sessions
        assert len(rows(client.get(f"/forums/{forum.year}/summaries/export.csv"))) == n
