"""Each way to take part has its window: after it closes the page says so and the service refuses
the organisation; the secretariat can still act, and what it does after the window is logged as
such. Without a date a window closes the day before the hearing (IMRF 2026 took a delegate in
December 2026 before this)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from core.models import ActivityLog
from stakeholders import services
from stakeholders.enums import AccreditationState, DelegateState, SpeakingRequestState
from stakeholders.forms import DelegateForm, SpeakingRequestForm
from tests.core.factories import SecretariatUserFactory
from tests.forums.factories import SessionFactory
from tests.stakeholders.factories import (
    AccreditationFactory,
    DelegateFactory,
    delegate_data,
    focal_point_of,
    open_forum,
)

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
YESTERDAY = TODAY - datetime.timedelta(days=1)


def approved(**forum_kwargs):
    return AccreditationFactory(forum=open_forum(**forum_kwargs), state=AccreditationState.APPROVED)


def hearing_of(forum):
    return SessionFactory(
        forum=forum,
        kind="hearing",
        starts_at=forum.local_datetime(forum.hearing_date, 10),
        ends_at=forum.local_datetime(forum.hearing_date, 12),
    )


def late_delegate():
    return delegate_data(name="Late Person", email="late@example.org", attends="forum")


def delegate_form(accreditation):
    data = late_delegate()
    files = {name: data.pop(name) for name in ("nomination_letter", "photo")}
    return DelegateForm(data, files, forum=accreditation.forum)


def test_the_delegate_form_shows_the_deadline_while_open(client):
    accreditation = approved(delegate_registration_deadline=TODAY)
    client.force_login(focal_point_of(accreditation.organization))
    page = client.get(reverse("stakeholders:delegates", kwargs={"year": 2030})).content.decode()
    assert f"Delegates may be registered until {TODAY:%-d %B %Y} (New York time)." in page


def test_after_the_deadline_the_page_says_so_and_refuses_a_delegate(client):
    accreditation = approved(delegate_registration_deadline=YESTERDAY)
    client.force_login(focal_point_of(accreditation.organization))
    url = reverse("stakeholders:delegates", kwargs={"year": 2030})
    page = client.get(url).content.decode()
    assert f"The registration of delegates closed on {YESTERDAY:%-d %B %Y} (New York time)." in page
    assert 'name="function"' not in page
    response = client.post(url, late_delegate())
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        f"The registration of delegates closed on {YESTERDAY.isoformat()}."
    ]
    assert accreditation.delegates.count() == 0


def test_without_a_date_delegates_close_the_day_before_the_hearing():
    past = AccreditationFactory(
        forum=open_forum(
            year=2026,
            hearing_date=datetime.date(2026, 5, 4),
            start_date=datetime.date(2026, 5, 5),
            end_date=datetime.date(2026, 5, 8),
        ),
        state=AccreditationState.APPROVED,
    )
    with pytest.raises(ValidationError) as caught:
        services.register_delegate(past, delegate_form(past), by=focal_point_of(past.organization))
    assert caught.value.messages == ["The registration of delegates closed on 2026-05-03."]


def test_the_secretariat_registers_a_delegate_after_the_deadline_and_it_is_logged():
    accreditation = approved(delegate_registration_deadline=YESTERDAY)
    staff = SecretariatUserFactory()
    form = delegate_form(accreditation)
    assert form.is_valid()
    delegate = services.register_delegate(accreditation, form, by=staff)
    entry = ActivityLog.objects.get(action="delegate.state")
    assert (entry.actor, entry.new_state, entry.note) == (
        staff,
        DelegateState.PENDING,
        f"Done by the secretariat after the deadline ({YESTERDAY.isoformat()}).",
    )
    assert delegate.state == DelegateState.PENDING


def test_the_secretariat_still_confirms_delegates_after_the_deadline():
    accreditation = approved(delegate_registration_deadline=YESTERDAY)
    delegate = DelegateFactory(accreditation=accreditation)
    staff = SecretariatUserFactory()
    services.set_delegate_state(delegate, DelegateState.CONFIRMED, by=staff)
    assert ActivityLog.objects.get(action="delegate.state").actor == staff


def test_after_the_deadline_speaking_requests_are_refused_and_the_page_says_so(client):
    accreditation = approved(speaking_request_deadline=YESTERDAY)
    hearing = hearing_of(accreditation.forum)
    client.force_login(focal_point_of(accreditation.organization))
    url = reverse("stakeholders:speaking_requests", kwargs={"year": 2030})
    page = client.get(url).content.decode()
    assert f"Speaking requests closed on {YESTERDAY:%-d %B %Y} (New York time)." in page
    response = client.post(
        url, {"session": hearing.pk, "topic": "Decent work", "speaker_name": "Ana", "speaker_profile": "Organiser"}
    )
    assert response.context["form"].non_field_errors() == [f"Speaking requests closed on {YESTERDAY.isoformat()}."]
    assert accreditation.speaking_requests.count() == 0


def test_the_secretariat_adds_and_selects_speakers_after_the_deadline():
    accreditation = approved(speaking_request_deadline=YESTERDAY)
    hearing = hearing_of(accreditation.forum)
    staff = SecretariatUserFactory()
    form = SpeakingRequestForm(
        {"session": hearing.pk, "topic": "t", "speaker_name": "s", "speaker_profile": "p"}, forum=accreditation.forum
    )
    assert form.is_valid()
    request = services.submit_speaking_request(accreditation, form, by=staff)
    services.set_speaking_request_state(request, SpeakingRequestState.SELECTED, by=staff)
    assert list(ActivityLog.objects.order_by("pk").values_list("new_state", "note")) == [
        (SpeakingRequestState.SUBMITTED, f"Done by the secretariat after the deadline ({YESTERDAY.isoformat()})."),
        (SpeakingRequestState.SELECTED, ""),
    ]


def test_the_accreditation_form_shows_its_deadline(client):
    forum = open_forum()
    organization = AccreditationFactory.build().organization
    organization.save()
    client.force_login(focal_point_of(organization))
    page = client.get(reverse("stakeholders:accreditation", kwargs={"year": forum.year})).content.decode()
    assert (
        f"Requests for accreditation may be made until {forum.accreditation_deadline:%-d %B %Y} (New York time)."
        in page
    )
