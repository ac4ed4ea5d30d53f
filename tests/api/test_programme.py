"""Forums and their programme in the API: sessions (round tables with objectives and co-chairs),
side events, summaries; the objectives and guiding principles. Only what the public pages show."""

import json

import pytest
from django.utils import timezone

from forums.enums import ForumStatus, SessionKind
from summaries.models import Summary
from tests.api.schema import assert_valid
from tests.forums.factories import ForumFactory, RoundTableFactory, SessionFactory, venue_time
from tests.side_events.factories import SideEventCoOrganizerFactory, SideEventFactory, accepted_side_event
from tests.stakeholders.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    return json.loads(response.content)


def programme(n=1):
    forum = ForumFactory()
    for i in range(n):
        RoundTableFactory(
            forum=forum,
            number=i % 4 + 1,
            slug=f"round-table-{i}",
            starts_at=venue_time(forum, 0, 9) + timezone.timedelta(minutes=i),
            objectives=[1, 2],
            co_chairs=["MEX", "KEN"],
        )
        SessionFactory(forum=forum, slug=f"general-debate-{i}", starts_at=venue_time(forum, 2, 10) + timezone.timedelta(minutes=i))
        event = accepted_side_event(
            forum,
            venue_time(forum, 1, 13) + timezone.timedelta(minutes=i),
            venue_time(forum, 1, 14) + timezone.timedelta(minutes=i),
            organization=OrganizationFactory(name=f"Applicant {i}", category="migrant"),
        )
        SideEventCoOrganizerFactory(side_event=event, organization=OrganizationFactory(name=f"Listed partner {i}"))
        SideEventCoOrganizerFactory(
            side_event=event, organization=OrganizationFactory(name=f"Unlisted partner {i}", listed_in_directory=False)
        )
        SideEventCoOrganizerFactory(
            side_event=event, organization=OrganizationFactory(name=f"Invited partner {i}"), state="invited"
        )
    SideEventFactory(forum=forum, title="A draft side event")
    return forum


def test_forums_list_only_public_ones(client):
    programme()
    ForumFactory(year=2030, status=ForumStatus.PLANNING)
    data = get(client, "/api/v1/forums/")
    assert_valid(data, "PagedForums")
    assert [f["year"] for f in data["results"]] == [2026]
    detail = get(client, "/api/v1/forums/2026/")
    assert_valid(detail, "Forum")
    assert detail["start_date"] == "2026-05-05"
    assert get(client, "/api/v1/forums/2030/", status=404)["error"] == "not_found"


def test_sessions_with_round_tables_objectives_and_co_chairs(client):
    programme()
    data = get(client, "/api/v1/forums/2026/sessions/")
    assert_valid(data, "PagedSessions")
    kinds = [(s["kind"], s["round_table"]) for s in data["results"]]
    assert kinds == [
        (
            SessionKind.ROUND_TABLE,
            {
                "number": 1,
                "theme": "Regular pathways and decent work",
                "objectives": [1, 2],
                "co_chairs": ["KEN", "MEX"],
                "keynote_speaker": "",
            },
        ),
        (SessionKind.GENERAL_DEBATE, None),
    ]
    detail = get(client, "/api/v1/forums/2026/sessions/round-table-0/")
    assert_valid(detail, "Session")
    assert detail["round_table"]["co_chairs"] == ["KEN", "MEX"]
    assert get(client, "/api/v1/forums/2026/sessions/nothing/", status=404)["error"] == "not_found"


def test_side_events_only_public_ones_with_listed_co_organisers(client):
    programme()
    data = get(client, "/api/v1/forums/2026/side-events/")
    assert_valid(data, "PagedSideEvents")
    assert [(e["title"].startswith("Side event"), e["organizers"]) for e in data["results"]] == [
        (True, ["Applicant 0", "Listed partner 0"])
    ]
    slug = data["results"][0]["slug"]
    detail = get(client, f"/api/v1/forums/2026/side-events/{slug}/")
    assert_valid(detail, "SideEventDetail")
    assert len(detail["speakers"]) == 1
    draft = SideEventFactory._meta.model.objects.get(title="A draft side event")
    assert get(client, f"/api/v1/forums/2026/side-events/{draft.slug or 'x'}/", status=404)["error"] == "not_found"


def test_summaries_only_once_distributed(client):
    forum = programme()
    sessions = list(forum.sessions.order_by("starts_at"))
    Summary.objects.create(session=sessions[0], key_messages="<p>Shown.</p>", published_at=timezone.now())
    Summary.objects.create(session=sessions[1], key_messages="<p>Not yet.</p>")
    data = get(client, "/api/v1/forums/2026/summaries/")
    assert_valid(data, "PagedSummaries")
    assert [s["key_messages"] for s in data["results"]] == ["<p>Shown.</p>"]
    assert_valid(get(client, f"/api/v1/forums/2026/summaries/{sessions[0].slug}/"), "Summary")
    assert get(client, f"/api/v1/forums/2026/summaries/{sessions[1].slug}/", status=404)["error"] == "not_found"


def test_objectives_and_principles(client):
    data = get(client, "/api/v1/objectives/")
    assert_valid(data, "PagedObjectives")
    assert data["count"] == 23
    assert [o["number"] for o in data["results"]] == list(range(1, 24))
    assert_valid(get(client, "/api/v1/objectives/5/"), "Objective")
    assert get(client, "/api/v1/objectives/24/", status=404)["error"] == "not_found"
    data = get(client, "/api/v1/principles/")
    assert_valid(data, "PagedPrinciples")
    assert [p["letter"] for p in data["results"]] == list("abcdefghij")
    assert get(client, "/api/v1/principles/a/")["letter"] == "a"
    assert get(client, "/api/v1/principles/z/", status=404)["error"] == "not_found"


def test_the_objectives_are_in_the_request_language(client):
    english = get(client, "/api/v1/objectives/1/")["title"]
    response = client.get("/api/v1/objectives/1/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response["Content-Language"] == "fr"
    assert "Accept-Language" in response["Vary"]
    assert json.loads(response.content)["title"] != english


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/forums/?year=2026",
        "/api/v1/forums/2026/?page=1",
        "/api/v1/forums/2026/sessions/?kind=round_table",
        "/api/v1/objectives/?page=1&page=2",
        "/api/v1/principles/?page=x",
    ],
)
def test_bad_parameters_answer_400(client, url):
    programme()
    assert get(client, url, status=400)["error"] == "bad_request"


@pytest.mark.parametrize("n", [1, 50])
@pytest.mark.parametrize(
    ("url", "queries"),
    [
        ("/api/v1/forums/", 2),  # the count, the page
        ("/api/v1/forums/2026/", 1),
        # The forum, the count, the page, the round tables' objectives and co-chairs.
        ("/api/v1/forums/2026/sessions/", 5),
        ("/api/v1/forums/2026/sessions/round-table-0/", 5),
        # The forum, the count, the page, co-organisers, co-organising states, objectives.
        ("/api/v1/forums/2026/side-events/", 6),
        ("/api/v1/forums/2026/summaries/", 3),
        ("/api/v1/objectives/", 2),
        ("/api/v1/principles/", 2),
    ],
)
def test_fixed_queries(client, django_assert_num_queries, n, url, queries):
    forum = programme(n)
    for session in forum.sessions.all():
        Summary.objects.create(session=session, key_messages="<p>Shown.</p>", published_at=timezone.now())
    with django_assert_num_queries(queries):
        get(client, url)


def test_an_unchanged_programme_answers_304(client):
    programme()
    response = client.get("/api/v1/forums/2026/sessions/")
    assert client.get("/api/v1/forums/2026/sessions/", HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
