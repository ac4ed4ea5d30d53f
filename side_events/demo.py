"""Demo side events: a call for each demo forum and, for IMRF 2026, a handful of applications
taken through the real rules (submitted, scored by nobody, decided, scheduled outside the official
hours, decisions sent). Titles, panels and outcomes are illustrative and say so.

Run after forums.demo.seed() and stakeholders.demo.seed(): it uses the organisations accredited
to IMRF 2026 and does nothing without them. Running it twice changes nothing."""

import datetime

from django.db import transaction
from django.utils import timezone

from forums.models import Forum, Room
from reference.enums import Gender, Region
from reference.enums import ParticipantCategory as SpeakerCategory
from reference.models import GuidingPrinciple, MemberState, Objective
from side_events import services as side_events
from side_events.enums import CoOrganizerState, SideEventFormat, SideEventState, SideEventTime
from side_events.models import SideEvent, SideEventCoOrganizer, SideEventSpeaker
from stakeholders.models import Organization

ILLUSTRATIVE = "Demo data: this side event, its speakers and outcomes are illustrative."

# Days before the hearing on which each demo forum's call closes.
CALL_CLOSES = datetime.timedelta(days=75)

# title, format, objectives, principles, co-organising States, decision, (day index, start, end, room), speakers
EVENTS_2026 = [
    (
        "Migrant-led data for inclusion (demo)",
        SideEventFormat.HYBRID,
        [1, 16],
        ["a", "g"],
        ["MEX"],
        SideEventState.ACCEPTED,
        (1, (13, 15), (14, 45), "Conference Room 11"),
        [
            (
                "Speaker A (illustrative)",
                "Director of a migrant-led network",
                Gender.WOMAN,
                SpeakerCategory.MIGRANT,
                Region.AFRICA,
            ),
            (
                "Speaker B (illustrative)",
                "Deputy minister",
                Gender.MAN,
                SpeakerCategory.MEMBER_STATE,
                Region.AMERICAS,
            ),
            ("Speaker C (illustrative)", "Researcher", Gender.WOMAN, SpeakerCategory.ACADEMIA, Region.ASIA),
        ],
    ),
    (
        "Cities welcoming migrants: local pledges (demo)",
        SideEventFormat.IN_PERSON,
        [15, 16, 23],
        ["j"],
        [],
        SideEventState.ACCEPTED,
        (3, (13, 15), (14, 45), "Conference Room 12"),
        [
            (
                "Speaker D (illustrative)",
                "Mayor",
                Gender.WOMAN,
                SpeakerCategory.LOCAL_GOVERNMENT,
                Region.EUROPE,
            ),
            (
                "Speaker E (illustrative)",
                "Youth organiser",
                Gender.NON_BINARY,
                SpeakerCategory.YOUTH,
                Region.OCEANIA,
            ),
        ],
    ),
    (
        "Fair recruitment in practice (demo)",
        SideEventFormat.VIRTUAL,
        [6],
        [],
        [],
        SideEventState.ACCEPTED,
        (0, (8, 15), (9, 45), None),
        [
            (
                "Speaker F (illustrative)",
                "Trade unionist",
                Gender.MAN,
                SpeakerCategory.TRADE_UNION,
                Region.ASIA,
            )
        ],
    ),
    (
        "Remittances and digital finance (demo)",
        SideEventFormat.IN_PERSON,
        [20],
        [],
        [],
        SideEventState.WAITLISTED,
        None,
        [("Speaker G (illustrative)", "Banker", Gender.MAN, SpeakerCategory.PRIVATE_SECTOR, Region.EUROPE)],
    ),
]


@transaction.atomic
def seed_side_events():
    """Open a call on each demo forum; give IMRF 2026 its demo side events. Returns them."""
    for forum in Forum.objects.all():
        if forum.side_event_call_deadline is None:
            forum.side_event_call_deadline = forum.hearing_date - CALL_CLOSES
            forum.save(update_fields=["side_event_call_deadline"])
    forum = Forum.objects.filter(year=2026).first()
    if forum is None:
        return []
    organizations = list(
        Organization.objects.filter(accreditations__forum=forum, accreditations__state="approved").order_by(
            "name"
        )
    )
    if not organizations:
        return []
    objectives = {o.number: o for o in Objective.objects.all()}
    principles = {p.letter: p for p in GuidingPrinciple.objects.all()}
    created = []
    for n, (title, fmt, numbers, letters, states, decision, slot, speakers) in enumerate(EVENTS_2026):
        if SideEvent.objects.filter(forum=forum, title=title).exists():
            continue
        side_event = SideEvent.objects.create(
            forum=forum,
            organization=organizations[n % len(organizations)],
            title=title,
            description=ILLUSTRATIVE,
            format=fmt,
            preferred_day=forum.forum_days[slot[0]] if slot else forum.start_date,
            preferred_time=SideEventTime.MORNING if slot and slot[1][0] < 12 else SideEventTime.LUNCHTIME,
            expected_audience=60 + 20 * n,
            outcomes="A short joint statement. " + ILLUSTRATIVE,
        )
        side_event.objectives.set([objectives[number] for number in numbers])
        side_event.guiding_principles.set([principles[letter] for letter in letters])
        side_event.co_organizing_states.set(MemberState.objects.filter(iso3__in=states))
        if len(organizations) > 1:
            # The demo's co-organisers have already confirmed, so that the public pages show one.
            SideEventCoOrganizer.objects.create(
                side_event=side_event,
                organization=organizations[(n + 1) % len(organizations)],
                state=CoOrganizerState.CONFIRMED,
                answered_at=timezone.now(),
            )
        for order, (name, function, gender, category, region) in enumerate(speakers):
            SideEventSpeaker.objects.create(
                side_event=side_event,
                order=order,
                name=name,
                function=function,
                gender=gender,
                category=category,
                region=region,
            )
        side_events.set_side_event_state(
            side_event, SideEventState.SUBMITTED, today=forum.side_event_call_deadline
        )
        reason = "" if decision == SideEventState.ACCEPTED else "All slots are taken for now. " + ILLUSTRATIVE
        side_events.set_side_event_state(side_event, decision, reason=reason)
        if slot:
            day, start, end, room = slot
            date = forum.forum_days[day]
            side_events.schedule_side_event(
                side_event,
                room=Room.objects.get(name=room) if room else None,
                starts_at=forum.local_datetime(date, *start),
                ends_at=forum.local_datetime(date, *end),
            )
        created.append(side_event)
    side_events.send_decisions(SideEvent.objects.filter(pk__in=[s.pk for s in created]))
    return list(SideEvent.objects.filter(pk__in=[s.pk for s in created]).order_by("title"))
