"""Working days at UN Headquarters: Monday to Friday, less the official holidays.

The President of the General Assembly distributes the forum's summaries within 10 working days
after it ends; `deadline` says which day that is and `working_days_left` how many remain.
"""

import datetime

from dateutil.easter import easter

SUMMARY_WORKING_DAYS = 10


def is_working_day(day, holidays):
    return day.weekday() < 5 and day not in holidays


def add_working_days(start, count, holidays):
    """The `count`-th working day after `start` (start itself not counted)."""
    day = start
    remaining = count
    while remaining:
        day += datetime.timedelta(days=1)
        if is_working_day(day, holidays):
            remaining -= 1
    return day


def deadline(last_day, holidays, count=SUMMARY_WORKING_DAYS):
    return add_working_days(last_day, count, holidays)


def working_days_left(today, due, holidays):
    """Working days from tomorrow up to and including `due`; 0 on the day itself, negative after."""
    if today > due:
        return -sum(
            1
            for n in range(1, (today - due).days + 1)
            if is_working_day(due + datetime.timedelta(days=n), holidays)
        )
    return sum(
        1
        for n in range(1, (due - today).days + 1)
        if is_working_day(today + datetime.timedelta(days=n), holidays)
    )


def observed(day):
    """A holiday on a Saturday is observed on the Friday before, on a Sunday the Monday after."""
    if day.weekday() == 5:
        return day - datetime.timedelta(days=1)
    if day.weekday() == 6:
        return day + datetime.timedelta(days=1)
    return day


def _nth_weekday(year, month, weekday, n):
    first = datetime.date(year, month, 1)
    offset = (weekday - first.weekday()) % 7
    return first + datetime.timedelta(days=offset + 7 * (n - 1))


def _last_weekday(year, month, weekday):
    last = datetime.date(year + (month == 12), month % 12 + 1, 1) - datetime.timedelta(days=1)
    return last - datetime.timedelta(days=(last.weekday() - weekday) % 7)


# Eid dates as announced for New York; each year's information circular fixes them, and staff
# correct the table in the admin when it differs.
EID_AL_FITR = {
    2022: datetime.date(2022, 5, 2),
    2023: datetime.date(2023, 4, 21),
    2024: datetime.date(2024, 4, 10),
    2025: datetime.date(2025, 3, 31),
    2026: datetime.date(2026, 3, 20),
    2027: datetime.date(2027, 3, 10),
    2028: datetime.date(2028, 2, 28),
    2029: datetime.date(2029, 2, 15),
    2030: datetime.date(2030, 2, 5),
    2031: datetime.date(2031, 1, 24),
}
EID_AL_ADHA = {
    2022: datetime.date(2022, 7, 8),
    2023: datetime.date(2023, 6, 28),
    2024: datetime.date(2024, 6, 17),
    2025: datetime.date(2025, 6, 6),
    2026: datetime.date(2026, 5, 27),
    2027: datetime.date(2027, 5, 17),
    2028: datetime.date(2028, 5, 5),
    2029: datetime.date(2029, 4, 24),
    2030: datetime.date(2030, 4, 12),
    2031: datetime.date(2031, 4, 2),
}


def un_headquarters_holidays(year):
    """(date, name) of UN Headquarters' official holidays in `year`, as observed."""
    fixed = [
        (datetime.date(year, 1, 1), "New Year's Day"),
        (easter(year) - datetime.timedelta(days=2), "Good Friday"),
        (_last_weekday(year, 5, 0), "Memorial Day"),
        (datetime.date(year, 7, 4), "Independence Day"),
        (_nth_weekday(year, 9, 0, 1), "Labour Day"),
        (_nth_weekday(year, 11, 3, 4), "Thanksgiving Day"),
        (datetime.date(year, 12, 25), "Christmas Day"),
    ]
    if year in EID_AL_FITR:
        fixed.append((EID_AL_FITR[year], "Eid al-Fitr"))
    if year in EID_AL_ADHA:
        fixed.append((EID_AL_ADHA[year], "Eid al-Adha"))
    return sorted((observed(day), name) for day, name in fixed)


SEEDED_YEARS = range(2022, 2032)


def seed_holidays(Holiday):  # noqa: N803 - a model class, historical in a migration
    """Put the holidays of the years the portal covers into this model."""
    for year in SEEDED_YEARS:
        for day, name in un_headquarters_holidays(year):
            Holiday.objects.get_or_create(date=day, defaults={"name": name})
