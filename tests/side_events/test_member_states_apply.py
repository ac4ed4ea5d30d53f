"""Member States apply for side events, not only co-organise them: a State's focal point (named by
the secretariat) applies in its name, and the State is the lead organiser. Who reaches each page,
and what the public and the organisers then see."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from core.models import ActivityLog
from reference.models import MemberState
from side_events import services as side_events
from side_events.enums import SideEventState as S
from side_events.forms import SideEventForm, speaker_formset
from side_events.models import SideEvent
from tests.core.factories import SecretariatUserFactory
from tests.forums.factories import venue_time
from tests.side_events.factories import (
    SideEventFactory,
    SideEventSpeakerFactory,
    accepted_side_event,
    accredited_member,
    side_event_forum,
)
from tests.side_events.test_organisers_pages import application_data
from tests.stakeholders.factories import OrganizationFactory, state_focal_point

pytestmark = pytest.mark.django_db

NEW = "/my/side-events/2030/new/member-state/"


@pytest.fixture
def forum():
    return side_event_forum()


def mexico():
    return MemberState.objects.get(iso3="MEX")


@pytest.fixture
def users(forum):
    return {
        "mexico": state_focal_point("MEX"),
        "france": state_focal_point("FRA"),
        "member": accredited_member(forum, role="focal_point").user,
        "secretariat": SecretariatUserFactory(),
    }


@pytest.fixture
def draft(forum):
    side_event = SideEventFactory(forum=forum, organization=None, member_state=mexico(), title="Consular help")
    SideEventSpeakerFactory(side_event=side_event)
    return side_event


def test_a_state_focal_point_applies_in_the_name_of_its_state(client, forum, users):
    client.force_login(users["mexico"])
    page = client.get("/my/side-events/")
    assert [f.year for f in page.context["state_open_calls"]] == [2030]
    assert NEW in page.content.decode()
    form = client.get(NEW)
    assert form.status_code == 200
    assert mexico() not in form.context["form"].fields["co_organizing_states"].queryset
    assert "Mexico applies; add the organisations and Member States" in form.content.decode()
    response = client.post(NEW, application_data(co_organizing_states=[str(MemberState.objects.get(iso3="CHL").pk)]))
    side_event = SideEvent.objects.get()
    assert (response.status_code, response["Location"]) == (302, f"/my/side-events/{side_event.pk}/")
    assert (side_event.member_state, side_event.organization, side_event.created_by, side_event.state) == (
        mexico(),
        None,
        users["mexico"],
        S.DRAFT,
    )
    assert side_event.lead_name == "Mexico"
    assert [s.iso3 for s in side_event.co_organizing_states.all()] == ["CHL"]
    assert list(ActivityLog.objects.values_list("action", "actor", "new_state")) == [
        ("side_event.state", users["mexico"].pk, "draft")
    ]


@pytest.mark.parametrize(
    ("who", "expected"),
    [("anonymous", 302), ("member", 403), ("secretariat", 403), ("france", 200), ("mexico", 200)],
)
def test_who_reaches_the_state_s_application_form(client, users, who, expected):
    if who != "anonymous":
        client.force_login(users[who])
    response = client.get(NEW)
    assert response.status_code == expected
    if who == "anonymous":
        assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(
    ("who", "expected"),
    [("anonymous", 302), ("member", 404), ("secretariat", 302), ("france", 404), ("mexico", 200)],
)
def test_only_the_state_s_focal_points_see_its_application(client, users, draft, who, expected):
    if who != "anonymous":
        client.force_login(users[who])
    assert client.get(f"/my/side-events/{draft.pk}/").status_code == expected
    assert client.post(f"/my/side-events/{draft.pk}/withdraw/").status_code in (expected, 302)
    draft.refresh_from_db()
    assert draft.state == (S.WITHDRAWN if who == "mexico" else S.DRAFT)


def test_the_state_s_focal_point_submits_changes_and_withdraws(client, users, draft):
    client.force_login(users["mexico"])
    assert client.post(f"/my/side-events/{draft.pk}/submit/").status_code == 302
    draft.refresh_from_db()
    assert draft.state == S.SUBMITTED
    assert client.get(f"/my/side-events/{draft.pk}/edit/").status_code == 200
    assert client.post(f"/my/side-events/{draft.pk}/withdraw/").status_code == 302
    draft.refresh_from_db()
    assert draft.state == S.WITHDRAWN


def test_the_service_refuses_an_applicant_who_does_not_act_for_the_state(forum, users):
    form = SideEventForm(application_data(), forum=forum, member_state=mexico())
    speakers = speaker_formset(application_data(), instance=SideEvent(forum=forum))
    assert form.is_valid() and speakers.is_valid()
    for someone in (users["france"], users["member"], users["secretariat"]):
        with pytest.raises(PermissionDenied):
            side_events.create_side_event(mexico(), forum, form, speakers, by=someone)
    assert not SideEvent.objects.exists()


def test_a_side_event_has_one_lead_organiser(forum):
    with pytest.raises(IntegrityError), transaction.atomic():
        SideEventFactory(forum=forum, organization=OrganizationFactory(), member_state=mexico())
    with pytest.raises(IntegrityError), transaction.atomic():
        SideEventFactory(forum=forum, organization=None, member_state=None)


def test_the_decision_goes_to_the_state_s_focal_points(users, draft, django_capture_on_commit_callbacks):
    draft.state = S.SUBMITTED
    draft.save()
    side_events.set_side_event_state(draft, S.ACCEPTED)
    with django_capture_on_commit_callbacks(execute=True):
        side_events.send_decisions(SideEvent.objects.all())
    assert [sorted(m.to) for m in mail.outbox] == [[users["mexico"].email]]
    assert "Dear colleagues of Mexico," in mail.outbox[0].body


def test_the_public_sees_the_state_as_organiser(client):
    forum = side_event_forum()
    accepted_side_event(
        forum,
        venue_time(forum, 0, 13, 15),
        venue_time(forum, 0, 14, 45),
        organization=None,
        member_state=mexico(),
        title="Consular protection in transit",
    )
    listing = client.get("/forums/2030/side-events/").content.decode()
    assert "Organised by Mexico" in listing
    detail = client.get("/forums/2030/side-events/consular-protection-in-transit/")
    assert detail.status_code == 200
    assert "Mexico" in detail.content.decode()


def test_the_secretariat_reviews_a_state_s_application_in_the_admin(secretariat_client, draft):
    draft.state = S.SUBMITTED
    draft.save()
    listing = secretariat_client.get("/admin/side_events/sideevent/?q=Mexico")
    assert listing.status_code == 200
    assert list(listing.context["cl"].result_list) == [draft]
    page = secretariat_client.get(f"/admin/side_events/sideevent/{draft.pk}/change/")
    assert page.status_code == 200
    assert "<div>Mexico</div>" in page.content.decode()
