"""The secretariat reviews, ranks, decides, schedules and sends decisions in the admin."""

import datetime

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.models import ActivityLog
from side_events import services as side_events
from side_events.enums import SideEventState as S
from side_events.models import SideEvent, SideEventReview
from tests.core.factories import SecretariatUserFactory
from tests.forums.factories import ForumFactory, RoomFactory, RoundTableFactory
from tests.side_events.factories import (
    SideEventFactory,
    SideEventReviewFactory,
    SideEventSpeakerFactory,
    accepted_side_event,
    side_event_forum,
)
from tests.stakeholders.factories import MembershipFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:side_events_sideevent_changelist")


def change_url(side_event):
    return reverse("admin:side_events_sideevent_change", args=[side_event.pk])


def decision_data(side_event, **overrides):
    speakers = list(side_event.speakers.all())
    data = {
        "decision": "",
        "reason": "",
        "room": "",
        "starts_at_0": "",
        "starts_at_1": "",
        "ends_at_0": "",
        "ends_at_1": "",
        "speakers-TOTAL_FORMS": str(len(speakers)),
        "speakers-INITIAL_FORMS": str(len(speakers)),
        "speakers-MIN_NUM_FORMS": "0",
        "speakers-MAX_NUM_FORMS": "1000",
    }
    for n, speaker in enumerate(speakers):
        data[f"speakers-{n}-id"] = str(speaker.pk)
        data[f"speakers-{n}-side_event"] = str(side_event.pk)
    data.update(overrides)
    return data


@pytest.fixture
def forum():
    return side_event_forum()


@pytest.fixture
def application(forum):
    focal_point = MembershipFactory(role="focal_point")
    side_event = SideEventFactory(
        forum=forum, state=S.SUBMITTED, organization=focal_point.organization, title="Migrant-led data"
    )
    SideEventSpeakerFactory(side_event=side_event)
    return side_event


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


# --- The ranked list --------------------------------------------------------------------------


def scored(forum, title, *scores):
    side_event = SideEventFactory(forum=forum, state=S.SUBMITTED, title=title)
    for score in scores:
        SideEventReviewFactory(side_event=side_event, **dict.fromkeys(SideEventReview.CRITERIA, score))
    return side_event


def test_the_list_ranks_applications_by_their_average_total(secretariat_client, forum):
    scored(forum, "Middle", 3, 4)  # totals 18 and 24: 21.0
    scored(forum, "Best", 5)  # 30.0
    scored(forum, "Not scored yet")
    scored(forum, "Worst", 1, 2)  # 6 and 12: 9.0
    SideEventFactory(forum=forum, title="A draft")  # drafts are not the secretariat's yet
    response = secretariat_client.get(CHANGELIST, {"forum__id__exact": forum.pk})
    assert response.status_code == 200
    rows = [
        (r.title, r.ranking if r.review_count else None, r.review_count, r.average_total)
        for r in response.context["cl"].result_list
    ]
    assert rows == [
        ("Best", 1, 1, 30.0),
        ("Middle", 2, 2, 21.0),
        ("Worst", 3, 2, 9.0),
        ("Not scored yet", None, 0, None),
    ]


def test_the_ranked_list_runs_the_same_queries_for_one_and_many(secretariat_client, forum):
    def count_queries():
        with CaptureQueriesContext(connection) as context:
            assert secretariat_client.get(CHANGELIST).status_code == 200
        return len(context)

    one = scored(forum, "One", 3, 4)
    SideEventSpeakerFactory(side_event=one)
    first = count_queries()
    for n in range(8):
        side_event = scored(forum, f"More {n}", 2, 5)
        SideEventSpeakerFactory(side_event=side_event)
        SideEventSpeakerFactory(side_event=side_event, gender="man", region="Asia")
    assert count_queries() == first


def test_the_change_page_shows_what_the_portal_computes(secretariat_client, application):
    SideEventSpeakerFactory(side_event=application, gender="man", category="member_state", region="Europe")
    response = secretariat_client.get(change_url(application))
    html = response.content.decode()
    assert "<div>women: 50 %</div>" in html
    assert "<div>regions: 2: Africa, Europe</div>" in html
    assert "<div>stakeholder categories: 1: Migrant organization</div>" in html
    assert "<div>States and stakeholders together: yes</div>" in html


# --- Decisions and slots ----------------------------------------------------------------------


def test_accepting_and_scheduling_at_once_holds_the_decision(secretariat_client, application, forum):
    room = RoomFactory(name="Conference Room 11")
    data = decision_data(
        application,
        decision="accepted",
        reason="A diverse panel.",
        room=room.pk,
        starts_at_0="2030-05-05",
        starts_at_1="13:15",
        ends_at_0="2030-05-05",
        ends_at_1="14:45",
    )
    response = secretariat_client.post(change_url(application), data, follow=True)
    assert response.status_code == 200
    application.refresh_from_db()
    assert (application.state, application.pending_state, application.pending_reason, application.notified_at) == (
        S.SUBMITTED,
        S.ACCEPTED,
        "A diverse panel.",
        None,
    )
    assert application.decided_at is not None
    assert (application.room, application.starts_at.isoformat()) == (room, "2030-05-05T17:15:00+00:00")
    assert list(ActivityLog.objects.order_by("pk").values_list("action", "old_state", "new_state")) == [
        ("side_event.decision", "submitted", "accepted"),
        ("side_event.scheduled", "", ""),
    ]
    assert mail.outbox == []


def test_a_slot_inside_official_hours_is_refused_and_the_form_keeps_its_input(
    secretariat_client, application, forum
):
    RoundTableFactory(forum=forum, title="Round table 1", room=RoomFactory(name="Conference Room 4"))
    data = decision_data(
        application,
        decision="accepted",
        reason="Kept reason",
        room=RoomFactory(name="Conference Room 11").pk,
        starts_at_0="2030-05-05",
        starts_at_1="12:00",
        ends_at_0="2030-05-05",
        ends_at_1="13:30",
    )
    response = secretariat_client.post(change_url(application), data)
    assert response.status_code == 200
    assert (
        "Side events run outside the official meeting hours; this slot overlaps “Round table 1” "
        "(2030-05-05 10:00–13:00)." in response.content.decode()
    )
    assert response.context["adminform"].form["reason"].value() == "Kept reason"
    application.refresh_from_db()
    assert application.state == S.SUBMITTED


def test_a_room_taken_by_another_side_event_is_refused(secretariat_client, application, forum):
    room = RoomFactory(name="Conference Room 12")
    start = forum.local_datetime(datetime.date(2030, 5, 5), 13, 15)
    accepted_side_event(forum, start, start + datetime.timedelta(hours=1), room=room, title="Earlier event")
    data = decision_data(
        application,
        decision="accepted",
        room=room.pk,
        starts_at_0="2030-05-05",
        starts_at_1="14:00",
        ends_at_0="2030-05-05",
        ends_at_1="15:00",
    )
    response = secretariat_client.post(change_url(application), data)
    assert (
        "Conference Room 12 is already taken by the side event “Earlier event” (2030-05-05 13:15–14:15)."
        in response.content.decode()
    )


def test_a_rejection_needs_its_reason(secretariat_client, application):
    response = secretariat_client.post(
        change_url(application), decision_data(application, decision="rejected")
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "reason": ["Give the organisers a reason for “Rejected”."]
    }


def test_the_admin_warns_when_organisers_would_learn_late(secretariat_client):
    # A forum that opens three weeks from today.
    start_day = timezone.localdate() + datetime.timedelta(days=21)
    forum = ForumFactory(
        year=2034,
        hearing_date=start_day - datetime.timedelta(days=1),
        start_date=start_day,
        end_date=start_day + datetime.timedelta(days=3),
    )
    side_event = SideEventFactory(forum=forum, state=S.SUBMITTED, title="Late event")
    SideEventSpeakerFactory(side_event=side_event)
    data = decision_data(
        side_event,
        decision="accepted",
        room=RoomFactory().pk,
        starts_at_0=start_day.isoformat(),
        starts_at_1="13:15",
        ends_at_0=start_day.isoformat(),
        ends_at_1="14:30",
    )
    response = secretariat_client.post(change_url(side_event), data, follow=True)
    assert (
        "The organisers of “Late event” would learn of the decision 21 days before the event, "
        "less than a month: send the decision soon." in messages_of(response)
    )


def test_send_decisions_mails_each_decided_application_once(
    secretariat_client, application, forum, django_capture_on_commit_callbacks
):
    side_events.set_side_event_state(application, S.ACCEPTED)
    waiting = SideEventFactory(forum=forum, state=S.SUBMITTED)
    data = {"action": "send_side_event_decisions", "_selected_action": [application.pk, waiting.pk]}
    with django_capture_on_commit_callbacks(execute=True):
        response = secretariat_client.post(CHANGELIST, data, follow=True)
    assert "1 decision sent to its organisers." in messages_of(response)
    assert [m.subject for m in mail.outbox] == ["[IMRF Portal] Your side event “Migrant-led data”: Accepted"]
    with django_capture_on_commit_callbacks(execute=True):
        response = secretariat_client.post(CHANGELIST, data, follow=True)
    assert "0 decisions sent to their organisers." in messages_of(response)
    assert len(mail.outbox) == 1


# --- Reviews ----------------------------------------------------------------------------------


def review_data(side_event, score=4, **overrides):
    data = {"side_event": side_event.pk, "comment": "Good outcomes."}
    data.update(dict.fromkeys(SideEventReview.CRITERIA, str(score)))
    data.update(overrides)
    return data


def test_a_reviewer_scores_once_and_changes_only_their_own_scores(
    secretariat_client, secretariat_user, application
):
    add = reverse("admin:side_events_sideeventreview_add")
    response = secretariat_client.post(add, review_data(application), follow=True)
    assert response.status_code == 200
    review = SideEventReview.objects.get()
    assert (review.reviewer, review.total) == (secretariat_user, 24)

    response = secretariat_client.post(add, review_data(application, score=5))
    assert response.context["adminform"].form.errors == {
        "side_event": ["You have already scored this application; change your review instead."]
    }

    other = SideEventReviewFactory(side_event=application, reviewer=SecretariatUserFactory())
    change_other = reverse("admin:side_events_sideeventreview_change", args=[other.pk])
    secretariat_client.post(change_other, review_data(application, score=1))
    other.refresh_from_db()
    assert other.speaker_level == 3


def test_scores_run_from_one_to_five(secretariat_client, application):
    add = reverse("admin:side_events_sideeventreview_add")
    response = secretariat_client.post(add, review_data(application, speaker_level="6"))
    assert response.context["adminform"].form.errors == {
        "speaker_level": ["Ensure this value is less than or equal to 5."]
    }


def test_drafts_cannot_be_scored(secretariat_client, forum):
    draft = SideEventFactory(forum=forum)
    response = secretariat_client.post(reverse("admin:side_events_sideeventreview_add"), review_data(draft))
    assert list(response.context["adminform"].form.errors) == ["side_event"]
    assert SideEvent.objects.get().reviews.count() == 0
