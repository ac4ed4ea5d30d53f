"""Who may act, and who decides it: an organisation never declares itself part of the UN system
(that lets it organise side events without accreditation) and nobody names themselves focal
point of a Member State; the secretariat records both, logged."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.models import ActivityLog
from reference.models import MemberState
from stakeholders import services
from stakeholders.models import Organization, StateFocalPoint
from tests.stakeholders.factories import OrganizationFactory, focal_point_of, open_forum, verified_user
from tests.stakeholders.test_organizations import form_data
from tests.stakeholders.test_verified_status import organization_admin_data

pytestmark = pytest.mark.django_db

NOT_OFFERED = "Select a valid choice. un_system is not one of the available choices."


def test_nobody_registers_an_organisation_as_part_of_the_un_system(client):
    client.force_login(verified_user())
    response = client.post(reverse("stakeholders:organization_create"), form_data(category="un_system"))
    assert response.status_code == 200
    assert response.context["form"].errors == {"category": [NOT_OFFERED]}
    assert 'value="Red de Migrantes del Sur"' in response.content.decode()
    assert not Organization.objects.exists()
    page = client.get(reverse("stakeholders:organization_create")).content.decode()
    assert 'value="un_system"' not in page


def test_a_focal_point_cannot_move_its_organisation_into_the_un_system(client):
    organization = OrganizationFactory(name="Red de Migrantes del Sur")
    client.force_login(focal_point_of(organization))
    response = client.post(
        reverse("stakeholders:organization_edit"),
        form_data(category="un_system", country=organization.country.pk),
    )
    assert response.context["form"].errors == {"category": [NOT_OFFERED]}
    organization.refresh_from_db()
    assert organization.category == "ngo"


def test_the_secretariat_records_a_un_system_body_and_the_change_is_logged(secretariat_client, secretariat_user):
    organization = OrganizationFactory(name="UN-Habitat")
    response = secretariat_client.post(
        reverse("admin:stakeholders_organization_change", args=[organization.pk]),
        organization_admin_data(organization, category="un_system"),
    )
    assert response.status_code == 302
    organization.refresh_from_db()
    assert organization.is_intergovernmental
    assert list(
        ActivityLog.objects.filter(action="organization.category").values_list("actor", "old_state", "new_state")
    ) == [(secretariat_user.pk, "ngo", "un_system")]


def test_a_un_system_body_keeps_its_category_when_its_focal_point_edits_the_profile(client):
    organization = OrganizationFactory(name="Red de Migrantes del Sur", category="un_system")
    client.force_login(focal_point_of(organization))
    page = client.get(reverse("stakeholders:organization_edit"))
    assert page.context["form"].fields["category"].disabled is True
    response = client.post(
        reverse("stakeholders:organization_edit"), form_data(category="ngo", country=organization.country.pk)
    )
    assert response.status_code == 302
    organization.refresh_from_db()
    assert (organization.category, organization.website) == ("un_system", "https://rms.example.org")


def test_a_un_system_body_is_not_accredited():
    organization = OrganizationFactory(category="un_system")
    with pytest.raises(ValidationError) as caught:
        services.apply_for_special_accreditation(
            organization, open_forum(), by=focal_point_of(organization), mission="m", migration_work="w"
        )
    assert caught.value.messages == [
        "Bodies of the UN system and other intergovernmental organisations take part without accreditation."
    ]


def test_nobody_names_themselves_focal_point_of_a_member_state(client):
    user = verified_user()
    focal_point_of(OrganizationFactory())
    client.force_login(user)
    # No page of the portal takes it; the admin's page is the secretariat's.
    response = client.post(
        reverse("admin:stakeholders_statefocalpoint_add"),
        {"user": user.pk, "member_state": MemberState.objects.get(iso3="MEX").pk},
    )
    assert (response.status_code, response["Location"].startswith("/admin/login/")) == (302, True)
    client.post(reverse("stakeholders:organization_create"), form_data(member_state="MEX", state_focal_point="1"))
    assert not StateFocalPoint.objects.exists()
    assert client.get(reverse("stakeholders:non_objection_list", kwargs={"year": 2030})).status_code == 403


def test_the_secretariat_names_a_state_focal_point(secretariat_client):
    user = verified_user()
    response = secretariat_client.post(
        reverse("admin:stakeholders_statefocalpoint_add"),
        {"user": user.pk, "member_state": MemberState.objects.get(iso3="MEX").pk},
    )
    assert response.status_code == 302
    assert list(StateFocalPoint.objects.values_list("user", "member_state__iso3")) == [(user.pk, "MEX")]
