"""What mails other people is limited per person and per organisation (core/ratelimit.py):
join requests (to the focal points), invitations to an organisation (to the address named),
invitations to be a pledge's partner or a side event's co-organiser (to the focal points). The
counts are the actions' own rows in the database, so they hold with the cache or Redis down."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from core.models import OutboxMessage
from core.ratelimit import RateLimited
from pledges import services as pledges
from pledges.models import PledgePartner
from side_events import services as side_events
from side_events.models import SideEvent, SideEventCoOrganizer
from stakeholders import services
from stakeholders.models import Invitation, JoinRequest
from tests.pledges.factories import PledgeFactory
from tests.side_events.factories import accredited_member, side_event_forum
from tests.stakeholders.factories import (
    OrganizationFactory,
    focal_point_of,
    listed_organization,
    verified_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def small_limits(settings):
    settings.RATE_LIMITS = {
        "join_request": {"user": 2, "organization": 3},
        "membership_invitation": {"user": 2, "organization": 3},
        "partner_invitation": {"user": 2, "organization": 2},
        "co_organizer_invitation": {"user": 2, "organization": 2},
    }


def test_the_limits_in_production():
    from imrf_portal import settings

    assert (settings.RATE_LIMIT_WINDOW_HOURS, settings.RATE_LIMITS) == (
        24,
        {
            "join_request": {"user": 5, "organization": 20},
            "membership_invitation": {"user": 20, "organization": 50},
            "partner_invitation": {"user": 20, "organization": 10},
            "co_organizer_invitation": {"user": 20, "organization": 10},
            "pledger_message": {"user": 10, "organization": 20},
            "coalition_request": {"user": 10, "organization": 20},
            "coalition_invitation": {"user": 20, "organization": 10},
        },
    )


def test_join_requests_are_limited_per_person(client):
    user = verified_user()
    for organization in OrganizationFactory.create_batch(2):
        services.request_to_join(organization, user)
    third = OrganizationFactory()
    client.force_login(user)
    response = client.post(reverse("stakeholders:join_request", args=[third.slug]), {"message": "hello"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "You have asked to join organisations 2 times in the last day, the most the portal allows, because "
        "each request e-mails an organisation's focal points. Please try again in 24 hour(s)."
    ]
    assert JoinRequest.objects.filter(organization=third).count() == 0


def test_join_requests_are_limited_per_organisation():
    organization = OrganizationFactory(name="Alpha Network")
    focal_point_of(organization)
    for _n in range(3):
        services.request_to_join(organization, verified_user())
    with pytest.raises(RateLimited) as exc:
        services.request_to_join(organization, verified_user())
    assert exc.value.messages == [
        "Alpha Network has received 3 requests to join in the last day, the most the portal allows. Please "
        "try again in 24 hour(s), or ask one of its focal points to invite you."
    ]
    assert OutboxMessage.objects.filter(template="stakeholders/email/join_request").count() == 3


def test_a_request_older_than_the_window_no_longer_counts():
    user = verified_user()
    for organization in OrganizationFactory.create_batch(2):
        services.request_to_join(organization, user)
    JoinRequest.objects.update(created_at=timezone.now() - datetime.timedelta(hours=25))
    services.request_to_join(OrganizationFactory(), user)
    assert JoinRequest.objects.filter(user=user).count() == 3


def test_the_message_says_when_to_try_again():
    user = verified_user()
    for organization in OrganizationFactory.create_batch(2):
        services.request_to_join(organization, user)
    JoinRequest.objects.filter(user=user).update(created_at=timezone.now() - datetime.timedelta(hours=20))
    with pytest.raises(RateLimited) as exc:
        services.request_to_join(OrganizationFactory(), user)
    assert exc.value.messages[0].endswith("Please try again in 4 hour(s).")


def test_invitations_to_an_organisation_are_limited_per_person_and_per_organisation(client):
    organization = OrganizationFactory(name="Alpha Network")
    first, second = focal_point_of(organization), focal_point_of(organization)
    client.force_login(first)
    for n in range(3):
        client.post(reverse("stakeholders:invite"), {"email": f"colleague{n}@example.org"})
    assert [m.message for m in client.get(reverse("stakeholders:members")).context["messages"]][-1] == (
        "You have sent 2 invitations in the last day, the most the portal allows. Please try again in "
        "24 hour(s)."
    )
    services.invite(organization, "colleague2@example.org", by=second)
    with pytest.raises(RateLimited) as exc:
        services.invite(organization, "colleague3@example.org", by=second)
    assert exc.value.messages == [
        "Alpha Network has sent 3 invitations in the last day, the most the portal allows. Please try again "
        "in 24 hour(s)."
    ]
    assert Invitation.objects.count() == 3


def test_partner_invitations_are_limited_per_person_and_per_invited_organisation(client):
    lead = OrganizationFactory()
    lead_user = focal_point_of(lead)
    pledge = PledgeFactory(organization=lead)
    for partner in OrganizationFactory.create_batch(2):
        pledges.invite_partner(pledge, by=lead_user, organization=partner)
    client.force_login(lead_user)
    response = client.post(
        reverse("pledges:invite", args=[pledge.reference]),
        {"organization": listed_organization().slug},
        follow=True,
    )
    assert [m.message for m in response.context["messages"]] == [
        "You have invited 2 partners in the last day, the most the portal allows, because each invitation "
        "e-mails the partner's focal points. Please try again in 24 hour(s)."
    ]
    # A declined invitation is deleted, but still counts for the person who sent it.
    PledgePartner.objects.first().delete()
    with pytest.raises(RateLimited):
        pledges.invite_partner(pledge, by=lead_user, organization=OrganizationFactory())
    # One organisation receives at most two invitations a day, from anyone.
    target = OrganizationFactory(name="Much Invited")
    for _n in range(2):
        other = OrganizationFactory()
        pledges.invite_partner(
            PledgeFactory(organization=other), by=focal_point_of(other), organization=target
        )
    other = OrganizationFactory()
    with pytest.raises(RateLimited) as exc:
        pledges.invite_partner(
            PledgeFactory(organization=other), by=focal_point_of(other), organization=target
        )
    assert exc.value.messages == [
        "Much Invited has received 2 invitations to pledges in the last day, the most the portal allows. "
        "Please try again in 24 hour(s)."
    ]


def test_co_organiser_invitations_are_limited_per_person(client):
    forum = side_event_forum()
    applicant = accredited_member(forum, role="focal_point")
    side_event = SideEvent.objects.create(
        forum=forum, organization=applicant.organization, title="Draft", description="d", format="virtual",
        preferred_day=forum.start_date, preferred_time="evening", expected_audience=10, outcomes="o",
    )  # fmt: skip
    partners = [accredited_member(forum, role="focal_point").organization for _n in range(3)]
    side_events.set_co_organizers(side_event, partners[:2], by=applicant.user)
    # Un-naming and naming again does not reset the count.
    side_events.set_co_organizers(side_event, [], by=applicant.user)
    with pytest.raises(RateLimited) as exc:
        side_events.set_co_organizers(side_event, partners[2:], by=applicant.user)
    assert exc.value.messages == [
        "You have named 2 co-organisers in the last day, the most the portal allows, because each is "
        "e-mailed. Please try again in 24 hour(s)."
    ]
    assert SideEventCoOrganizer.objects.count() == 0
