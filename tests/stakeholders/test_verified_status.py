"""An organisation's ECOSOC status, earlier accreditation and NHRI confirmation are facts the
secretariat holds: what an organisation states is a claim that sends its registration to
verification, and no view, admin action or service approves without a verified status or the
whole non-objection procedure."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from core.models import ActivityLog
from reference.enums import StakeholderCategory
from stakeholders import services
from stakeholders.enums import AccreditationKind, EcosocStatus
from stakeholders.enums import AccreditationState as S
from stakeholders.models import Accreditation, Organization
from tests.core.factories import SecretariatUserFactory
from tests.stakeholders.factories import AccreditationFactory, OrganizationFactory, focal_point_of, open_forum

pytestmark = pytest.mark.django_db


def profile(organization, **overrides):
    data = {
        "name": organization.name,
        "acronym": organization.acronym,
        "category": organization.category,
        "country": organization.country.pk,
        "website": "",
        "description": "",
        "claimed_ecosoc_status": organization.claimed_ecosoc_status,
        "ecosoc_profile_number": organization.ecosoc_profile_number,
        "listed_in_directory": "on",
    }
    data.update(overrides)
    return data


def status_log(organization):
    return list(
        ActivityLog.objects.for_object(organization)
        .exclude(action="organization.changed")
        .values_list("action", "old_state", "new_state", "note")
    )


def test_a_claim_on_the_profile_sends_the_registration_to_verification_never_to_approval(client):
    # The scenario of issue 12: "Totally Unvetted NGO" ticks ECOSOC general status and registers.
    organization = OrganizationFactory(name="Totally Unvetted NGO")
    user = focal_point_of(organization)
    forum = open_forum()
    client.force_login(user)
    response = client.post(
        reverse("stakeholders:organization_edit"),
        profile(
            organization,
            claimed_ecosoc_status="general",
            ecosoc_profile_number="654321",
            # Not fields of the form: ignored whatever is posted.
            verified_ecosoc_status="general",
            verified_previous_accreditation="on",
        ),
    )
    assert response.status_code == 302
    organization.refresh_from_db()
    assert (organization.claimed_ecosoc_status, organization.verified_ecosoc_status) == ("general", "none")
    assert organization.verified_previous_accreditation is False
    response = client.post(
        reverse("stakeholders:accreditation", kwargs={"year": forum.year}), {"contact_email": ""}
    )
    assert response.status_code == 302
    accreditation = Accreditation.objects.get(organization=organization)
    assert (accreditation.kind, accreditation.state) == (
        AccreditationKind.REGISTRATION,
        S.STATUS_VERIFICATION,
    )
    page = client.get(reverse("stakeholders:accreditation", kwargs={"year": forum.year}))
    assert "the secretariat is verifying your organisation&#x27;s status" in page.content.decode()
    client.logout()
    directory = client.get(reverse("stakeholders:directory"), {"forum": forum.year})
    assert "Totally Unvetted NGO" not in directory.content.decode()


def test_every_change_of_a_claim_is_logged_with_from_and_to(client):
    organization = OrganizationFactory()
    user = focal_point_of(organization)
    client.force_login(user)
    client.post(
        reverse("stakeholders:organization_edit"),
        profile(organization, claimed_ecosoc_status="special", ecosoc_profile_number="123", category="nhri"),
    )
    client.post(
        reverse("stakeholders:organization_edit"),
        profile(Organization.objects.get(), claimed_ecosoc_status="none", claims_previous_accreditation="on"),
    )
    assert status_log(organization) == [
        ("organization.category", "ngo", "nhri", ""),
        ("organization.claimed_ecosoc_status", "none", "special", ""),
        ("organization.ecosoc_profile_number", "", "123", ""),
        ("organization.claimed_ecosoc_status", "special", "none", ""),
        ("organization.claims_previous_accreditation", "False", "True", ""),
    ]
    assert ActivityLog.objects.filter(action="organization.changed").count() == 2


def test_a_verified_status_needs_a_reason_and_is_logged_with_it():
    organization = OrganizationFactory(claimed_ecosoc_status=EcosocStatus.SPECIAL)
    staff = SecretariatUserFactory()
    with pytest.raises(ValidationError) as caught:
        services.set_verified_status(organization, by=staff, reason=" ", verified_ecosoc_status="special")
    assert caught.value.messages == ["Give the reason for this decision on the organisation's status."]
    organization.refresh_from_db()
    assert organization.verified_ecosoc_status == "none"
    organization, changed = services.set_verified_status(
        organization, by=staff, reason="ECOSOC list, 1 September 2026", verified_ecosoc_status="special"
    )
    assert (changed, organization.verified_ecosoc_status) == (["verified_ecosoc_status"], "special")
    entry = ActivityLog.objects.get(action="organization.verified_ecosoc_status")
    assert (entry.actor, entry.old_state, entry.new_state, entry.note) == (
        staff,
        "none",
        "special",
        "ECOSOC list, 1 September 2026",
    )


def test_verifying_the_status_approves_the_registration_that_waited_for_it(
    django_capture_on_commit_callbacks,
):
    organization = OrganizationFactory(claims_previous_accreditation=True)
    focal_point_of(organization, email="focal@example.org")
    accreditation = services.register_for_forum(organization, open_forum(), by=None)
    assert accreditation.state == S.STATUS_VERIFICATION
    staff = SecretariatUserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        services.set_verified_status(
            organization, by=staff, reason="Accredited to IMRF 2022", verified_previous_accreditation=True
        )
    accreditation.refresh_from_db()
    assert accreditation.state == S.APPROVED
    assert list(
        ActivityLog.objects.for_object(accreditation).values_list("old_state", "new_state", "actor", "note")
    ) == [
        (
            "",
            S.STATUS_VERIFICATION,
            None,
            "The secretariat verifies the status your organisation stated before approving the registration.",
        ),
        (
            S.STATUS_VERIFICATION,
            S.APPROVED,
            staff.pk,
            "Status verified by the secretariat: Accredited to IMRF 2022",
        ),
    ]


def test_a_refused_claim_is_rejected_with_a_reason():
    organization = OrganizationFactory(claimed_ecosoc_status=EcosocStatus.GENERAL)
    accreditation = services.register_for_forum(organization, open_forum(), by=None)
    with pytest.raises(ValidationError):
        services.set_accreditation_state(accreditation, S.REJECTED, reason="")
    services.set_accreditation_state(accreditation, S.REJECTED, reason="Not on the ECOSOC list.")
    accreditation.refresh_from_db()
    assert accreditation.state == S.REJECTED


def test_nhris_wait_for_confirmation_against_the_ganhri_list():
    nhri = OrganizationFactory(category=StakeholderCategory.NHRI)
    accreditation = services.register_for_forum(nhri, open_forum(), by=None)
    assert (accreditation.kind, accreditation.state) == (AccreditationKind.NHRI, S.STATUS_VERIFICATION)
    with pytest.raises(ValidationError):
        services.set_accreditation_state(accreditation, S.APPROVED, reason="x")
    services.set_verified_status(nhri, by=None, reason="GANHRI: A status (2024)", verified_nhri=True)
    accreditation.refresh_from_db()
    assert accreditation.state == S.APPROVED


def test_a_ganhri_confirmation_means_nothing_for_another_category():
    organization = OrganizationFactory()
    services.set_verified_status(organization, by=None, reason="x", verified_nhri=True)
    organization.refresh_from_db()
    assert (organization.registers_directly, organization.claims_status) == (False, False)


# --- No approval without verification or the non-objection procedure ---------------------------


def test_the_service_refuses_to_approve_an_unverified_registration():
    organization = OrganizationFactory(claimed_ecosoc_status=EcosocStatus.GENERAL)
    accreditation = services.register_for_forum(organization, open_forum(), by=None)
    with pytest.raises(ValidationError) as caught:
        services.set_accreditation_state(accreditation, S.APPROVED, reason="x")
    assert caught.value.messages == [
        f"{organization.name}'s status is not verified: verify it before approving the registration."
    ]
    accreditation.refresh_from_db()
    assert accreditation.state == S.STATUS_VERIFICATION


@pytest.mark.parametrize(
    "old", [s for s in S if S.APPROVED not in S.valid_next_states()[s] and s != S.APPROVED]
)
def test_no_state_but_the_list_or_verification_leads_to_approval(old):
    accreditation = AccreditationFactory(state=old, organization=OrganizationFactory(ecosoc_verified=True))
    with pytest.raises(ValidationError):
        services.set_accreditation_state(accreditation, S.APPROVED, reason="x")


def test_a_special_accreditation_is_not_approved_without_a_non_objection_period():
    forum = open_forum(non_objection_deadline=None)
    accreditation = AccreditationFactory(forum=forum, state=S.NON_OBJECTION_LIST)
    with pytest.raises(ValidationError) as caught:
        services.set_accreditation_state(accreditation, S.APPROVED)
    assert caught.value.messages == [
        "Set the forum's non-objection deadline first: Member States must have a period to object."
    ]


def test_a_special_accreditation_does_not_become_a_registration_by_verifying_the_status():
    # Verified after applying for special accreditation: the application still goes through the list.
    organization = OrganizationFactory()
    accreditation = AccreditationFactory(organization=organization, state=S.SUBMITTED)
    services.set_verified_status(organization, by=None, reason="x", verified_ecosoc_status="general")
    accreditation.refresh_from_db()
    assert accreditation.state == S.SUBMITTED


def test_the_admin_approve_action_refuses_an_unverified_registration(secretariat_client):
    organization = OrganizationFactory(claimed_ecosoc_status=EcosocStatus.GENERAL)
    accreditation = services.register_for_forum(organization, open_forum(), by=None)
    listed = AccreditationFactory(
        state=S.NON_OBJECTION_LIST, forum=open_forum(year=2034, non_objection_deadline=timezone.localdate())
    )
    response = secretariat_client.post(
        reverse("admin:stakeholders_accreditation_changelist"),
        {"action": "to_approved", "_selected_action": [accreditation.pk, listed.pk]},
        follow=True,
    )
    assert sorted(str(m) for m in response.context["messages"]) == [
        f"{accreditation}: {organization.name}'s status is not verified: verify it before approving the registration.",
        f"{listed}: Member States may object until {timezone.localdate().isoformat()}; approve after that day.",
    ]
    assert str(accreditation) < str(listed)
    assert sorted(Accreditation.objects.values_list("state", flat=True)) == [
        S.NON_OBJECTION_LIST,
        S.STATUS_VERIFICATION,
    ]


def test_the_admin_change_form_refuses_an_unverified_registration(secretariat_client):
    organization = OrganizationFactory(claimed_ecosoc_status=EcosocStatus.GENERAL)
    accreditation = services.register_for_forum(organization, open_forum(), by=None)
    response = secretariat_client.post(
        reverse("admin:stakeholders_accreditation_change", args=[accreditation.pk]),
        {
            "mission": "",
            "migration_work": "",
            "contact_email": "",
            "transition": "approved",
            "reason": "",
            "objections-TOTAL_FORMS": "0",
            "objections-INITIAL_FORMS": "0",
        },
        follow=True,
    )
    assert f"{organization.name}&#x27;s status is not verified" in response.content.decode()
    accreditation.refresh_from_db()
    assert accreditation.state == S.STATUS_VERIFICATION


def organization_admin_data(organization, **overrides):
    data = {
        "name": organization.name,
        "acronym": "",
        "category": organization.category,
        "country": organization.country.pk,
        "work_regions": "[]",
        "website": "",
        "description": "",
        "claimed_ecosoc_status": organization.claimed_ecosoc_status,
        "ecosoc_profile_number": "",
        "listed_in_directory": "on",
        "decide_ecosoc_status": organization.verified_ecosoc_status,
        "decision_reason": "",
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


def test_staff_decide_a_status_in_the_admin_only_with_a_reason(secretariat_client, secretariat_user):
    organization = OrganizationFactory(claimed_ecosoc_status=EcosocStatus.ROSTER)
    url = reverse("admin:stakeholders_organization_change", args=[organization.pk])
    refused = secretariat_client.post(
        url,
        organization_admin_data(
            organization, decide_ecosoc_status="roster", verified_ecosoc_status="general"
        ),
    )
    assert refused.status_code == 200
    assert "Give the reason for this decision on the organisation&#x27;s status." in refused.content.decode()
    organization.refresh_from_db()
    assert organization.verified_ecosoc_status == "none"
    done = secretariat_client.post(
        url,
        organization_admin_data(
            organization, decide_ecosoc_status="roster", decision_reason="iCSO profile 99"
        ),
    )
    assert done.status_code == 302
    organization.refresh_from_db()
    assert organization.verified_ecosoc_status == "roster"
    assert status_log(organization) == [
        ("organization.verified_ecosoc_status", "none", "roster", "iCSO profile 99")
    ]
    assert ActivityLog.objects.get(action="organization.verified_ecosoc_status").actor == secretariat_user


def test_the_verified_fields_cannot_be_posted_to_the_admin(secretariat_client):
    organization = OrganizationFactory()
    secretariat_client.post(
        reverse("admin:stakeholders_organization_change", args=[organization.pk]),
        organization_admin_data(organization, verified_ecosoc_status="general", verified_nhri="on"),
    )
    organization.refresh_from_db()
    assert (organization.verified_ecosoc_status, organization.verified_nhri) == ("none", False)


def test_staff_without_the_secretariat_role_cannot_decide(client):
    staff = SecretariatUserFactory()
    staff.groups.clear()
    client.force_login(staff)
    organization = OrganizationFactory()
    url = reverse("admin:stakeholders_organization_change", args=[organization.pk])
    response = client.post(
        url, organization_admin_data(organization, decide_ecosoc_status="general", decision_reason="x")
    )
    assert response.status_code == 403
    organization.refresh_from_db()
    assert organization.verified_ecosoc_status == "none"
