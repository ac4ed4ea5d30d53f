"""The applicant sees the deadline that concerns them on each form, with the calendar days left
in New York (issue 12), worded as on the dashboard."""

import datetime

import lxml.html
import pytest
from django.utils import timezone
from django.utils.formats import date_format

from stakeholders.enums import AccreditationState
from tests.forums.factories import RoundTableFactory
from tests.side_events.factories import accredited_member
from tests.stakeholders.factories import AccreditationFactory, OrganizationFactory, focal_point_of, open_forum

pytestmark = pytest.mark.django_db


def day(offset):
    return timezone.localdate() + datetime.timedelta(days=offset)


def paragraph(response, starts):
    tree = lxml.html.fromstring(response.content.decode())
    found = [" ".join(p.text_content().split()) for p in tree.xpath("//main//p")]
    return [text for text in found if text.startswith(starts)]


def test_the_accreditation_form_says_how_many_days_are_left(client):
    forum = open_forum(accreditation_deadline=day(12))
    client.force_login(focal_point_of(OrganizationFactory()))
    response = client.get(f"/my/accreditation/{forum.year}/")
    assert paragraph(response, "Requests for accreditation") == [
        f"Requests for accreditation may be made until {date_format(day(12), 'DATE_FORMAT')} (New York time). "
        "12 days left"
    ]


@pytest.mark.parametrize(
    ("offset", "left"), [(1, "1 day left"), (0, "last day")], ids=["tomorrow", "today"]
)
def test_the_delegates_and_speaking_forms_say_how_many_days_are_left(client, offset, left):
    forum = open_forum(delegate_registration_deadline=day(offset), speaking_request_deadline=day(offset))
    RoundTableFactory(forum=forum)  # a session that takes speaking requests
    organization = OrganizationFactory()
    AccreditationFactory(organization=organization, forum=forum, state=AccreditationState.APPROVED)
    client.force_login(focal_point_of(organization))
    date = date_format(day(offset), "DATE_FORMAT")
    assert paragraph(client.get(f"/my/delegates/{forum.year}/"), "Delegates may") == [
        f"Delegates may be registered until {date} (New York time). {left}"
    ]
    assert paragraph(client.get(f"/my/speaking-requests/{forum.year}/"), "Speaking requests may") == [
        f"Speaking requests may be submitted until {date} (New York time). {left}"
    ]


def test_the_side_event_form_says_how_many_days_are_left(client):
    forum = open_forum(side_event_call_deadline=day(3))
    client.force_login(accredited_member(forum).user)
    response = client.get(f"/my/side-events/{forum.year}/new/")
    assert paragraph(response, "The call closes on") == [
        f"The call closes on {date_format(day(3), 'DATE_FORMAT')} (New York time). 3 days left"
    ]
