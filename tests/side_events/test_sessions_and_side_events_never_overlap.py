"""An official session cannot be moved onto an accepted side event's room and time, nor a side
event onto a session's: one clash rule (forums.bookings) that side events contribute to without
forums importing them (issue 14: session validation never looked at side events)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from forums.models import Session
from forums.services import validate_session_schedule
from side_events import services as side_events
from tests.forums.factories import RoomFactory, SessionFactory, venue_time
from tests.side_events.factories import accepted_side_event, lunchtime, side_event_forum

pytestmark = pytest.mark.django_db


@pytest.fixture
def forum():
    return side_event_forum()


def test_the_admin_refuses_to_move_a_session_onto_an_accepted_side_event(secretariat_client, forum):
    room = RoomFactory(name="Conference Room 4")
    accepted_side_event(forum, *lunchtime(forum, 0), room=room, title="Data for migrants")
    session = SessionFactory(forum=forum, room=room, title="General debate", slug="general-debate")
    day = venue_time(forum, 0, 0).date().isoformat()
    data = {
        "forum": forum.pk,
        "kind": "general_debate",
        "title": "General debate",
        "slug": "general-debate",
        "room": room.pk,
        "starts_at_0": day,
        "starts_at_1": "13:00",
        "ends_at_0": day,
        "ends_at_1": "14:00",
        "chair": "",
        "description": "",
        "statements-TOTAL_FORMS": "0",
        "statements-INITIAL_FORMS": "0",
        "topics-TOTAL_FORMS": "0",
        "topics-INITIAL_FORMS": "0",
    }
    response = secretariat_client.post(reverse("admin:forums_session_change", args=[session.pk]), data)
    assert response.status_code == 200
    assert (
        f"This time overlaps the accepted side event “Data for migrants” ({day} 13:15 to 14:45): side events "
        "run outside the official meeting hours. Move the session, or the side event first."
    ) in response.content.decode()
    assert Session.objects.get(pk=session.pk).starts_at == session.starts_at


def test_a_session_in_another_room_at_that_time_is_refused_too(forum):
    accepted_side_event(forum, *lunchtime(forum, 1), title="Data for migrants")
    start, end = lunchtime(forum, 1, minutes=30)
    with pytest.raises(ValidationError) as raised:
        validate_session_schedule(
            SessionFactory.build(forum=forum, room=RoomFactory(), starts_at=start, ends_at=end)
        )
    assert list(raised.value.message_dict) == ["starts_at"]


def test_a_session_before_the_side_event_is_accepted(forum):
    accepted_side_event(forum, *lunchtime(forum, 0))
    validate_session_schedule(
        SessionFactory.build(
            forum=forum, starts_at=venue_time(forum, 0, 10), ends_at=venue_time(forum, 0, 13)
        )
    )


def test_a_withdrawn_side_event_frees_its_slot_for_a_session(forum):
    side_event = accepted_side_event(forum, *lunchtime(forum, 0))
    side_event.state = "withdrawn"
    side_event.save()
    start, end = lunchtime(forum, 0)
    validate_session_schedule(SessionFactory.build(forum=forum, starts_at=start, ends_at=end))


def test_a_side_event_is_still_refused_on_a_session(forum):
    SessionFactory(
        forum=forum,
        title="Round table 2",
        starts_at=venue_time(forum, 0, 13),
        ends_at=venue_time(forum, 0, 15),
    )
    side_event = accepted_side_event(forum, None, None)
    with pytest.raises(ValidationError) as raised:
        side_events.schedule_side_event(
            side_event, room=RoomFactory(), starts_at=lunchtime(forum, 0)[0], ends_at=lunchtime(forum, 0)[1]
        )
    assert raised.value.message_dict["starts_at"][0].startswith(
        "Side events run outside the official meeting hours; this slot overlaps “Round table 2”"
    )
