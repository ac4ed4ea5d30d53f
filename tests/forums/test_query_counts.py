"""Each public page runs a fixed number of queries, however many sessions the forum has."""

import datetime

import pytest

from pledges import tasks
from tests.forums.factories import ForumFactory, RoomFactory, RoundTableFactory, SessionFactory, venue_time
from tests.pledges.factories import published

pytestmark = pytest.mark.django_db


def build_forum(sessions_per_day):
    forum = ForumFactory()
    for number in range(1, 5):
        RoundTableFactory(
            forum=forum,
            number=number,
            slug=f"round-table-{number}",
            room=RoomFactory(),
            objectives=[number, number + 4],
            co_chairs=[["NPL", "CHL"], ["SEN", "IRL"], ["IDN", "ZAF"], ["COL", "SWE"]][number - 1],
        )
    for day in range(4):
        for n in range(sessions_per_day):
            start = venue_time(forum, day, 8) + datetime.timedelta(minutes=20 * n)
            SessionFactory(forum=forum, starts_at=start, ends_at=start + datetime.timedelta(minutes=15))
    # Pledges for the objectives pages list, in the facet index a worker builds.
    for number in range(1, 5):
        published(objectives=[number])
    tasks.warm_registry_index()
    return forum


PAGES = [
    ("/", 4),
    ("/forums/", 1),
    # +1: the regional reviews that feed the forum (reviews, joined in portal); its title, shown
    # outside its cached body, comes from the forum the body was made from.
    ("/forums/2026/", 5),
    ("/forums/2026/programme/", 4),
    ("/forums/2026/programme.ics", 4),
    # A visitor's own programme: the same queries as the programme.
    ("/forums/2026/programme/mine/?session=round-table-1&session=round-table-2", 4),
    ("/forums/2026/programme.ics?session=round-table-1", 4),
    # +1: the pledges for the objectives (one query with their total); +1: the session's summary;
    # +1: the consultations that inform the round table; +1: the published practices for its
    # objectives (its title, outside the body, from the session the body was made from).
    ("/forums/2026/sessions/round-table-1/", 9),
    ("/forums/2026/sessions/round-table-1.ics", 1),
    ("/objectives/", 2),
    ("/objectives/1/", 4),  # +1: its published practices
]


@pytest.mark.parametrize("sessions_per_day", [1, 25])
@pytest.mark.parametrize(("url", "queries"), PAGES)
def test_public_page_queries_do_not_grow_with_sessions(
    client, django_assert_num_queries, url, queries, sessions_per_day
):
    build_forum(sessions_per_day)
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.status_code == 200


# Asked again, a page's body comes from its fragment (core.fragments), and so does what the page
# says of itself outside it (the forum, the session or the objective of its title): no query.
WARM = [
    ("/", 0), ("/forums/2026/", 0), ("/forums/2026/programme/", 0), ("/forums/2026/sessions/round-table-1/", 0),
    ("/objectives/", 0), ("/objectives/1/", 0),
]  # fmt: skip


@pytest.mark.parametrize("sessions_per_day", [1, 25])
@pytest.mark.parametrize(("url", "queries"), WARM)
def test_a_page_asked_again_runs_no_query(client, django_assert_num_queries, url, queries, sessions_per_day):
    build_forum(sessions_per_day)
    client.get(url)
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.status_code == 200
