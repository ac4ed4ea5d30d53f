"""The programme's body is rendered once per programme version, language and ticked selection
(core.fragments): a repeat reads it and the forum's title from the cache without a query, a
programme edit or a side event scheduled shows at once, a change in another domain keeps it."""

import datetime

import pytest

from core import cache_versions
from forums.models import Session
from side_events import services as side_event_services
from tests.forums.factories import ForumFactory, RoomFactory, RoundTableFactory, SessionFactory, venue_time
from tests.side_events.factories import accepted_side_event

pytestmark = pytest.mark.django_db

URL = "/forums/2026/programme/"


@pytest.fixture
def forum():
    forum = ForumFactory(year=2026)
    SessionFactory(forum=forum, title="Plenary: opening", slug="opening", starts_at=venue_time(forum, 1, 10))
    RoundTableFactory(forum=forum, number=1, slug="round-table-1", room=RoomFactory(), objectives=[1, 5])
    return forum


def get(client, url, queries, django_assert_num_queries):
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_repeat_renders_from_the_fragment(client, forum, django_assert_num_queries):
    # Cold: the forum, the sessions, their round tables' objectives, the side events.
    cold = get(client, URL, 4, django_assert_num_queries)
    # Warm: none (the forum's title and year, for the page's title and breadcrumbs, are kept
    # under the programme's versions too).
    warm = get(client, URL, 0, django_assert_num_queries)
    assert "Plenary: opening" in cold
    assert warm == cold


def test_a_programme_edit_shows_at_once(client, forum, django_assert_num_queries, django_capture_on_commit_callbacks):
    get(client, URL, 4, django_assert_num_queries)
    session = Session.objects.get(slug="opening")
    session.title = "Plenary: welcome"
    with django_capture_on_commit_callbacks(execute=True):
        session.save()
    body = get(client, URL, 4, django_assert_num_queries)
    assert ("Plenary: welcome" in body, "Plenary: opening" in body) == (True, False)


def test_a_side_event_scheduled_shows_at_once(
    client, forum, django_assert_num_queries, django_capture_on_commit_callbacks
):
    start = venue_time(forum, 2, 13)
    side_event = accepted_side_event(forum, None, None, title="Side event on remittances")
    # Accepted and sent, but without a slot: not in the programme yet.
    assert "Side event on remittances" not in get(client, URL, 4, django_assert_num_queries)
    with django_capture_on_commit_callbacks(execute=True):
        side_event_services.schedule_side_event(
            side_event, room=RoomFactory(), starts_at=start, ends_at=start + datetime.timedelta(hours=1)
        )
    assert "Side event on remittances" in get(client, URL, 4, django_assert_num_queries)


def test_a_change_elsewhere_keeps_the_fragment(client, forum, django_assert_num_queries):
    get(client, URL, 4, django_assert_num_queries)
    cache_versions.bump(cache_versions.REGISTRY, cache_versions.PRACTICES)
    get(client, URL, 0, django_assert_num_queries)


def test_each_language_and_selection_has_its_own(client, forum, django_assert_num_queries):
    english = get(client, URL, 4, django_assert_num_queries)
    french = get(client, f"/fr{URL}", 4, django_assert_num_queries)
    assert ("Programme\xa0:" in french, "Programme:" in english) == (True, True)
    ticked = get(client, f"{URL}?session=opening", 4, django_assert_num_queries)
    assert ('value="opening" id="choose-session-opening" checked' in ticked, " checked" in english) == (True, False)
    assert get(client, f"/fr{URL}", 0, django_assert_num_queries) == french
