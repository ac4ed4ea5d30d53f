"""What the public sees: home, forums, programme day by day, sessions, objectives."""

import pytest

from forums.demo import seed
from forums.enums import ForumStatus
from tests.forums.factories import ForumFactory, RoundTableFactory, SessionFactory, venue_time

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    return {forum.year: forum for forum in seed()}


def text(response):
    return response.content.decode()


def test_home_shows_the_next_forum_and_its_key_dates(client, demo):
    response = client.get("/")
    assert response.status_code == 200
    assert response.context["forum"] == demo[2030]
    page = text(response)
    assert "International Migration Review Forum 2030 (provisional dates)" in page
    assert "Next forum" in page
    assert "Monday 6 May 2030" in page
    assert "7 May – 10 May 2030" in page
    assert 'href="/forums/2030/programme/"' in page
    assert 'href="/forums/2030/programme.ics"' in page
    assert 'href="/objectives/"' in page


def test_home_shows_the_latest_forum_when_none_is_ahead(client, db):
    ForumFactory(year=2022, status=ForumStatus.CONCLUDED)
    ForumFactory(year=2026, status=ForumStatus.CONCLUDED)
    response = client.get("/")
    assert response.context["forum"].year == 2026
    page = text(response)
    assert "Latest forum" in page
    assert "Monday 4 May 2026" in page
    assert "5 May – 8 May 2026" in page


def test_home_falls_back_to_the_latest_forum_once_all_are_over(client, db):
    ForumFactory(year=2022, status=ForumStatus.CONCLUDED)
    assert client.get("/").context["forum"].year == 2022


def test_home_without_any_public_forum_says_so(client, db):
    ForumFactory(status=ForumStatus.PLANNING)
    response = client.get("/")
    assert response.status_code == 200
    assert "No forum has been announced yet." in text(response)


def test_programme_lists_each_day_with_its_sessions_in_venue_time(client, demo):
    response = client.get("/forums/2026/programme/")
    assert response.status_code == 200
    days = response.context["days"]
    assert [d["date"].isoformat() for d in days] == [
        "2026-05-04",
        "2026-05-05",
        "2026-05-06",
        "2026-05-07",
        "2026-05-08",
    ]
    assert days[0]["is_hearing"] is True
    assert [s.slug for s in days[1]["sessions"]] == ["round-table-1", "round-table-2"]
    page = text(response)
    assert "All times are New York time (EDT)." in page
    # Round table 1 starts at 10:00 in New York (14:00 UTC).
    assert '<time datetime="2026-05-05T10:00:00-04:00">10:00</time>' in page


def test_session_page_of_a_round_table(client, demo):
    response = client.get("/forums/2026/sessions/round-table-2/")
    assert response.status_code == 200
    page = text(response)
    assert "Senegal; Ireland" in page or "Ireland; Senegal" in page
    for number in [4, 8, 9, 10, 11, 13, 21]:
        assert f'href="/objectives/{number}/"' in page
    assert "New York time (EDT)" in page


def test_session_page_of_the_plenary_opening_lists_the_five_statements(client, demo):
    page = text(client.get("/forums/2026/sessions/plenary-opening/"))
    for role in [
        "President of the General Assembly",
        "Secretary-General",
        "Director General of IOM",
        "Representative of the migrant community",
        "Representative of civil society",
    ]:
        assert role in page


def test_session_page_of_the_policy_debate_shows_its_chair_and_topics(client, demo):
    page = text(client.get("/forums/2026/sessions/policy-debate/"))
    assert "Coordinator of the United Nations Network on Migration" in page
    assert "The capacity-building mechanism" in page


def test_objectives_list_all_23(client, demo):
    response = client.get("/objectives/")
    assert response.status_code == 200
    assert len(response.context["objectives"]) == 23
    assert "Whole-of-society approach" in text(response)


def test_objective_page_shows_its_round_table_in_each_forum(client, demo):
    response = client.get("/objectives/13/")
    assert response.status_code == 200
    assert [(rt.forum.year, rt.number) for rt in response.context["round_tables"]] == [(2026, 2), (2022, 2)]
    assert "Use migration detention only as a measure of last resort" in text(response)


def test_forum_page_lists_round_tables_with_co_chairs(client, demo):
    response = client.get("/forums/2022/")
    assert response.status_code == 200
    assert [rt.number for rt in response.context["round_tables"]] == [1, 2, 3, 4]


@pytest.mark.parametrize(
    "url",
    [
        "/forums/2034/",
        "/forums/2034/programme/",
        "/forums/2034/programme.ics",
        "/forums/2026/sessions/nope/",
        "/objectives/0/",
        "/objectives/24/",
        "/objectives/99/",
        "/forums/99999999999999999999/",
        "/forums/abcd/",
        "/objectives/-1/",
    ],
)
def test_unknown_forums_sessions_and_objectives_are_404_pages(client, demo, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "Page not found" in text(response)


def test_a_forum_in_preparation_is_not_public(client, db):
    forum = ForumFactory(status=ForumStatus.PLANNING)
    session = SessionFactory(forum=forum)
    assert client.get(f"/forums/{forum.year}/").status_code == 404
    assert client.get(session.get_absolute_url()).status_code == 404


def test_a_round_table_in_a_forum_in_preparation_is_not_listed_on_objective_pages(client, db):
    forum = ForumFactory(status=ForumStatus.PLANNING)
    RoundTableFactory(forum=forum, objectives=[1])
    assert list(client.get("/objectives/1/").context["round_tables"]) == []


def test_pages_refuse_writes(client, demo):
    assert client.post("/forums/2026/programme/").status_code == 405


def test_background_note_is_served_as_a_pdf_download(client, demo, settings, tmp_path):
    from django.core.files.base import ContentFile

    from forums.models import RoundTable

    settings.MEDIA_ROOT = tmp_path
    round_table = RoundTable.objects.get(forum=demo[2026], number=1)
    round_table.background_note.save("x.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    page = text(client.get(round_table.get_absolute_url()))
    assert 'href="/forums/2026/sessions/round-table-1/background-note.pdf"' in page
    response = client.get("/forums/2026/sessions/round-table-1/background-note.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="imrf-2026-round-table-1-background-note.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == b"%PDF-1.4\n%%EOF\n"


def test_a_round_table_without_a_background_note_has_no_download(client, demo):
    assert client.get("/forums/2026/sessions/round-table-2/background-note.pdf").status_code == 404
    assert client.get("/forums/2026/sessions/policy-debate/background-note.pdf").status_code == 404


def test_session_times_use_venue_time_even_for_a_visitor_elsewhere(client, demo, settings):
    settings.TIME_ZONE = "Asia/Tokyo"
    page = text(client.get("/forums/2026/sessions/round-table-1/"))
    assert 'Tuesday 5 May 2026, <bdi dir="ltr"><time datetime="2026-05-05T10:00:00-04:00">10:00</time>' in page


def test_first_session_and_last_on_the_programme(client, forum):
    first = SessionFactory(
        forum=forum, title="First", starts_at=venue_time(forum, 2, 9), ends_at=venue_time(forum, 2, 10)
    )
    last = SessionFactory(
        forum=forum, title="Last", starts_at=venue_time(forum, 3, 17), ends_at=venue_time(forum, 3, 18)
    )
    days = client.get("/forums/2026/programme/").context["days"]
    assert [[s for s in d["sessions"]] for d in days] == [[first], [last]]
