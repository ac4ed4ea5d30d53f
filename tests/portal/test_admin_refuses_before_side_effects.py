"""A staff member without the permission is refused by the admin before it does anything: the
summaries' page creates no rows, the side-event page queues no message naming the event."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from forums.demo import seed
from forums.models import Forum
from side_events.enums import SideEventState
from summaries.models import Summary
from tests.core.factories import UserFactory
from tests.forums.factories import ForumFactory, RoomFactory
from tests.side_events.factories import SideEventFactory, SideEventSpeakerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    """Staff, so the admin lets them in, but without any of the apps' permissions."""
    client.force_login(UserFactory(is_staff=True))
    return client


def test_summaries_changelist_creates_no_rows_for_staff_without_permission(staff_client):
    seed()
    assert Forum.objects.public().filter(end_date__lt=timezone.localdate()).exists()
    response = staff_client.get(reverse("admin:summaries_summary_changelist"))
    assert response.status_code == 403
    assert Summary.objects.count() == 0


def test_summaries_changelist_still_creates_the_missing_rows_for_the_secretariat(secretariat_client):
    seed()
    response = secretariat_client.get(reverse("admin:summaries_summary_changelist"))
    assert response.status_code == 200
    assert Summary.objects.filter(session__forum__year=2022).count() == 15


def unannounced_late_event():
    """Accepted less than a month before it starts, the decision not yet sent: a late-notice warning."""
    start_day = timezone.localdate() + datetime.timedelta(days=21)
    forum = ForumFactory(
        year=2034,
        hearing_date=start_day - datetime.timedelta(days=1),
        start_date=start_day,
        end_date=start_day + datetime.timedelta(days=3),
    )
    starts_at = timezone.make_aware(datetime.datetime.combine(start_day, datetime.time(13, 15)))
    side_event = SideEventFactory(
        forum=forum,
        state=SideEventState.SUBMITTED,
        pending_state=SideEventState.ACCEPTED,
        title="Confidential launch",
        room=RoomFactory(),
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=1),
    )
    SideEventSpeakerFactory(side_event=side_event)
    return side_event


def test_side_event_change_view_names_no_event_to_staff_without_permission(staff_client):
    side_event = unannounced_late_event()
    response = staff_client.get(reverse("admin:side_events_sideevent_change", args=[side_event.pk]))
    assert response.status_code == 403
    assert [str(m) for m in get_messages(response.wsgi_request) if "Confidential launch" in str(m)] == []


def test_side_event_change_view_still_warns_the_secretariat(secretariat_client):
    side_event = unannounced_late_event()
    response = secretariat_client.get(reverse("admin:side_events_sideevent_change", args=[side_event.pk]))
    assert response.status_code == 200
    assert [str(m) for m in response.context["messages"]] == [
        "The organisers of “Confidential launch” would learn of the decision 21 days before the event, "
        "less than a month: send the decision soon."
    ]
