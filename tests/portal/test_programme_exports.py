"""A public forum's sessions as CSV and JSON; a forum not public has none."""

import csv
import io
import json

import pytest

from forums.enums import ForumStatus
from tests.forums.factories import ForumFactory, RoundTableFactory, SessionFactory
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
        SessionFactory(forum=forum, title=f"+Opening {i}", slug=f"opening-{i}")
    RoundTableFactory(forum=forum, number=1, slug="round-table-1", objectives=[2, 1])
    SessionFactory(forum=ForumFactory(year=2031, status=ForumStatus.PLANNING), slug="hidden")
    return forum


def test_csv_lists_the_sessions(client):
    forum = build()
    response = client.get(f"/forums/{forum.year}/programme.csv")
    assert response.status_code == 200
    found = {row["url"].rsplit("/", 2)[-2]: row for row in rows(response)}
    assert sorted(found) == ["opening-0", "round-table-1"]
    assert found["opening-0"]["title"] == "'+Opening 0"
    assert json.loads(found["round-table-1"]["objectives"]) == [1, 2]


def test_json_reads_back_the_same_for_everyone(client, secretariat_user):
    forum = build()
    anonymous = json.loads(body(client.get(f"/forums/{forum.year}/programme.json")))["sessions"]
    client.force_login(member_of(OrganizationFactory()))
    member = json.loads(body(client.get(f"/forums/{forum.year}/programme.json")))["sessions"]
    client.force_login(secretariat_user)
    staff = json.loads(body(client.get(f"/forums/{forum.year}/programme.json")))["sessions"]
    assert anonymous == member == staff
    assert len(anonymous) == 2


def test_a_forum_not_public_has_no_export(client):
    build()
    assert client.get("/forums/2031/programme.csv").status_code == 404


@pytest.mark.parametrize("n", [1, 10])
def test_export_queries_are_fixed(client, django_assert_num_queries, n):
    forum = build(n)
    with django_assert_num_queries(3):  # the forum; the sessions; the round tables' objectives
        assert len(rows(client.get(f"/forums/{forum.year}/programme.csv"))) == n + 1


def test_the_programme_links_to_the_exports(client):
    forum = build()
    html = client.get(f"/forums/{forum.year}/programme/").content.decode()
    assert f'href="/forums/{forum.year}/programme.csv"' in html
