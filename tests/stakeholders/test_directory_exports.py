"""The directory as CSV and JSON: only organisations listed by their own choice and accredited
to a public forum, and of each only what it agreed to publish."""

import csv
import io
import json

import pytest

from forums.enums import ForumStatus
from tests.forums.factories import ForumFactory
from tests.stakeholders.factories import (
    AccreditationFactory,
    OrganizationFactory,
    listed_organization,
    member_of,
    open_forum,
)

# The organisations these tests need: accredited (approved unless said), listed.
accredited = listed_organization

pytestmark = pytest.mark.django_db


def body(response):
    return b"".join(response.streaming_content).decode("utf-8")


def rows(response):
    text = body(response)
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))



def build(n=1):
    forum = open_forum()
    draft = ForumFactory(year=2032, status=ForumStatus.PLANNING)
    for i in range(n):
        accredited(
            forum,
            name=f"=cmd|' /C calc'!A0 network {i}",
            website="https://open.example.org",
            description="What we do, published.",
        )
    accredited(
        forum,
        name="Reserved Alliance",
        website="https://private.example.org",
        description="Not for publication.",
        publish_website=False,
        publish_description=False,
    )
    accredited(forum, name="Unlisted Collective", listed_in_directory=False)
    accredited(draft, name="Only in a draft forum")
    AccreditationFactory(organization=OrganizationFactory(name="Still applying"), forum=forum)
    return forum


def test_csv_lists_what_each_agreed_to_publish(client):
    forum = build()
    response = client.get("/organizations/export.csv")
    assert response.status_code == 200
    found = {row["name"]: row for row in rows(response)}
    assert sorted(found) == ["'=cmd|' /C calc'!A0 network 0", "Reserved Alliance"]
    reserved = found["Reserved Alliance"]
    assert (reserved["website"], reserved["description"]) == ("", "")
    published = found["'=cmd|' /C calc'!A0 network 0"]
    assert (published["website"], published["country"]) == ("https://open.example.org", "KEN")
    assert json.loads(published["forums"]) == [forum.year]
    assert "private.example.org" not in body(client.get("/organizations/export.json"))


def test_json_reads_back(client):
    build()
    data = json.loads(body(client.get("/organizations/export.json")))
    assert data["licence"] == "CC BY 4.0"
    assert [o["name"] for o in data["organizations"]] == ["=cmd|' /C calc'!A0 network 0", "Reserved Alliance"]
    assert data["organizations"][1]["description"] is None


def test_every_visitor_gets_the_same_export(client, secretariat_user):
    build()
    anonymous = rows(client.get("/organizations/export.csv"))
    client.force_login(member_of(OrganizationFactory()))
    member = rows(client.get("/organizations/export.csv"))
    client.force_login(secretariat_user)
    assert anonymous == member == rows(client.get("/organizations/export.csv"))


@pytest.mark.parametrize("n", [1, 12])
def test_export_queries_are_fixed(client, django_assert_num_queries, n):
    build(n)
    with django_assert_num_queries(2):  # the organisations; their public accreditations
        assert len(rows(client.get("/organizations/export.csv"))) == n + 1


def test_the_directory_links_to_the_exports(client):
    build()
    html = client.get("/organizations/").content.decode()
    assert 'href="/organizations/export.csv"' in html
    assert 'href="/organizations/export.json"' in html
