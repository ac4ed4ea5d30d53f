"""Demo data: IMRF 2022 and IMRF 2026 with their real dates and the indicative clustering of
objectives into round tables (A/RES/73/326). Names of co-chairs, rooms and panels are
illustrative and say so."""

import datetime

from django.db import transaction
from django.utils import timezone

from forums.demo_i18n import LANGUAGES, LIST_SEPARATOR, in_every_language
from forums.enums import ForumStatus, SessionKind, StatementRole
from forums.models import Forum, Room, RoundTable, Session, Statement, Topic
from forums.services import set_forum_status
from reference.models import MemberState, Objective

ILLUSTRATIVE = "Demo data: speakers, co-chairs and rooms are illustrative."

ROOMS = [
    ("General Assembly Hall", "General Assembly Building", 1800),
    ("Trusteeship Council Chamber", "Conference Building", 500),
    ("ECOSOC Chamber", "Conference Building", 450),
    ("Conference Room 2", "Conference Building", 300),
    ("Conference Room 4", "Conference Building", 400),
    ("Conference Room 11", "Conference Building", 80),
    ("Conference Room 12", "Conference Building", 80),
]

# Indicative clustering of the 23 objectives (A/RES/73/326, para. 10).
ROUND_TABLES = [
    (1, [2, 5, 6, 12, 18]),
    (2, [4, 8, 9, 10, 11, 13, 21]),
    (3, [14, 15, 16, 19, 20, 22]),
    (4, [1, 3, 7, 17, 23]),
]

FORUMS = [
    # year, hearing, first forum day, status (None: by the date today)
    (2022, datetime.date(2022, 5, 16), datetime.date(2022, 5, 17), ForumStatus.CONCLUDED),
    (2026, datetime.date(2026, 5, 4), datetime.date(2026, 5, 5), None),
    # The next edition: provisional dates, no programme yet, open for accreditation.
    (2030, datetime.date(2030, 5, 6), datetime.date(2030, 5, 7), ForumStatus.ANNOUNCED),
]

CO_CHAIRS = {
    2022: [("BGD", "CAN"), ("MEX", "MAR"), ("PHL", "PRT"), ("GHA", "DEU")],
    2026: [("NPL", "CHL"), ("SEN", "IRL"), ("IDN", "ZAF"), ("COL", "SWE")],
}

POLICY_DEBATE_TOPICS = [
    "Challenges in the implementation of the Global Compact, including links with the 2030 Agenda",
    "The capacity-building mechanism",
    "Contemporary and emerging issues related to migration",
    "Guidance for the United Nations system on system-wide effectiveness and coherence",
]


def _theme(numbers, objectives):
    columns = {"theme": LIST_SEPARATOR["en"].join(objectives[n].short_label_en for n in numbers)}
    for language in LANGUAGES:
        labels = (
            getattr(objectives[n], f"short_label_{language}") or objectives[n].short_label_en for n in numbers
        )
        columns[f"theme_{language}"] = LIST_SEPARATOR[language].join(labels)
    return columns


def _columns(field, text):
    return text if isinstance(text, dict) else in_every_language(field, text)


@transaction.atomic
def seed():
    rooms = {}
    for name, location, capacity in ROOMS:
        rooms[name], _ = Room.objects.update_or_create(
            name=name, defaults={"location": location, "capacity": capacity}
        )
    objectives = {o.number: o for o in Objective.objects.all()}
    states = {s.iso3: s for s in MemberState.objects.all()}
    forums = []
    for year, hearing, start, status in FORUMS:
        forum, _ = Forum.objects.update_or_create(
            year=year,
            defaults={
                **in_every_language(
                    "title",
                    "International Migration Review Forum {year}",
                    *([" (provisional dates)"] if year == 2030 else []),
                    year=year,
                ),
                **in_every_language("venue", "United Nations Headquarters, New York"),
                "hearing_date": hearing,
                "start_date": start,
                "end_date": start + datetime.timedelta(days=3),
                "hearing_rapporteur": "Civil-society rapporteur (illustrative)",
                "accreditation_deadline": hearing - datetime.timedelta(days=60),
                "non_objection_deadline": hearing - datetime.timedelta(days=30),
            },
        )
        if year in CO_CHAIRS:
            _programme(forum, rooms, objectives, states)
        if status is None:
            over = forum.end_date < timezone.localdate()
            status = ForumStatus.CONCLUDED if over else ForumStatus.ANNOUNCED
        if forum.status != status:
            if status == ForumStatus.CONCLUDED and forum.status == ForumStatus.PLANNING:
                set_forum_status(forum, ForumStatus.ANNOUNCED)
            set_forum_status(forum, status)
        forums.append(forum)
    return forums


def _session(forum, slug, kind, title, room, day, start, end, **extra):
    starts_at = forum.local_datetime(day, *start)
    ends_at = forum.local_datetime(day, *end)
    if "description" in extra:
        extra.update(_columns("description", extra.pop("description")))
    session, _ = Session.objects.update_or_create(
        forum=forum,
        slug=slug,
        defaults={
            "kind": kind,
            **_columns("title", title),
            "room": room,
            "starts_at": starts_at,
            "ends_at": ends_at,
            **extra,
        },
    )
    return session


def _programme(forum, rooms, objectives, states):
    hearing, day1, day2, day3, day4 = forum.programme_days
    hall = rooms["General Assembly Hall"]
    _session(
        forum,
        "hearing-opening",
        SessionKind.HEARING,
        "Opening of the multi-stakeholder hearing",
        rooms["Trusteeship Council Chamber"],
        hearing,
        (10, 0),
        (10, 30),
        chair="President of the General Assembly",
        description=ILLUSTRATIVE,
        takes_speaking_requests=False,
    )
    _session(
        forum,
        "hearing-panel-1",
        SessionKind.HEARING,
        "Hearing panel 1: Migrants' rights, inclusion and access to services",
        rooms["Trusteeship Council Chamber"],
        hearing,
        (10, 30),
        (13, 0),
        description=ILLUSTRATIVE,
    )
    _session(
        forum,
        "hearing-panel-2",
        SessionKind.HEARING,
        "Hearing panel 2: Regular pathways, decent work and climate mobility",
        rooms["Trusteeship Council Chamber"],
        hearing,
        (15, 0),
        (17, 30),
        description=ILLUSTRATIVE,
    )
    _session(
        forum,
        "hearing-closing",
        SessionKind.HEARING,
        "Closing of the multi-stakeholder hearing",
        rooms["Trusteeship Council Chamber"],
        hearing,
        (17, 30),
        (18, 0),
        chair="President of the General Assembly",
        description=ILLUSTRATIVE,
        takes_speaking_requests=False,
    )

    slots = [
        (day1, (10, 0), (13, 0), "Conference Room 4"),
        (day1, (15, 0), (18, 0), "Conference Room 4"),
        (day2, (10, 0), (13, 0), "Conference Room 4"),
        (day2, (10, 0), (13, 0), "Conference Room 2"),
    ]
    for (number, numbers), (day, start, end, room), pair in zip(
        ROUND_TABLES, slots, CO_CHAIRS[forum.year], strict=True
    ):
        round_table, _ = RoundTable.objects.update_or_create(
            forum=forum,
            slug=f"round-table-{number}",
            defaults={
                "number": number,
                **in_every_language("title", "Round table {number}", number=number),
                **_theme(numbers, objectives),
                "room": rooms[room],
                "starts_at": forum.local_datetime(day, *start),
                "ends_at": forum.local_datetime(day, *end),
                "keynote_speaker": "Keynote speaker (illustrative)" if number in (1, 3) else "",
                **in_every_language(
                    "description",
                    "Interactive multi-stakeholder round table reviewing objectives {objectives} of the Global Compact. ",
                    ILLUSTRATIVE,
                    objectives=", ".join(map(str, numbers)),
                ),
            },
        )
        round_table.objectives.set([objectives[n] for n in numbers])
        round_table.co_chairs.set([states[code] for code in pair])

    debate = _session(
        forum,
        "policy-debate",
        SessionKind.POLICY_DEBATE,
        "Policy debate",
        rooms["Trusteeship Council Chamber"],
        day2,
        (15, 0),
        (18, 0),
        chair="Coordinator of the United Nations Network on Migration",
        description=in_every_language(
            "description", "Opened by technical summaries of the four round tables. ", ILLUSTRATIVE
        ),
    )
    for order, title in enumerate(POLICY_DEBATE_TOPICS, start=1):
        Topic.objects.update_or_create(
            session=debate, order=order, defaults=in_every_language("title", title)
        )

    opening = _session(
        forum,
        "plenary-opening",
        SessionKind.PLENARY_OPENING,
        "Plenary: opening segment",
        hall,
        day3,
        (10, 0),
        (11, 30),
        chair="President of the General Assembly",
        description=ILLUSTRATIVE,
    )
    roles = [*StatementRole.opening_segment(), StatementRole.HEARING_RAPPORTEUR]
    for order, role in enumerate(roles, start=1):
        Statement.objects.update_or_create(session=opening, order=order, defaults={"role": role})

    debate_morning = _session(
        forum,
        "general-debate-1",
        SessionKind.GENERAL_DEBATE,
        in_every_language("title", "Plenary: general debate ({number})", number=1),
        hall,
        day3,
        (11, 30),
        (13, 0),
        chair="President of the General Assembly",
        description=in_every_language(
            "description",
            "National statements, in which States may present their voluntary reviews. ",
            ILLUSTRATIVE,
        ),
    )
    for order, (code, review) in enumerate([("MEX", True), ("PHL", True), ("DEU", False), ("KEN", True)], 1):
        Statement.objects.update_or_create(
            session=debate_morning,
            order=order,
            defaults={
                "role": StatementRole.MEMBER_STATE,
                "member_state": states[code],
                "presents_voluntary_review": review,
            },
        )
    _session(
        forum,
        "general-debate-2",
        SessionKind.GENERAL_DEBATE,
        in_every_language("title", "Plenary: general debate ({number})", number=2),
        hall,
        day3,
        (15, 0),
        (18, 0),
        chair="President of the General Assembly",
        description=ILLUSTRATIVE,
    )
    _session(
        forum,
        "general-debate-3",
        SessionKind.GENERAL_DEBATE,
        in_every_language("title", "Plenary: general debate ({number})", number=3),
        hall,
        day4,
        (10, 0),
        (13, 0),
        chair="President of the General Assembly",
        description=ILLUSTRATIVE,
    )
    _session(
        forum,
        "general-debate-4",
        SessionKind.GENERAL_DEBATE,
        in_every_language("title", "Plenary: general debate ({number})", number=4),
        hall,
        day4,
        (15, 0),
        (17, 0),
        chair="President of the General Assembly",
        description=ILLUSTRATIVE,
    )
    _session(
        forum,
        "plenary-closing",
        SessionKind.PLENARY_CLOSING,
        "Plenary: closing segment and adoption of the Progress Declaration",
        hall,
        day4,
        (17, 0),
        (18, 0),
        chair="President of the General Assembly",
        description=in_every_language(
            "description", "Adoption of the intergovernmentally agreed Progress Declaration. ", ILLUSTRATIVE
        ),
    )
