"""Delegates under a per-forum cap, confirmed by the secretariat; speaking requests for the
hearing, of which only the selected are notified."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from core.models import ActivityLog
from stakeholders import services
from stakeholders.enums import AccreditationState, DelegateState, SpeakingRequestState
from stakeholders.models import SpeakingRequest
from tests.core.factories import SecretariatUserFactory
from tests.forums.factories import SessionFactory
from tests.stakeholders.factories import AccreditationFactory, DelegateFactory, focal_point_of, open_forum
from tests.stakeholders.factories import delegate_data as grounds_pass_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def accreditation():
    return AccreditationFactory(forum=open_forum(delegate_cap=2), state=AccreditationState.APPROVED)


def delegate_data(n):
    return grounds_pass_data(name=f"Person {n}", email=f"p{n}@example.org", attends="forum")


def test_the_cap_is_a_clear_form_error_and_the_input_is_kept(client, accreditation):
    client.force_login(focal_point_of(accreditation.organization))
    url = reverse("stakeholders:delegates", kwargs={"year": 2030})
    for n in (1, 2):
        assert client.post(url, delegate_data(n)).status_code == 302
    response = client.post(url, delegate_data(3))
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Your organisation has registered 2 of its 2 delegates; withdraw one to add another."
    ]
    assert response.context["form"]["name"].value() == "Person 3"
    assert accreditation.delegates.count() == 2


def test_a_withdrawn_delegate_frees_a_place(client, accreditation):
    first = DelegateFactory(accreditation=accreditation)
    DelegateFactory(accreditation=accreditation)
    services.set_delegate_state(first, DelegateState.WITHDRAWN)
    client.force_login(focal_point_of(accreditation.organization))
    assert (
        client.post(reverse("stakeholders:delegates", kwargs={"year": 2030}), delegate_data(9)).status_code
        == 302
    )


def test_the_same_delegate_twice_is_refused(client, accreditation):
    client.force_login(focal_point_of(accreditation.organization))
    url = reverse("stakeholders:delegates", kwargs={"year": 2030})
    client.post(url, delegate_data(1))
    response = client.post(url, {**delegate_data(1), "email": "P1@example.org"})
    assert response.context["form"].non_field_errors() == [
        "P1@example.org is already registered as a delegate."
    ]


def test_only_accredited_organisations_register_delegates():
    pending = AccreditationFactory(state=AccreditationState.SUBMITTED)
    with pytest.raises(PermissionDenied):
        services.register_delegate(pending, None, by=None)


def test_the_secretariat_confirms_a_delegate_and_the_organisation_is_told(
    accreditation, django_capture_on_commit_callbacks
):
    focal_point_of(accreditation.organization, email="focal@example.org")
    delegate = DelegateFactory(accreditation=accreditation, email="ana@example.org")
    staff = SecretariatUserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        services.set_delegate_state(delegate, DelegateState.CONFIRMED, by=staff)
    assert sorted(m.to[0] for m in mail.outbox) == ["ana@example.org", "focal@example.org"]
    entry = ActivityLog.objects.get(action="delegate.state")
    assert (entry.actor, entry.old_state, entry.new_state) == (staff, "pending", "confirmed")


def test_a_withdrawn_delegate_cannot_be_confirmed(accreditation):
    delegate = DelegateFactory(accreditation=accreditation, state=DelegateState.WITHDRAWN)
    with pytest.raises(ValidationError) as caught:
        services.set_delegate_state(delegate, DelegateState.CONFIRMED)
    assert caught.value.messages == ["A delegate cannot go from “Withdrawn” to “Confirmed”."]


@pytest.fixture
def hearing_session(accreditation):
    forum = accreditation.forum
    return SessionFactory(
        forum=forum,
        kind="hearing",
        title="Hearing panel 1",
        starts_at=forum.local_datetime(forum.hearing_date, 10),
        ends_at=forum.local_datetime(forum.hearing_date, 12),
    )


def test_speaking_requests_name_a_hearing_session_of_the_forum(client, accreditation, hearing_session):
    plenary = SessionFactory(forum=accreditation.forum)
    client.force_login(focal_point_of(accreditation.organization))
    url = reverse("stakeholders:speaking_requests", kwargs={"year": 2030})
    data = {
        "session": plenary.pk,
        "topic": "Decent work",
        "speaker_name": "Ana",
        "speaker_profile": "Organiser",
    }
    response = client.post(url, data)
    assert "session" in response.context["form"].errors
    assert response.context["form"]["topic"].value() == "Decent work"
    assert client.post(url, {**data, "session": hearing_session.pk}).status_code == 302
    assert SpeakingRequest.objects.get().session == hearing_session


def test_only_selected_speakers_are_notified_and_only_once(
    accreditation, hearing_session, django_capture_on_commit_callbacks
):
    focal_point_of(accreditation.organization, email="focal@example.org")
    requests = [
        SpeakingRequest.objects.create(
            accreditation=accreditation,
            session=hearing_session,
            topic=f"T{n}",
            speaker_name=f"S{n}",
            speaker_profile="p",
        )
        for n in range(3)
    ]
    services.set_speaking_request_state(requests[0], SpeakingRequestState.SELECTED)
    services.set_speaking_request_state(requests[1], SpeakingRequestState.NOT_SELECTED)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.notify_selected_speakers(SpeakingRequest.objects.all()) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert services.notify_selected_speakers(SpeakingRequest.objects.all()) == 0
    assert len(mail.outbox) == 1
    assert "S0 was selected to speak at “Hearing panel 1” on “T0”." in mail.outbox[0].body


def test_the_organisation_sees_selected_only_once_notified(client, accreditation, hearing_session):
    speaking = SpeakingRequest.objects.create(
        accreditation=accreditation,
        session=hearing_session,
        topic="T",
        speaker_name="Ana",
        speaker_profile="p",
    )
    services.set_speaking_request_state(speaking, SpeakingRequestState.SELECTED)
    client.force_login(focal_point_of(accreditation.organization))
    url = reverse("stakeholders:speaking_requests", kwargs={"year": 2030})
    assert "Selected" not in client.get(url).content.decode()
    services.notify_selected_speakers(SpeakingRequest.objects.all())
    assert "Selected" in client.get(url).content.decode()
