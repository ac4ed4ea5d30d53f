"""A match, confirmed by staff, is what verifies an organisation's status from a list; undoing it
takes the status away. Both are logged with from and to, in the admin only for the secretariat."""

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from core.models import ActivityLog
from stakeholders import services as stakeholders
from stakeholders.enums import AccreditationState, EcosocStatus
from stakeholders.models import Accreditation
from tests.core.factories import SecretariatUserFactory, UserFactory
from tests.stakeholders.factories import OrganizationFactory, focal_point_of, open_forum
from tests.verification.factories import imported
from verification import services
from verification.enums import StatusList
from verification.models import StatusListEntry

pytestmark = pytest.mark.django_db


def test_claim_import_match_then_register_is_approved(client, django_capture_on_commit_callbacks):
    # The journey of issue 12: the organisation claims, staff import and match, the registration is approved.
    organization = OrganizationFactory(
        name="Migrant Workers Forum", claimed_ecosoc_status=EcosocStatus.SPECIAL, ecosoc_profile_number="9001"
    )
    focal_point = focal_point_of(organization)
    forum = open_forum()
    staff = SecretariatUserFactory()
    imported("Migrant Workers' Forum,KEN,,Special,9001", by=staff)
    entry = StatusListEntry.objects.get()
    assert entry.candidate == organization
    organization.refresh_from_db()
    assert organization.registers_directly is False  # a proposal verifies nothing
    services.match(entry, entry.candidate, by=staff)
    client.force_login(focal_point)
    client.post(reverse("stakeholders:accreditation", kwargs={"year": forum.year}), {"contact_email": ""})
    assert Accreditation.objects.get().state == AccreditationState.APPROVED
    log = ActivityLog.objects.get(action="organization.verified_ecosoc_status")
    assert (log.actor, log.old_state, log.new_state, log.note) == (
        staff,
        "none",
        "special",
        f"Matched to “Migrant Workers' Forum” on the ECOSOC list of NGOs in consultative status imported on {timezone.localtime(entry.last_import.uploaded_at).date().isoformat()}.",
    )


def test_a_match_approves_the_registration_waiting_for_it_and_an_unmatch_takes_the_status_away():
    organization = OrganizationFactory(name="Alpha", claims_previous_accreditation=True)
    accreditation = stakeholders.register_for_forum(organization, open_forum(), by=None)
    imported("Alpha,KEN", kind=StatusList.EARLIER, header="name,country")
    entry = StatusListEntry.objects.get()
    staff = SecretariatUserFactory()
    services.match(entry, organization, by=staff)
    accreditation.refresh_from_db()
    assert accreditation.state == AccreditationState.APPROVED
    services.unmatch(entry, by=staff)
    organization.refresh_from_db()
    assert organization.verified_previous_accreditation is False
    assert list(
        ActivityLog.objects.for_object(entry).values_list("action", "old_state", "new_state", "actor")
    ) == [("status_list.match", "", "Alpha", staff.pk), ("status_list.match", "Alpha", "", staff.pk)]


def test_one_entry_one_organisation_per_list():
    first, second = OrganizationFactory(name="First"), OrganizationFactory(name="Second")
    imported("First,KEN,,Special,1", "Second,KEN,,General,2")
    one, two = StatusListEntry.objects.order_by("profile_number")
    services.match(one, first, by=None)
    with pytest.raises(ValidationError) as caught:
        services.match(one, second, by=None)
    assert caught.value.messages == ["“First” is already matched to First; undo that match first."]
    with pytest.raises(ValidationError) as caught:
        services.match(two, first, by=None)
    assert caught.value.messages == ["First is already matched to “First” on this list."]
    second.refresh_from_db()
    assert second.verified_ecosoc_status == "none"


def run_action(client, action, entries):
    return client.post(
        reverse("admin:verification_statuslistentry_changelist"),
        {"action": action, "_selected_action": [e.pk for e in entries]},
        follow=True,
    )


def test_the_secretariat_confirms_proposals_and_undoes_matches_with_actions(secretariat_client):
    alpha, beta = OrganizationFactory(name="Alpha"), OrganizationFactory(name="Beta")
    imported("Alpha,KEN,,Special,1", "Beta,KEN,,Roster,2", "Nobody,KEN,,General,3")
    entries = list(StatusListEntry.objects.all())
    response = run_action(secretariat_client, "confirm_proposed", entries)
    assert [str(m) for m in response.context["messages"]] == ["2 matches confirmed."]
    alpha.refresh_from_db()
    beta.refresh_from_db()
    assert (alpha.verified_ecosoc_status, beta.verified_ecosoc_status) == ("special", "roster")
    response = run_action(
        secretariat_client, "unmatch_selected", [StatusListEntry.objects.get(profile_number="2")]
    )
    assert [str(m) for m in response.context["messages"]] == ["1 matches undone."]
    beta.refresh_from_db()
    assert beta.verified_ecosoc_status == "none"


def test_the_secretariat_matches_by_hand_in_the_form(secretariat_client):
    organization = OrganizationFactory(name="Spelled Quite Differently")
    imported("Another Spelling,KEN,,General,5")
    entry = StatusListEntry.objects.get()
    assert entry.candidate is None
    url = reverse("admin:verification_statuslistentry_change", args=[entry.pk])
    assert secretariat_client.get(url).status_code == 200
    assert secretariat_client.post(url, {"organization": organization.pk}).status_code == 302
    organization.refresh_from_db()
    assert organization.verified_ecosoc_status == "general"
    secretariat_client.post(url, {"organization": ""})
    organization.refresh_from_db()
    assert organization.verified_ecosoc_status == "none"


def test_staff_who_may_only_view_cannot_match(client):
    organization = OrganizationFactory(name="Alpha")
    imported("Alpha,KEN,,Special,1")
    viewer = UserFactory(is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_statuslistentry"))
    client.force_login(viewer)
    response = run_action(client, "confirm_proposed", StatusListEntry.objects.all())
    assert response.status_code == 200
    entry = StatusListEntry.objects.get()
    assert (
        client.post(
            reverse("admin:verification_statuslistentry_change", args=[entry.pk]),
            {"organization": organization.pk},
        ).status_code
        == 403
    )
    assert client.get(reverse("admin:verification_statuslistimport_add")).status_code == 403
    organization.refresh_from_db()
    assert (entry.organization, organization.verified_ecosoc_status) == (None, "none")


def test_the_secretariat_may_import_and_match_but_never_delete_or_edit_an_import(secretariat_client):
    batch = imported("Alpha,KEN,,Special,1")
    assert secretariat_client.get(reverse("admin:verification_statuslistimport_add")).status_code == 200
    assert (
        secretariat_client.get(
            reverse("admin:verification_statuslistimport_change", args=[batch.pk])
        ).status_code
        == 200
    )
    assert (
        secretariat_client.post(
            reverse("admin:verification_statuslistimport_delete", args=[batch.pk])
        ).status_code
        == 403
    )
    entry = StatusListEntry.objects.get()
    assert (
        secretariat_client.post(
            reverse("admin:verification_statuslistentry_delete", args=[entry.pk])
        ).status_code
        == 403
    )


def test_an_organisation_that_signs_up_after_the_import_is_proposed_when_staff_look_again(secretariat_client):
    imported("Late Comers,KEN,,Special,1")
    entry = StatusListEntry.objects.get()
    assert entry.candidate is None
    late = OrganizationFactory(name="Late Comers")
    response = run_action(secretariat_client, "propose_again", [entry])
    assert [str(m) for m in response.context["messages"]] == ["1 matches proposed."]
    entry.refresh_from_db()
    assert (entry.candidate, entry.organization) == (late, None)
