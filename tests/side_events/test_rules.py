"""Side events: every state change through set_side_event_state, the criteria helpers on known
data, the slot rules and the late-notice warning."""

import datetime
from fractions import Fraction
from types import SimpleNamespace

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from core.models import ActivityLog
from reference.enums import Gender, Region, StakeholderCategory
from reference.enums import ParticipantCategory as SpeakerCategory
from side_events import services as side_events
from side_events.enums import SideEventFormat, SideEventState, stakeholder_speaker_categories
from side_events.models import SideEvent
from tests.core.factories import UserFactory
from tests.forums.factories import RoomFactory, RoundTableFactory, SessionFactory, venue_time
from tests.side_events.factories import (
    SideEventFactory,
    SideEventSpeakerFactory,
    accepted_side_event,
    lunchtime,
    side_event_forum,
)
from tests.stakeholders.factories import MembershipFactory

S = SideEventState
BEFORE_DEADLINE = datetime.date(2030, 2, 1)
AFTER_DEADLINE = datetime.date(2030, 3, 2)


def test_speaker_categories_cover_every_stakeholder_category():
    assert [c.value for c in stakeholder_speaker_categories()] == [c.value for c in StakeholderCategory]


# --- State changes ----------------------------------------------------------------------------

VALID = [
    (S.DRAFT, S.SUBMITTED),
    (S.DRAFT, S.WITHDRAWN),
    (S.SUBMITTED, S.ACCEPTED),
    (S.SUBMITTED, S.WAITLISTED),
    (S.SUBMITTED, S.REJECTED),
    (S.SUBMITTED, S.WITHDRAWN),
    (S.ACCEPTED, S.WAITLISTED),
    (S.ACCEPTED, S.REJECTED),
    (S.ACCEPTED, S.WITHDRAWN),
    (S.WAITLISTED, S.ACCEPTED),
    (S.WAITLISTED, S.REJECTED),
    (S.WAITLISTED, S.WITHDRAWN),
    (S.REJECTED, S.ACCEPTED),
    (S.REJECTED, S.WAITLISTED),
]
ALL_PAIRS = [(old, new) for old in S for new in S if old != new]
INVALID = [pair for pair in ALL_PAIRS if pair not in VALID]


@pytest.mark.django_db
@pytest.mark.parametrize(("old", "new"), VALID)
def test_valid_changes_are_made_and_logged(old, new):
    forum = side_event_forum()
    side_event = SideEventFactory(forum=forum, state=old)
    SideEventSpeakerFactory(side_event=side_event)
    user = UserFactory()
    side_events.set_side_event_state(side_event, new, by=user, reason="Strong panel.", today=BEFORE_DEADLINE)
    side_event.refresh_from_db()
    assert side_event.decided_state == new
    # A decision is held, and logged as one, until it is sent; the organisers' changes are made.
    held = new in S.decisions()
    assert (side_event.state, side_event.pending_state) == ((old, new) if held else (new, ""))
    entry = ActivityLog.objects.get()
    assert (
        entry.content_object,
        entry.actor,
        entry.action,
        entry.old_state,
        entry.new_state,
        entry.note,
    ) == (
        side_event,
        user,
        "side_event.decision" if held else "side_event.state",
        old,
        new,
        "Strong panel.",
    )


@pytest.mark.django_db
@pytest.mark.parametrize(("old", "new"), INVALID)
def test_invalid_changes_are_refused_and_nothing_is_logged(old, new):
    side_event = SideEventFactory(forum=side_event_forum(), state=old)
    with pytest.raises(ValidationError) as caught:
        side_events.set_side_event_state(side_event, new, reason="x", today=BEFORE_DEADLINE)
    assert caught.value.messages == [f"A side event cannot go from “{old.label}” to “{new.label}”."]
    side_event.refresh_from_db()
    assert side_event.state == old
    assert not ActivityLog.objects.exists()


@pytest.mark.django_db
def test_submitting_records_the_time_and_needs_a_speaker():
    side_event = SideEventFactory(forum=side_event_forum())
    with pytest.raises(ValidationError) as caught:
        side_events.set_side_event_state(side_event, S.SUBMITTED, today=BEFORE_DEADLINE)
    assert caught.value.messages == ["Name at least one planned speaker before submitting."]
    SideEventSpeakerFactory(side_event=side_event)
    side_events.set_side_event_state(side_event, S.SUBMITTED, today=BEFORE_DEADLINE)
    assert side_event.submitted_at is not None


@pytest.mark.django_db
def test_nothing_is_submitted_after_the_call_closes():
    side_event = SideEventFactory(forum=side_event_forum())
    SideEventSpeakerFactory(side_event=side_event)
    with pytest.raises(ValidationError) as caught:
        side_events.set_side_event_state(side_event, S.SUBMITTED, today=AFTER_DEADLINE)
    assert caught.value.messages == [
        "The call for side events of International Migration Review Forum 2030 is closed."
    ]
    assert SideEvent.objects.get().state == S.DRAFT


@pytest.mark.django_db
@pytest.mark.parametrize("decision", [S.WAITLISTED, S.REJECTED])
def test_waitlisting_and_rejecting_need_a_reason(decision):
    side_event = SideEventFactory(forum=side_event_forum(), state=S.SUBMITTED)
    with pytest.raises(ValidationError) as caught:
        side_events.set_side_event_state(side_event, decision, reason="  ")
    assert caught.value.messages == [f"Give the organisers a reason for “{decision.label}”."]


@pytest.mark.django_db
def test_a_decision_is_held_until_the_decisions_are_sent_once(django_capture_on_commit_callbacks):
    forum = side_event_forum()
    focal_point = MembershipFactory(role="focal_point")
    accepted = SideEventFactory(forum=forum, state=S.SUBMITTED, organization=focal_point.organization)
    other = MembershipFactory(role="focal_point")
    rejected = SideEventFactory(
        forum=forum, state=S.SUBMITTED, title="Too late", organization=other.organization
    )
    undecided = SideEventFactory(forum=forum, state=S.SUBMITTED)
    side_events.set_side_event_state(accepted, S.ACCEPTED, reason="Diverse panel.")
    side_events.set_side_event_state(rejected, S.REJECTED, reason="No concrete outcome.")
    assert (accepted.decided_at is not None, accepted.notified_at) == (True, None)
    assert (accepted.get_state_display(), accepted.pending_state) == ("Submitted", S.ACCEPTED)
    assert mail.outbox == []

    with django_capture_on_commit_callbacks(execute=True):
        sent = side_events.send_decisions(SideEvent.objects.all())
    assert sent == 2
    accepted.refresh_from_db()
    undecided.refresh_from_db()
    assert accepted.notified_at is not None
    assert undecided.notified_at is None
    assert (accepted.get_state_display(), accepted.pending_state) == ("Accepted", "")
    release = ActivityLog.objects.filter(action="side_event.state", object_id=accepted.pk).get()
    assert (release.old_state, release.new_state, release.note) == ("submitted", "accepted", "Diverse panel.")
    subjects = sorted(m.subject for m in mail.outbox)
    assert subjects == [
        f"[IMRF Portal] Your side event “{accepted.title}”: Accepted",
        "[IMRF Portal] Your side event “Too late”: Rejected",
    ]
    message = next(m for m in mail.outbox if "Accepted" in m.subject)
    assert message.to == [focal_point.user.email]
    assert "Reason: Diverse panel." in message.body

    with django_capture_on_commit_callbacks(execute=True):
        assert side_events.send_decisions(SideEvent.objects.all()) == 0
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_a_changed_decision_is_sent_again():
    side_event = SideEventFactory(forum=side_event_forum(), state=S.SUBMITTED)
    side_events.set_side_event_state(side_event, S.WAITLISTED, reason="Slots are full.")
    side_events.send_decisions(SideEvent.objects.all())
    side_event.refresh_from_db()
    side_events.set_side_event_state(side_event, S.ACCEPTED)
    assert (side_event.state, side_event.pending_state) == (S.WAITLISTED, S.ACCEPTED)
    assert side_events.send_decisions(SideEvent.objects.all()) == 1
    side_event.refresh_from_db()
    assert (side_event.state, side_event.pending_state) == (S.ACCEPTED, "")


@pytest.mark.django_db
def test_deciding_back_to_what_was_sent_cancels_the_pending_decision():
    side_event = SideEventFactory(forum=side_event_forum(), state=S.SUBMITTED)
    side_events.set_side_event_state(side_event, S.WAITLISTED, reason="Slots are full.")
    side_events.send_decisions(SideEvent.objects.all())
    side_event.refresh_from_db()
    side_events.set_side_event_state(side_event, S.REJECTED, reason="No outcome.")
    side_events.set_side_event_state(side_event, S.WAITLISTED, reason="Slots are full.")
    assert (side_event.state, side_event.pending_state) == (S.WAITLISTED, "")
    assert side_events.send_decisions(SideEvent.objects.all()) == 0


@pytest.mark.django_db
def test_a_pending_rejection_of_a_public_event_keeps_it_public_until_sent(client):
    forum = side_event_forum()
    side_event = accepted_side_event(forum, *lunchtime(forum, 0))
    side_events.set_side_event_state(side_event, S.REJECTED, reason="The organisers cancelled.")
    assert client.get(side_event.get_absolute_url()).status_code == 200
    assert (side_event.state, side_event.room is not None) == (S.ACCEPTED, True)
    side_events.send_decisions(SideEvent.objects.all())
    side_event.refresh_from_db()
    assert (side_event.state, side_event.room, side_event.starts_at) == (S.REJECTED, None, None)
    assert client.get(side_event.get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_leaving_accepted_frees_the_room_and_slot():
    forum = side_event_forum()
    side_event = accepted_side_event(forum, *lunchtime(forum, 0))
    side_events.set_side_event_state(side_event, S.WITHDRAWN)
    side_event.refresh_from_db()
    assert (side_event.room, side_event.starts_at, side_event.ends_at) == (None, None, None)


# --- What the portal computes from the panel --------------------------------------------------


def speaker(gender, category, region):
    return SimpleNamespace(gender=gender, category=category, region=region)


PANEL = [
    speaker(Gender.WOMAN, SpeakerCategory.MEMBER_STATE, Region.EUROPE),
    speaker(Gender.MAN, SpeakerCategory.MIGRANT, Region.AFRICA),
    speaker(Gender.WOMAN, SpeakerCategory.YOUTH, Region.AFRICA),
    speaker(Gender.NON_BINARY, SpeakerCategory.UN_SYSTEM, Region.ASIA),
    speaker(Gender.UNDISCLOSED, SpeakerCategory.MIGRANT, Region.AMERICAS),
    speaker(Gender.WOMAN, SpeakerCategory.ACADEMIA, Region.AFRICA),
]


def test_share_of_women_is_exact():
    assert side_events.share_of_women(PANEL) == Fraction(1, 2)
    assert side_events.share_of_women(PANEL[:3]) == Fraction(2, 3)
    assert side_events.share_of_women([]) is None


def test_regions_in_the_order_of_the_regions():
    assert side_events.regions(PANEL) == [Region.AFRICA, Region.AMERICAS, Region.ASIA, Region.EUROPE]
    assert side_events.regions(PANEL[1:3]) == [Region.AFRICA]


def test_stakeholder_categories_leave_out_states_and_the_un():
    assert side_events.stakeholder_categories(PANEL) == [
        SpeakerCategory.ACADEMIA,
        SpeakerCategory.MIGRANT,
        SpeakerCategory.YOUTH,
    ]
    assert side_events.stakeholder_categories([PANEL[0], PANEL[3]]) == []


def test_mixing_states_and_stakeholders():
    assert side_events.mixes_states_and_stakeholders(PANEL) is True
    assert side_events.mixes_states_and_stakeholders(PANEL[1:]) is False
    assert side_events.mixes_states_and_stakeholders([PANEL[0], PANEL[3]]) is False


def test_panel_balance_sums_it_up():
    balance = side_events.panel_balance(PANEL[:3])
    assert balance == side_events.PanelBalance(
        speakers=3,
        share_of_women=Fraction(2, 3),
        regions=[Region.AFRICA, Region.EUROPE],
        stakeholder_categories=[SpeakerCategory.MIGRANT, SpeakerCategory.YOUTH],
        mixes_states_and_stakeholders=True,
    )
    assert balance.percent_women == 67


# --- Rooms and slots --------------------------------------------------------------------------


@pytest.fixture
def forum(db):
    return side_event_forum()


def slot(side_event, start, end, room):
    side_event.starts_at, side_event.ends_at, side_event.room = start, end, room
    return side_event


def messages_of(side_event, **kwargs):
    with pytest.raises(ValidationError) as caught:
        side_events.validate_side_event_slot(side_event, **kwargs)
    return caught.value.message_dict


def test_a_lunchtime_slot_between_sessions_in_a_free_room_is_fine(forum):
    room = RoomFactory(name="Conference Room 11")
    RoundTableFactory(forum=forum, room=RoomFactory(name="Conference Room 4"))  # 10:00-13:00 on day 1
    side_event = slot(SideEventFactory(forum=forum, state=S.ACCEPTED), *lunchtime(forum, 0), room)
    side_events.validate_side_event_slot(side_event)


def test_a_slot_overlapping_any_official_session_is_refused(forum):
    RoundTableFactory(forum=forum, title="Round table 1", room=RoomFactory(name="Conference Room 4"))
    start = venue_time(forum, 0, 12, 30)
    side_event = slot(
        SideEventFactory(forum=forum, state=S.ACCEPTED),
        start,
        start + datetime.timedelta(hours=1),
        RoomFactory(name="Conference Room 11"),
    )
    assert messages_of(side_event) == {
        "starts_at": [
            "Side events run outside the official meeting hours; this slot overlaps “Round table 1” "
            "(2030-05-05 10:00–13:00)."
        ]
    }


def test_sessions_of_another_forum_do_not_count(forum):
    other = side_event_forum(year=2026, deadline=None)
    SessionFactory(forum=other, starts_at=venue_time(other, 0, 13), ends_at=venue_time(other, 0, 14))
    side_event = slot(SideEventFactory(forum=forum, state=S.ACCEPTED), *lunchtime(forum, 0), RoomFactory())
    side_events.validate_side_event_slot(side_event)


def test_a_room_another_side_event_holds_is_refused(forum):
    room = RoomFactory(name="Conference Room 12")
    accepted_side_event(forum, *lunchtime(forum, 1), room=room, title="Data for inclusion")
    start = venue_time(forum, 1, 14)
    side_event = slot(
        SideEventFactory(forum=forum, state=S.ACCEPTED), start, start + datetime.timedelta(minutes=45), room
    )
    assert messages_of(side_event) == {
        "room": [
            "Conference Room 12 is already taken by the side event “Data for inclusion” (2030-05-06 13:15–14:45)."
        ]
    }


def test_a_withdrawn_side_event_no_longer_holds_its_room(forum):
    room = RoomFactory()
    SideEventFactory(
        forum=forum,
        state=S.WITHDRAWN,
        room=room,
        starts_at=lunchtime(forum, 1)[0],
        ends_at=lunchtime(forum, 1)[1],
    )
    side_event = slot(SideEventFactory(forum=forum, state=S.ACCEPTED), *lunchtime(forum, 1), room)
    side_events.validate_side_event_slot(side_event)


def test_only_accepted_side_events_get_a_slot(forum):
    side_event = slot(SideEventFactory(forum=forum, state=S.SUBMITTED), *lunchtime(forum, 0), RoomFactory())
    assert messages_of(side_event) == {"starts_at": ["Only accepted side events get a room and a slot."]}
    # Accepting and scheduling at once.
    side_events.validate_side_event_slot(side_event, state=S.ACCEPTED)


def test_a_slot_outside_the_forum_days_is_refused(forum):
    start = forum.local_datetime(datetime.date(2030, 5, 10), 13, 15)
    side_event = slot(
        SideEventFactory(forum=forum, state=S.ACCEPTED),
        start,
        start + datetime.timedelta(hours=1),
        RoomFactory(),
    )
    assert messages_of(side_event) == {
        "starts_at": [
            "Side events take place from the hearing on 2030-05-04 to the last forum day, 2030-05-08 (venue time)."
        ]
    }


def test_in_person_events_need_a_room_and_virtual_ones_do_not(forum):
    side_event = slot(SideEventFactory(forum=forum, state=S.ACCEPTED), *lunchtime(forum, 0), None)
    assert messages_of(side_event) == {"room": ["An in-person or hybrid side event needs a room."]}
    side_event.format = SideEventFormat.VIRTUAL
    side_events.validate_side_event_slot(side_event)


def test_an_event_ends_after_it_starts_on_the_same_day(forum):
    start, end = lunchtime(forum, 0)
    side_event = slot(SideEventFactory(forum=forum, state=S.ACCEPTED), end, start, RoomFactory())
    assert messages_of(side_event) == {"ends_at": ["The side event must end after it starts."]}
    side_event = slot(side_event, start, start + datetime.timedelta(days=1), RoomFactory())
    assert messages_of(side_event)["ends_at"] == [
        "A side event starts and ends on the same day (venue time)."
    ]


def test_scheduling_is_logged(forum):
    side_event = SideEventFactory(forum=forum, state=S.ACCEPTED)
    room = RoomFactory(name="Conference Room 11")
    side_events.schedule_side_event(
        side_event, room=room, starts_at=lunchtime(forum, 0)[0], ends_at=lunchtime(forum, 0)[1]
    )
    entry = ActivityLog.objects.get()
    assert (entry.action, entry.note) == (
        "side_event.scheduled",
        "2030-05-05 13:15–14:45, Conference Room 11",
    )


def test_late_notice_is_warned(forum):
    side_event = accepted_side_event(forum, *lunchtime(forum, 0))
    side_event.notified_at = None
    event_day = side_event.starts_at
    assert side_events.late_notice_warning(side_event, now=event_day - datetime.timedelta(days=31)) is None
    assert side_events.late_notice_warning(side_event, now=event_day - datetime.timedelta(days=12)) == (
        f"The organisers of “{side_event.title}” would learn of the decision 12 days before the event, "
        "less than a month: send the decision soon."
    )
    side_event.notified_at = event_day - datetime.timedelta(days=29, hours=1)
    assert side_events.late_notice_warning(side_event) == (
        f"The organisers of “{side_event.title}” learnt of the decision 29 days before the event, less than a month."
    )
