"""The scheduling rules staff meet in the admin, each with its message."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from forums.enums import SessionKind
from forums.models import Session
from forums.services import coverage_warnings, objective_coverage, validate_co_chairs
from reference.models import MemberState, Objective
from tests.forums.factories import ForumFactory, RoomFactory, RoundTableFactory, SessionFactory, venue_time

pytestmark = pytest.mark.django_db


def errors_of(instance):
    with pytest.raises(ValidationError) as caught:
        instance.full_clean()
    return caught.value.message_dict


def test_a_session_inside_the_forum_days_is_valid(forum):
    session = SessionFactory.build(
        forum=forum, room=RoomFactory(), starts_at=venue_time(forum, 3, 15), ends_at=venue_time(forum, 3, 18)
    )
    session.full_clean()


def test_a_session_after_the_last_forum_day_is_refused(forum):
    session = SessionFactory.build(
        forum=forum,
        room=RoomFactory(),
        starts_at=forum.local_datetime(datetime.date(2026, 5, 9), 10),
        ends_at=forum.local_datetime(datetime.date(2026, 5, 9), 12),
    )
    assert errors_of(session) == {
        "starts_at": [
            "The forum runs from 2026-05-05 to 2026-05-08 (venue time); this session starts on 2026-05-09."
        ]
    }


def test_the_date_is_judged_in_venue_time_not_utc(forum):
    # 21:00 in New York on the last day is already the next day in UTC.
    session = SessionFactory.build(
        forum=forum, room=RoomFactory(), starts_at=venue_time(forum, 3, 20), ends_at=venue_time(forum, 3, 21)
    )
    session.full_clean()


def test_a_hearing_session_must_be_on_the_hearing_day(forum):
    session = SessionFactory.build(
        forum=forum,
        kind=SessionKind.HEARING,
        room=RoomFactory(),
        starts_at=venue_time(forum, 0, 10),
        ends_at=venue_time(forum, 0, 11),
    )
    assert errors_of(session) == {
        "starts_at": [
            "The multi-stakeholder hearing takes place on 2026-05-04 (venue time); this session starts on 2026-05-05."
        ]
    }


def test_a_forum_session_on_the_hearing_day_is_refused(forum):
    session = SessionFactory.build(
        forum=forum,
        room=RoomFactory(),
        starts_at=venue_time(forum, -1, 10),
        ends_at=venue_time(forum, -1, 11),
    )
    assert list(errors_of(session)) == ["starts_at"]


def test_a_session_ending_before_it_starts_is_refused(forum):
    session = SessionFactory.build(
        forum=forum, room=RoomFactory(), starts_at=venue_time(forum, 1, 12), ends_at=venue_time(forum, 1, 11)
    )
    assert errors_of(session) == {"ends_at": ["The session must end after it starts."]}


def test_two_sessions_in_one_room_at_overlapping_times_are_refused(forum):
    room = RoomFactory(name="Conference Room 4")
    SessionFactory(
        forum=forum,
        room=room,
        title="Round-up",
        starts_at=venue_time(forum, 1, 10),
        ends_at=venue_time(forum, 1, 12),
    )
    clashing = SessionFactory.build(
        forum=forum, room=room, starts_at=venue_time(forum, 1, 11, 30), ends_at=venue_time(forum, 1, 13)
    )
    assert errors_of(clashing) == {
        "room": ["Conference Room 4 is already taken by “Round-up” from 2026-05-06 10:00 to 12:00."]
    }


def test_back_to_back_sessions_in_one_room_are_fine(forum):
    room = RoomFactory()
    SessionFactory(
        forum=forum, room=room, starts_at=venue_time(forum, 1, 10), ends_at=venue_time(forum, 1, 12)
    )
    SessionFactory.build(
        forum=forum, room=room, starts_at=venue_time(forum, 1, 12), ends_at=venue_time(forum, 1, 13)
    ).full_clean()


def test_a_session_does_not_clash_with_itself_when_edited(forum):
    session = SessionFactory(
        forum=forum, starts_at=venue_time(forum, 1, 10), ends_at=venue_time(forum, 1, 12)
    )
    session.title = "Renamed"
    session.full_clean()


def test_a_round_table_needs_exactly_two_co_chairs(forum):
    with pytest.raises(ValidationError) as caught:
        validate_co_chairs(
            MemberState.objects.filter(iso3="NPL"),
            starts_at=venue_time(forum, 0, 10),
            ends_at=venue_time(forum, 0, 13),
        )
    assert caught.value.message_dict == {
        "co_chairs": ["A round table is co-chaired by exactly two Member States; 1 chosen."]
    }
    with pytest.raises(ValidationError):
        validate_co_chairs(
            MemberState.objects.filter(iso3__in=["NPL", "CHL", "SEN"]),
            starts_at=venue_time(forum, 0, 10),
            ends_at=venue_time(forum, 0, 13),
        )


def test_a_member_state_cannot_co_chair_two_overlapping_round_tables(forum):
    RoundTableFactory(
        forum=forum,
        number=3,
        title="Round table 3",
        co_chairs=["IDN", "ZAF"],
        starts_at=venue_time(forum, 1, 10),
        ends_at=venue_time(forum, 1, 13),
    )
    with pytest.raises(ValidationError) as caught:
        validate_co_chairs(
            MemberState.objects.filter(iso3__in=["ZAF", "SWE"]),
            starts_at=venue_time(forum, 1, 10),
            ends_at=venue_time(forum, 1, 13),
        )
    assert caught.value.message_dict == {
        "co_chairs": ["South Africa already co-chairs “Round table 3”, which overlaps this round table."]
    }


def test_the_same_co_chair_at_different_times_is_fine(forum):
    RoundTableFactory(
        forum=forum,
        number=1,
        co_chairs=["IDN", "ZAF"],
        starts_at=venue_time(forum, 0, 10),
        ends_at=venue_time(forum, 0, 13),
    )
    validate_co_chairs(
        MemberState.objects.filter(iso3__in=["ZAF", "SWE"]),
        starts_at=venue_time(forum, 0, 15),
        ends_at=venue_time(forum, 0, 18),
    )


def test_a_forum_cannot_have_two_round_tables_with_one_number(forum):
    RoundTableFactory(
        forum=forum, number=2, starts_at=venue_time(forum, 0, 10), ends_at=venue_time(forum, 0, 13)
    )
    duplicate = RoundTableFactory.build(
        forum=forum,
        number=2,
        room=RoomFactory(),
        starts_at=venue_time(forum, 0, 15),
        ends_at=venue_time(forum, 0, 18),
    )
    assert errors_of(duplicate) == {"number": ["This forum already has a round table 2."]}


def test_coverage_of_the_indicative_clustering_is_complete(forum):
    for number, objectives in [
        (1, [2, 5, 6, 12, 18]),
        (2, [4, 8, 9, 10, 11, 13, 21]),
        (3, [14, 15, 16, 19, 20, 22]),
        (4, [1, 3, 7, 17, 23]),
    ]:
        RoundTableFactory(forum=forum, number=number, objectives=objectives, room=RoomFactory())
    assert objective_coverage(forum).complete
    assert coverage_warnings(forum) == []


def test_coverage_names_objectives_left_out_and_covered_twice(forum):
    RoundTableFactory(forum=forum, number=1, objectives=list(range(1, 13)), room=RoomFactory())
    RoundTableFactory(forum=forum, number=2, objectives=list(range(12, 22)), room=RoomFactory())
    coverage = objective_coverage(forum)
    assert [o.number for o in coverage.missing] == [22, 23]
    assert [o.number for o in coverage.duplicated] == [12]
    assert coverage_warnings(forum) == [
        "The round tables of International Migration Review Forum 2026 leave out objectives 22, 23.",
        "The round tables of International Migration Review Forum 2026 cover objectives 12 more than once.",
    ]


def test_coverage_of_one_forum_ignores_another():
    forum_2022 = ForumFactory(year=2022)
    forum_2026 = ForumFactory(year=2026)
    RoundTableFactory(forum=forum_2022, number=1, objectives=list(range(1, 24)), room=RoomFactory())
    assert objective_coverage(forum_2026).missing == list(Objective.objects.all())
    assert objective_coverage(forum_2022).complete


def test_forum_must_last_four_days_after_the_hearing():
    forum = ForumFactory.build(
        year=2030,
        hearing_date=datetime.date(2030, 5, 7),
        start_date=datetime.date(2030, 5, 6),
        end_date=datetime.date(2030, 5, 8),
    )
    assert errors_of(forum) == {
        "hearing_date": ["The hearing takes place before the first forum day."],
        "end_date": ["The forum lasts four days: with a first day of 2030-05-06 the last day is 2030-05-09."],
    }


@pytest.mark.parametrize("year", [2021, 2023, 2024, 2025, 2027])
def test_forum_editions_are_every_four_years_from_2022(year):
    forum = ForumFactory.build(
        year=year,
        hearing_date=datetime.date(year, 5, 4),
        start_date=datetime.date(year, 5, 5),
        end_date=datetime.date(year, 5, 8),
    )
    assert errors_of(forum) == {
        "year": [
            f"The forum meets every four years from 2022 (2022, 2026, 2030, ...); {year} is not an edition year."
        ]
    }


def test_sessions_are_kept_in_start_order(forum):
    late = SessionFactory(forum=forum, starts_at=venue_time(forum, 3, 15), ends_at=venue_time(forum, 3, 16))
    early = SessionFactory(forum=forum, starts_at=venue_time(forum, 2, 10), ends_at=venue_time(forum, 2, 11))
    assert list(Session.objects.filter(forum=forum)) == [early, late]
