"""Creating an organisation, its profile and logo, and its members."""

import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from reference.models import Country
from stakeholders import services
from stakeholders.enums import JoinRequestState, MembershipRole
from stakeholders.models import Invitation, JoinRequest, Membership, Organization
from tests.stakeholders.factories import OrganizationFactory, focal_point_of, member_of, verified_user

pytestmark = pytest.mark.django_db


def png(size=(40, 40)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (0, 80, 122)).save(buffer, "PNG")
    return buffer.getvalue()


def form_data(**overrides):
    data = {
        "name": "Red de Migrantes del Sur",
        "acronym": "RMS",
        "category": "migrant",
        "country": Country.objects.get(iso3="CHL").pk,
        "work_regions": ["Americas"],
        "website": "rms.example.org",
        "description": "Migrant-led network.",
        "claimed_ecosoc_status": "none",
        "listed_in_directory": "on",
        "publish_description": "on",
    }
    data.update(overrides)
    return data


def test_creating_an_organisation_makes_its_creator_the_focal_point(client):
    user = verified_user()
    client.force_login(user)
    response = client.post(
        reverse("stakeholders:organization_create"), form_data(logo=SimpleUploadedFile("l.png", png()))
    )
    assert response.status_code == 302
    organization = Organization.objects.get()
    assert (organization.name, organization.slug, organization.website) == (
        "Red de Migrantes del Sur",
        "rms",
        "https://rms.example.org",
    )
    assert organization.logo.name.startswith("logos/") and "l.png" not in organization.logo.name
    assert Membership.objects.get(user=user).role == MembershipRole.FOCAL_POINT


def test_the_same_name_in_the_same_country_is_refused_with_a_pointer_to_join(client):
    existing = OrganizationFactory(name="Red de Migrantes del Sur", country=Country.objects.get(iso3="CHL"))
    client.force_login(verified_user())
    response = client.post(
        reverse("stakeholders:organization_create"), form_data(name="red de migrantes del SUR")
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert (
        "Red de Migrantes del Sur in Chile is already on the portal. Ask to join it instead of creating it again."
        in page
    )
    assert f'href="/my/join/{existing.slug}/"' in page
    assert response.context["form"]["acronym"].value() == "RMS"
    assert Organization.objects.count() == 1


def test_the_same_name_in_another_country_is_fine(client):
    OrganizationFactory(name="Red de Migrantes del Sur", country=Country.objects.get(iso3="ARG"))
    client.force_login(verified_user())
    assert client.post(reverse("stakeholders:organization_create"), form_data()).status_code == 302
    assert Organization.objects.count() == 2


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            lambda: SimpleUploadedFile("logo.png", b"<svg onload=alert(1)>", "image/png"),
            "This file is not an image we can read. Upload a PNG, JPEG, WebP or GIF logo.",
        ),
        (
            lambda: SimpleUploadedFile("logo.png", png() + b"\0" * (2 * 1024 * 1024), "image/png"),
            "The logo is 2.0\xa0MB; it may be at most 2.0\xa0MB.",
        ),
    ],
)
def test_a_bad_logo_is_a_clear_error_and_the_rest_is_kept(client, upload, message):
    client.force_login(verified_user())
    response = client.post(reverse("stakeholders:organization_create"), form_data(logo=upload()))
    assert response.status_code == 200
    assert response.context["form"].errors["logo"] == [message]
    assert response.context["form"]["name"].value() == "Red de Migrantes del Sur"
    assert response.context["form"]["description"].value() == "Migrant-led network."
    assert not Organization.objects.exists()


def test_invitation_by_e_mail_and_acceptance(client, django_capture_on_commit_callbacks):
    organization = OrganizationFactory()
    focal_point = focal_point_of(organization)
    client.force_login(focal_point)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("stakeholders:invite"), {"email": "Colleague@Example.org"})
    invitation = Invitation.objects.get()
    assert mail.outbox[0].to == ["colleague@example.org"]
    assert invitation.get_absolute_url() in mail.outbox[0].body
    colleague = verified_user("colleague@example.org")
    client.force_login(colleague)
    assert client.post(invitation.get_absolute_url()).status_code == 302
    assert Membership.objects.get(user=colleague).organization == organization


def test_an_invitation_cannot_be_used_by_someone_else(client):
    organization = OrganizationFactory()
    invitation = services.invite(organization, "colleague@example.org", by=None)
    intruder = verified_user("intruder@example.org")
    client.force_login(intruder)
    response = client.post(invitation.get_absolute_url())
    assert response.status_code == 200
    assert "This invitation was sent to colleague@example.org." in response.content.decode()
    assert not Membership.objects.filter(user=intruder).exists()


def test_a_garbage_invitation_token_is_a_404(client):
    client.force_login(verified_user())
    assert client.get("/my/invitations/not-a-token/").status_code == 404


def test_join_request_accepted_by_a_focal_point(client, django_capture_on_commit_callbacks):
    organization = OrganizationFactory()
    focal_point = focal_point_of(organization, email="focal@example.org")
    applicant = verified_user()
    client.force_login(applicant)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("stakeholders:join_request", args=[organization.slug]),
            {"message": "I run the Nairobi office."},
        )
    assert mail.outbox[0].to == ["focal@example.org"]
    join_request = JoinRequest.objects.get()
    client.force_login(focal_point)
    client.post(reverse("stakeholders:join_request_decide", args=[join_request.pk]), {"accept": "1"})
    join_request.refresh_from_db()
    assert join_request.state == JoinRequestState.ACCEPTED
    assert Membership.objects.get(user=applicant).organization == organization


def test_asking_twice_to_join_is_refused_clearly(client):
    organization = OrganizationFactory()
    user = verified_user()
    services.request_to_join(organization, user)
    client.force_login(user)
    response = client.post(
        reverse("stakeholders:join_request", args=[organization.slug]), {"message": "again"}
    )
    assert f"You have already asked to join {organization.name}." in response.content.decode()
    assert response.context["form"]["message"].value() == "again"


def test_a_second_focal_point_but_not_a_third():
    organization = OrganizationFactory()
    focal_point_of(organization)
    second = Membership.objects.get(user=member_of(organization))
    third = Membership.objects.get(user=member_of(organization))
    services.set_member_role(second, MembershipRole.FOCAL_POINT, by=None)
    with pytest.raises(Exception) as caught:
        services.set_member_role(third, MembershipRole.FOCAL_POINT, by=None)
    assert caught.value.messages == ["An organisation has at most two focal points."]


def test_the_last_focal_point_cannot_step_down_or_be_removed():
    organization = OrganizationFactory()
    only = Membership.objects.get(user=focal_point_of(organization))
    for call in (
        lambda: services.set_member_role(only, MembershipRole.MEMBER, by=None),
        lambda: services.remove_member(only, by=None),
    ):
        with pytest.raises(Exception) as caught:
            call()
        assert caught.value.messages == ["Name another focal point first: an organisation always has one."]
