"""An invitation to join an organisation expires INVITATION_VALID_DAYS (14) after it was sent:
the link then says so, names the date and what to do, and lets nobody in."""

import datetime

import pytest
from django.utils import timezone

from stakeholders import services
from stakeholders.models import Invitation, Membership
from tests.stakeholders.factories import OrganizationFactory, verified_user

pytestmark = pytest.mark.django_db


def sent(days_ago, email="colleague@example.org"):
    invitation = services.invite(OrganizationFactory(name="Alpha Network"), email, by=None)
    invitation.created_at = timezone.now() - datetime.timedelta(days=days_ago)
    invitation.save()
    return invitation


def test_the_validity_is_a_setting_of_fourteen_days(settings):
    assert settings.INVITATION_VALID_DAYS == 14


def test_an_expired_invitation_says_so_and_lets_nobody_in(client):
    invitation = sent(days_ago=15)
    colleague = verified_user("colleague@example.org")
    client.force_login(colleague)
    expected = (
        f"This invitation expired on {timezone.localtime(invitation.created_at + datetime.timedelta(days=14)):%-d %B %Y}: "
        "invitations are valid for 14 days. Ask a focal point of Alpha Network to invite you again, or ask "
        "to join the organisation from your dashboard."
    )
    page = client.get(invitation.get_absolute_url())
    assert page.status_code == 200
    assert page.context["expired"] == expected
    assert "Accept and join" not in page.content.decode()
    response = client.post(invitation.get_absolute_url())
    assert (response.status_code, response.context["expired"], response.context["error"]) == (
        200,
        expected,
        None,
    )
    assert Membership.objects.filter(user=colleague).count() == 0
    # Nor is it offered on the dashboard any more.
    assert list(client.get("/my/").context["invitations"]) == []


def test_a_recent_invitation_still_works_and_shows_its_last_day(client):
    invitation = sent(days_ago=13)
    colleague = verified_user("colleague@example.org")
    client.force_login(colleague)
    last_day = timezone.localtime(invitation.created_at + datetime.timedelta(days=14))
    assert (
        f"It can be accepted until {last_day:%-d %B %Y}."
        in client.get(invitation.get_absolute_url()).content.decode()
    )
    assert list(client.get("/my/").context["invitations"]) == [invitation]
    assert client.post(invitation.get_absolute_url()).status_code == 302
    assert Membership.objects.get(user=colleague).organization == invitation.organization


def test_the_service_refuses_an_expired_invitation(settings):
    settings.INVITATION_VALID_DAYS = 3
    invitation = sent(days_ago=4)
    with pytest.raises(services.ValidationError):
        services.accept_invitation(invitation, verified_user("colleague@example.org"))
    assert Invitation.objects.get().accepted_at is None
