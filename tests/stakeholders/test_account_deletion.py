"""A person deletes their account; the organisation's records stay, anonymised."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from core.models import ActivityLog
from stakeholders.enums import MembershipRole
from stakeholders.models import Accreditation, Delegate, Invitation, JoinRequest, Membership, SpeakingRequest
from tests.stakeholders.account_scenario import PASSWORD, build_scenario
from tests.stakeholders.factories import focal_point_of

pytestmark = pytest.mark.django_db

URL = "/my/account/delete/"
User = get_user_model()


@pytest.fixture
def scenario(db):
    return build_scenario()


def delete(client, user, password=PASSWORD):
    client.force_login(user)
    return client.post(URL, {"password": password})


def deletion_entries(organization):
    return list(
        ActivityLog.objects.filter(
            content_type=ContentType.objects.get_for_model(organization),
            object_id=organization.pk,
            action="organization.member_deleted_account",
        ).values_list("actor", "note")
    )


def test_the_url_is_the_named_one():
    assert reverse("stakeholders:account_delete") == URL


def test_anonymous_is_sent_to_sign_in(client, scenario):
    assert client.get(URL).url == "/accounts/login/?next=/my/account/delete/"
    assert client.post(URL, {"password": PASSWORD}).url == "/accounts/login/?next=/my/account/delete/"
    assert User.objects.count() == 4


def test_the_confirmation_page_says_what_is_kept(client, scenario):
    client.force_login(scenario.member)

    response = client.get(URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Delete your account</h1>" in html
    assert "What you did for your organisation stays with it, anonymised" in html
    assert '<label for="id_password">Your current password:</label>' in html
    assert 'href="/my/account/data.json"' in html


def test_a_wrong_password_deletes_nothing(client, scenario):
    response = delete(client, scenario.member, password="not my password")

    assert response.status_code == 200
    html = response.content.decode()
    assert "This is not your current password." in html
    assert 'aria-invalid="true"' in html
    assert User.objects.filter(pk=scenario.member.pk).count() == 1
    assert Membership.objects.filter(user=scenario.member).count() == 1
    assert client.session["_auth_user_id"] == str(scenario.member.pk)


def test_an_empty_password_is_an_error_too(client, scenario):
    response = delete(client, scenario.member, password="")

    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert User.objects.filter(pk=scenario.member.pk).count() == 1


def test_a_member_deletes_their_account_and_the_records_stay_anonymised(client, scenario):
    member_pk = scenario.member.pk

    response = delete(client, scenario.member)

    assert response.status_code == 302
    assert response.url == "/"
    assert "_auth_user_id" not in client.session
    assert [str(m) for m in client.get("/").context["messages"]] == ["Your account has been deleted."]
    assert User.objects.filter(pk=member_pk).count() == 0
    assert EmailAddress.objects.filter(user_id=member_pk).count() == 0
    assert Membership.objects.filter(user_id=member_pk).count() == 0
    # What they did for Alpha stays, with nobody's name on it.
    delegate = Delegate.objects.get(pk=scenario.delegate.pk)
    assert (delegate.name, delegate.registered_by) == ("Grace Wanjiru", None)
    speaking_request = SpeakingRequest.objects.get(pk=scenario.speaking_request.pk)
    assert (speaking_request.topic, speaking_request.submitted_by) == (
        "Decent work for domestic workers",
        None,
    )
    assert list(ActivityLog.objects.filter(action="delegate.state").values_list("actor", "new_state")) == [
        (None, "pending")
    ]
    assert deletion_entries(scenario.alpha) == [(None, "member deleted their account")]
    # The organisation and everybody else are untouched.
    assert Membership.objects.filter(organization=scenario.alpha).count() == 1
    assert Accreditation.objects.get(pk=scenario.accreditation.pk).submitted_by == scenario.focal_point
    assert Invitation.objects.filter(organization=scenario.alpha).count() == 1


def test_the_only_focal_point_of_an_organisation_with_members_is_refused(client, scenario):
    page = delete(client, scenario.focal_point)

    assert page.status_code == 200
    html = page.content.decode()
    assert (
        "You are the only focal point of Alpha Migrant Network. Name another member focal point first "
        "(on the members page), then delete your account."
    ) in html
    assert User.objects.filter(pk=scenario.focal_point.pk).count() == 1
    assert Membership.objects.get(user=scenario.focal_point).role == MembershipRole.FOCAL_POINT
    assert deletion_entries(scenario.alpha) == []
    # The confirmation page warns before anyone types a password.
    assert (
        "You are the only focal point of Alpha Migrant Network, which has other members."
        in client.get(URL).content.decode()
    )


def test_a_focal_point_with_another_focal_point_may_go(client, scenario):
    focal_point_of(scenario.alpha, "second-focal@alpha.example.org")

    response = delete(client, scenario.focal_point)

    assert response.status_code == 302
    accreditation = Accreditation.objects.get(pk=scenario.accreditation.pk)
    assert (accreditation.organization, accreditation.submitted_by) == (scenario.alpha, None)
    assert list(
        ActivityLog.objects.filter(action="organization.created", object_id=scenario.alpha.pk).values_list(
            "actor", flat=True
        )
    ) == [None]
    assert deletion_entries(scenario.alpha) == [(None, "member deleted their account")]


def test_the_last_person_of_an_organisation_is_refused_with_what_to_do(client, scenario):
    """Issue 13: alone, the organisation would keep its records with nobody able to accept a join
    request, invite, or manage its accreditation."""
    Membership.objects.filter(organization=scenario.alpha).exclude(user=scenario.focal_point).delete()

    response = delete(client, scenario.focal_point)

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "You are the only member of Alpha Migrant Network: without you nobody could accept its join "
        "requests or manage its accreditation. Invite a colleague and name them focal point first (on "
        "the members page), then delete your account; if the organisation is closing, write to the "
        "secretariat."
    ]
    assert User.objects.filter(pk=scenario.focal_point.pk).count() == 1
    assert Membership.objects.filter(organization=scenario.alpha).count() == 1
    assert deletion_entries(scenario.alpha) == []
    assert (
        "You are the only member of Alpha Migrant Network. Without a focal point nobody could accept its "
        "join requests"
    ) in client.get(URL).content.decode()


def test_a_member_of_another_organisation_deletes_only_their_own(client, scenario):
    response = delete(client, scenario.other_member)

    assert response.status_code == 302
    assert User.objects.filter(pk=scenario.other_member.pk).count() == 0
    assert Accreditation.objects.get(pk=scenario.beta_accreditation.pk).submitted_by is None
    assert JoinRequest.objects.count() == 0
    assert deletion_entries(scenario.beta) == [(None, "member deleted their account")]
    assert deletion_entries(scenario.alpha) == []
    assert Membership.objects.filter(organization=scenario.alpha).count() == 2
    assert Delegate.objects.get(pk=scenario.delegate.pk).registered_by == scenario.member


def test_secretariat_staff_delete_their_own_account(client, scenario):
    response = delete(client, scenario.staff)

    assert response.status_code == 302
    assert User.objects.filter(pk=scenario.staff.pk).count() == 0
    assert list(ActivityLog.objects.filter(action="accreditation.state").values_list("actor", flat=True)) == [
        None
    ]
    assert ActivityLog.objects.filter(action="organization.member_deleted_account").count() == 0
    assert User.objects.count() == 3
