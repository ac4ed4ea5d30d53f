"""Every signed-in stakeholder page, for each kind of visitor. An organisation never sees or
changes another's records, even when it guesses their ids."""

import pytest
from django.urls import reverse

from stakeholders.enums import AccreditationState, DelegateState, JoinRequestState, MembershipRole
from stakeholders.models import Delegate, JoinRequest, Membership, SpeakingRequest
from tests.core.factories import SecretariatUserFactory
from tests.forums.factories import SessionFactory
from tests.stakeholders.factories import (
    AccreditationFactory,
    DelegateFactory,
    OrganizationFactory,
    delegate_data,
    focal_point_of,
    member_of,
    open_forum,
    verified_user,
)

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


@pytest.fixture
def world():
    forum = open_forum()
    ours = OrganizationFactory(name="Our Organisation")
    theirs = OrganizationFactory(name="Their Organisation")
    AccreditationFactory(organization=ours, forum=forum, state=AccreditationState.APPROVED)
    their_accreditation = AccreditationFactory(
        organization=theirs, forum=forum, state=AccreditationState.APPROVED
    )
    hearing = SessionFactory(
        forum=forum,
        kind="hearing",
        starts_at=forum.local_datetime(forum.hearing_date, 10),
        ends_at=forum.local_datetime(forum.hearing_date, 12),
    )
    users = {
        "focal_point": focal_point_of(ours),
        "member": member_of(ours),
        "other": focal_point_of(theirs),
        "secretariat": SecretariatUserFactory(),
    }
    their_delegate = DelegateFactory(accreditation=their_accreditation)
    their_speaking = SpeakingRequest.objects.create(
        accreditation=their_accreditation, session=hearing, topic="t", speaker_name="s", speaker_profile="p"
    )
    their_join = JoinRequest.objects.create(organization=theirs, user=verified_user())
    their_member = Membership.objects.get(organization=theirs)
    return {
        "forum": forum,
        "users": users,
        "their_delegate": their_delegate,
        "their_speaking": their_speaking,
        "their_join": their_join,
        "their_member": their_member,
        "hearing": hearing,
    }


def client_as(client, world, who):
    if who != "anonymous":
        client.force_login(world["users"][who])
    return client


PAGES = [
    # (url name, kwargs, {visitor: expected status})
    (
        "portal:dashboard",
        {},
        {"anonymous": 302, "focal_point": 200, "member": 200, "other": 200, "secretariat": 200},
    ),
    (
        "stakeholders:organization_edit",
        {},
        {"anonymous": 302, "focal_point": 200, "member": 200, "other": 200, "secretariat": 302},
    ),
    (
        "stakeholders:organization_create",
        {},
        {"anonymous": 302, "focal_point": 302, "member": 302, "other": 302, "secretariat": 200},
    ),
    (
        "stakeholders:members",
        {},
        {"anonymous": 302, "focal_point": 200, "member": 200, "other": 200, "secretariat": 302},
    ),
    (
        "stakeholders:join_search",
        {},
        {"anonymous": 302, "focal_point": 200, "member": 200, "other": 200, "secretariat": 200},
    ),
    (
        "stakeholders:accreditation",
        {"year": 2030},
        {"anonymous": 302, "focal_point": 200, "member": 200, "other": 200, "secretariat": 302},
    ),
    (
        "stakeholders:delegates",
        {"year": 2030},
        {"anonymous": 302, "focal_point": 200, "member": 200, "other": 200, "secretariat": 302},
    ),
    (
        "stakeholders:speaking_requests",
        {"year": 2030},
        {"anonymous": 302, "focal_point": 200, "member": 200, "other": 200, "secretariat": 302},
    ),
]


@pytest.mark.parametrize("who", ["anonymous", "focal_point", "member", "other", "secretariat"])
@pytest.mark.parametrize(("name", "kwargs", "expected"), PAGES)
def test_who_may_open_each_page(client, world, who, name, kwargs, expected):
    response = client_as(client, world, who).get(reverse(name, kwargs=kwargs))
    assert response.status_code == expected[who]
    if who == "anonymous":
        assert response["Location"].startswith(LOGIN)


@pytest.mark.parametrize("who", ["focal_point", "member", "other"])
def test_each_member_sees_only_their_own_organisation(client, world, who):
    page = client_as(client, world, who).get(reverse("stakeholders:organization_edit")).content.decode()
    expected = "Their Organisation" if who == "other" else "Our Organisation"
    unexpected = "Our Organisation" if who == "other" else "Their Organisation"
    assert expected in page and unexpected not in page


def test_only_focal_points_change_the_profile(client, world):
    client_as(client, world, "member")
    response = client.post(reverse("stakeholders:organization_edit"), {"name": "Hijacked"})
    assert response.status_code == 403
    assert not type(world["their_member"].organization).objects.filter(name="Hijacked").exists()


@pytest.mark.parametrize("who", ["focal_point", "member"])
def test_guessing_another_organisations_delegate_id_finds_nothing(client, world, who):
    delegate = world["their_delegate"]
    response = client_as(client, world, who).post(
        reverse("stakeholders:delegate_withdraw", kwargs={"year": 2030, "pk": delegate.pk})
    )
    assert response.status_code == 404
    delegate.refresh_from_db()
    assert delegate.state == DelegateState.PENDING


def test_guessing_another_organisations_speaking_request_finds_nothing(client, world):
    speaking = world["their_speaking"]
    response = client_as(client, world, "focal_point").post(
        reverse("stakeholders:speaking_request_withdraw", kwargs={"year": 2030, "pk": speaking.pk})
    )
    assert response.status_code == 404


def test_guessing_another_organisations_members_and_join_requests_finds_nothing(client, world):
    client_as(client, world, "focal_point")
    assert (
        client.post(
            reverse("stakeholders:member_change", args=[world["their_member"].pk]), {"action": "remove"}
        ).status_code
        == 404
    )
    assert (
        client.post(
            reverse("stakeholders:join_request_decide", args=[world["their_join"].pk]), {"accept": "1"}
        ).status_code
        == 404
    )
    world["their_join"].refresh_from_db()
    assert world["their_join"].state == JoinRequestState.PENDING
    assert Membership.objects.filter(pk=world["their_member"].pk).exists()


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [("stakeholders:invite", {}), ("stakeholders:accreditation_withdraw", {"year": 2030})],
)
def test_members_who_are_not_focal_points_cannot_act_for_the_organisation(client, world, name, kwargs):
    response = client_as(client, world, "member").post(
        reverse(name, kwargs=kwargs), {"email": "x@example.org"}
    )
    assert response.status_code == 403


def test_a_member_may_register_a_delegate_but_not_for_another_organisation(client, world):
    client_as(client, world, "member")
    data = delegate_data(email="ana@example.org")
    assert client.post(reverse("stakeholders:delegates", kwargs={"year": 2030}), data).status_code == 302
    delegate = Delegate.objects.get(email="ana@example.org")
    assert delegate.accreditation.organization.name == "Our Organisation"


def test_secretariat_users_without_an_organisation_are_sent_to_the_dashboard(client, world):
    response = client_as(client, world, "secretariat").get(reverse("stakeholders:members"))
    assert response["Location"] == reverse("portal:dashboard")


def test_focal_point_promotion_is_for_focal_points_only(client, world):
    target = Membership.objects.get(user=world["users"]["member"])
    client_as(client, world, "member").post(
        reverse("stakeholders:member_change", args=[target.pk]), {"action": "make_focal_point"}
    )
    target.refresh_from_db()
    assert target.role == MembershipRole.MEMBER
