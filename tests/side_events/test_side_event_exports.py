"""The public side events of a forum as CSV and JSON: only what SideEvent.objects.public() gives,
the co-organisers that confirmed and chose to be listed, cells safe for spreadsheets."""

import csv
import io
import json

import pytest

from forums.enums import ForumStatus
from tests.forums.factories import ForumFactory
from tests.side_events.factories import (
    SideEventCoOrganizerFactory,
    SideEventFactory,
    accepted_side_event,
    lunchtime,
    side_event_forum,
)
from tests.stakeholders.factories import OrganizationFactory, member_of

pytestmark = pytest.mark.django_db


def body(response):
    return b"".join(response.streaming_content).decode("utf-8")


def rows(response):
    text = body(response)
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


def build(n=1):
    forum = side_event_forum()
    events = []
    for i in range(n):
        start, end = lunchtime(forum, i % 3)
        event = accepted_side_event(forum, start, end, title=f'=HYPERLINK("x") talk {i}')
        SideEventCoOrganizerFactory(side_event=event, organization=OrganizationFactory(name=f"Listed {i}"))
        SideEventCoOrganizerFactory(
            side_event=event,
            organization=OrganizationFactory(name=f"Unlisted {i}", listed_in_directory=False),
        )
        SideEventCoOrganizerFactory(
            side_event=event, organization=OrganizationFactory(name=f"Invited {i}"), state="invited"
        )
        events.append(event)
    SideEventFactory(forum=forum, title="Still under review")
    return forum, events


def test_csv_lists_the_public_side_events_only(client):
    forum, [event] = build()
    response = client.get(f"/forums/{forum.year}/side-events/export.csv")
    assert response.status_code == 200
    assert response["X-Licence"] == "CC BY 4.0"
    [row] = rows(response)
    assert row["title"] == '\'=HYPERLINK("x") talk 0'  # no cell is read as a formula
    assert json.loads(row["co_organizers"]) == ["Listed 0"]
    assert row["url"].endswith(event.get_absolute_url())
    assert row["forum"] == str(forum.year)


def test_json_reads_back(client):
    forum, [event] = build()
    data = json.loads(body(client.get(f"/forums/{forum.year}/side-events/export.json")))
    assert data["licence"] == "CC BY 4.0"
    assert [e["title"] for e in data["side_events"]] == [event.title]
    assert data["side_events"][0]["co_organizers"] == ["Listed 0"]


def test_a_forum_not_public_has_no_export(client):
    forum = ForumFactory(year=2031, status=ForumStatus.PLANNING)
    assert client.get(f"/forums/{forum.year}/side-events/export.csv").status_code == 404


def test_every_visitor_gets_the_same_export(client, secretariat_user):
    forum, _events = build()
    anonymous = rows(client.get(f"/forums/{forum.year}/side-events/export.csv"))
    client.force_login(member_of(OrganizationFactory()))
    member = rows(client.get(f"/forums/{forum.year}/side-events/export.csv"))
    client.force_login(secretariat_user)
    staff = rows(client.get(f"/forums/{forum.year}/side-events/export.csv"))
    assert anonymous == member == staff
    assert len(anonymous) == 1


@pytest.mark.parametrize("n", [1, 12])
def test_export_queries_are_fixed(client, django_assert_num_queries, n):
    forum, _events = build(n)
    # the forum; the side events; co-organisers, states, objectives
    with django_assert_num_queries(5):
        assert len(rows(client.get(f"/forums/{forum.year}/side-events/export.csv"))) == n


def test_the_list_page_links_to_the_exports(client):
    forum, _events = build()
    html = client.get(f"/forums/{forum.year}/side-events/").content.decode()
    assert f'href="/forums/{forum.year}/side-events/export.csv"' in html
    assert f'href="/forums/{forum.year}/side-events/export.json"' in html
