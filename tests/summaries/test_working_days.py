"""The summaries' deadline: the forum's last day plus 10 working days at UN Headquarters.
Every expected date below was counted by hand on a calendar."""

import datetime

import pytest

from summaries.working_days import deadline, un_headquarters_holidays, working_days_left

D = datetime.date


def holidays(*years):
    return {day for year in years for day, _name in un_headquarters_holidays(year)}


@pytest.mark.parametrize(
    ("last_day", "expected"),
    [
        # IMRF 2022 ended Friday 20 May: two weeks of working days, but Memorial Day (30 May) is skipped.
        (D(2022, 5, 20), D(2022, 6, 6)),
        # IMRF 2026 ends Friday 8 May: Memorial Day (25 May) and Eid al-Adha (27 May) fall after the deadline.
        (D(2026, 5, 8), D(2026, 5, 22)),
        # A forum ending on a Wednesday before Thanksgiving 2026 (26 Nov): the holiday is skipped.
        (D(2026, 11, 18), D(2026, 12, 3)),
        # Ending Friday 18 December 2026: Christmas (Fri 25) and New Year's Day (Fri 1 Jan 2027) are skipped.
        (D(2026, 12, 18), D(2027, 1, 5)),
        # Ending on a Sunday: counting starts on the Monday.
        (D(2026, 6, 7), D(2026, 6, 19)),
        # Independence Day 2026 is a Saturday, observed Friday 3 July.
        (D(2026, 6, 26), D(2026, 7, 13)),
    ],
)
def test_deadline(last_day, expected):
    assert deadline(last_day, holidays(2022, 2026, 2027)) == expected


def test_weekend_holidays_are_observed_on_the_nearest_weekday():
    days = dict((name, day) for day, name in un_headquarters_holidays(2026))
    assert days["Independence Day"] == D(2026, 7, 3)  # Saturday 4 July -> Friday
    days_2027 = dict((name, day) for day, name in un_headquarters_holidays(2027))
    assert days_2027["Independence Day"] == D(2027, 7, 5)  # Sunday 4 July -> Monday
    assert days_2027["Christmas Day"] == D(2027, 12, 24)  # Saturday -> Friday


def test_rule_based_holidays_of_2026():
    assert un_headquarters_holidays(2026) == [
        (D(2026, 1, 1), "New Year's Day"),
        (D(2026, 3, 20), "Eid al-Fitr"),
        (D(2026, 4, 3), "Good Friday"),
        (D(2026, 5, 25), "Memorial Day"),
        (D(2026, 5, 27), "Eid al-Adha"),
        (D(2026, 7, 3), "Independence Day"),
        (D(2026, 9, 7), "Labour Day"),
        (D(2026, 11, 26), "Thanksgiving Day"),
        (D(2026, 12, 25), "Christmas Day"),
    ]


@pytest.mark.parametrize(
    ("today", "left"),
    [
        (D(2026, 5, 8), 10),  # the forum's last day
        (D(2026, 5, 9), 10),  # Saturday: no working day has passed
        (D(2026, 5, 11), 9),
        (D(2026, 5, 19), 3),  # three working days before the deadline: the reminder day
        (D(2026, 5, 22), 0),  # the deadline itself
        (D(2026, 5, 26), -1),  # Monday 25 is Memorial Day; Tuesday 26 is one working day late
        (D(2026, 5, 28), -2),  # Wednesday 27 is Eid al-Adha
    ],
)
def test_working_days_left(today, left):
    assert working_days_left(today, D(2026, 5, 22), holidays(2026)) == left
