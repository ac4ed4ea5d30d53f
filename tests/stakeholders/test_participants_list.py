"""The forum's list of participants (/forums/<year>/participants/): confirmed delegates of
organisations accredited to the forum, each listed only as far as they agreed. "Everyone": to all
visitors. "Participants only": also to signed-in participants of that forum — members of an
organisation whose accreditation to it is approved, confirmed delegates of it (by an e-mail address
the user verified), and the secretariat. "Nobody": to no one. Nothing of the grounds pass shows."""

import datetime

import pytest
from allauth.account.models import EmailAddress

from forums.enums import ForumStatus
from stakeholders.enums import AccreditationState, DelegateState, ListingConsent
from tests.core.factories import SecretariatUserFactory, UserFactory
from tests.stakeholders.factories import (
    AccreditationFactory,
    DelegateFactory,
    OrganizationFactory,
    focal_point_of,
    member_of,
    open_forum,
    state_focal_point,
    verified_user,
)

pytestmark = pytest.mark.django_db
URL = "/forums/2030/participants/"
EVERYONE = ["Eve Everyone"]
WITH_PARTICIPANTS = ["Eve Everyone", "Paul Participants"]


@pytest.fixture
def forum():
    return open_forum()


@pytest.fixture
def accreditation(forum):
    return AccreditationFactory(
        forum=forum,
        state=AccreditationState.APPROVED,
        organization=OrganizationFactory(name="Alpha Network", acronym="AN"),
    )


@pytest.fixture(autouse=True)
def listed(accreditation):
    def delegate(name, consent, state=DelegateState.CONFIRMED, **kwargs):
        return DelegateFactory(
            accreditation=kwargs.pop("accreditation", accreditation),
            name=name,
            listing_consent=consent,
            state=state,
            grounds_pass=True,
            **kwargs,
        )

    return {
        "everyone": delegate("Eve Everyone", ListingConsent.EVERYONE, function="Director"),
        "participants": delegate("Paul Participants", ListingConsent.PARTICIPANTS, email="paul@example.org"),
        "nobody": delegate("Nora Nobody", ListingConsent.NOBODY),
        "pending": delegate("Pat Pending", ListingConsent.EVERYONE, state=DelegateState.PENDING),
        "withdrawn": delegate("Walt Withdrawn", ListingConsent.EVERYONE, state=DelegateState.WITHDRAWN),
    }


def names(response):
    assert response.status_code == 200
    return [d.name for d in response.context["delegates"]]


def test_anonymous_visitors_see_those_who_agreed_to_everyone(client, listed):
    response = client.get(URL)
    assert names(response) == EVERYONE
    page = response.content.decode()
    assert "<h1>Participants in IMRF 2030</h1>" in page
    assert '<tr><th scope="row">Eve Everyone</th><td>Director</td><td>Alpha Network (AN)</td></tr>' in page
    assert "1 participant listed" in page
    # Nothing of the grounds pass, nor the address.
    for hidden in ("EVE EVERYONE", "1985", listed["everyone"].email, "Kenya"):
        assert hidden not in page


@pytest.mark.parametrize("who", ["focal_point", "member"])
def test_members_of_an_accredited_organisation_see_participants_only_ones(client, accreditation, who):
    organization = accreditation.organization
    other_accredited = AccreditationFactory(forum=accreditation.forum, state=AccreditationState.APPROVED)
    user = {
        "focal_point": lambda: focal_point_of(organization),
        "member": lambda: member_of(other_accredited.organization),
    }[who]()
    client.force_login(user)
    response = client.get(URL)
    assert names(response) == WITH_PARTICIPANTS
    page = response.content.decode()
    assert "<td>Alpha Network (AN)</td><td>Participants only</td></tr>" in page
    assert "Nora Nobody" not in page


def test_a_confirmed_delegate_signed_in_with_the_verified_address_is_a_participant(client):
    user = verified_user("PAUL@example.org")
    client.force_login(user)
    assert names(client.get(URL)) == WITH_PARTICIPANTS


def test_the_secretariat_sees_participants_only_ones(client):
    client.force_login(SecretariatUserFactory())
    assert names(client.get(URL)) == WITH_PARTICIPANTS


@pytest.mark.parametrize(
    "who",
    [
        "anonymous",
        "not_accredited_organisation",
        "applying_organisation",
        "unverified_address",
        "pending_delegate",
        "another_forums_member",
        "state_focal_point",
        "staff_without_permission",
    ],
)
def test_nobody_else_sees_participants_only_ones(client, forum, listed, who):
    later = open_forum(
        year=2034,
        hearing_date=datetime.date(2034, 5, 1),
        start_date=datetime.date(2034, 5, 2),
        end_date=datetime.date(2034, 5, 5),
    )

    def unverified():
        user = UserFactory(email="paul@example.org")
        EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
        return user

    user = {
        "anonymous": lambda: None,
        "not_accredited_organisation": lambda: focal_point_of(OrganizationFactory()),
        "applying_organisation": lambda: focal_point_of(
            AccreditationFactory(forum=forum, state=AccreditationState.SUBMITTED).organization
        ),
        "unverified_address": unverified,
        "pending_delegate": lambda: verified_user(listed["pending"].email),
        "another_forums_member": lambda: member_of(
            AccreditationFactory(forum=later, state=AccreditationState.APPROVED).organization
        ),
        "state_focal_point": state_focal_point,
        "staff_without_permission": lambda: UserFactory(is_staff=True),
    }[who]()
    if user is not None:
        client.force_login(user)
    assert names(client.get(URL)) == EVERYONE


def test_delegates_of_an_organisation_no_longer_accredited_are_not_listed(client, accreditation):
    accreditation.state = AccreditationState.WITHDRAWN
    accreditation.save()
    client.force_login(SecretariatUserFactory())
    assert names(client.get(URL)) == []
    assert "No delegate is listed yet." in client.get(URL).content.decode()


def test_a_forum_not_yet_public_or_unknown_has_no_list(client, forum):
    forum.status = ForumStatus.PLANNING
    forum.save()
    assert client.get(URL).status_code == 404
    assert client.get("/forums/2038/participants/").status_code == 404


@pytest.mark.parametrize("page", ["abc", "-1", "999", "1" * 40])
def test_a_bad_page_number_shows_a_page(client, page):
    assert names(client.get(URL, {"page": page})) == EVERYONE


def test_the_page_is_listed_in_each_language(client):
    response = client.get("/fr" + URL)
    assert response.status_code == 200
    assert "<h1>Participants au FEMI 2030</h1>" in response.content.decode()


@pytest.mark.parametrize("count", [1, 40])
@pytest.mark.parametrize("who", ["anonymous", "member"])
def test_queries_are_constant(client, django_assert_num_queries, accreditation, count, who):
    for n in range(count):
        DelegateFactory(
            accreditation=accreditation,
            listing_consent=ListingConsent.PARTICIPANTS if n % 2 else ListingConsent.EVERYONE,
            state=DelegateState.CONFIRMED,
        )
    if who == "member":
        client.force_login(member_of(accreditation.organization))
    # Anonymous: the forum, the count, the page. A member: their session, user and membership,
    # the accreditation check, then the same three.
    with django_assert_num_queries(3 if who == "anonymous" else 7):
        response = client.get(URL)
    assert response.status_code == 200
