"""Every accreditation state change, valid and invalid, through set_accreditation_state."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from core.models import ActivityLog
from reference.models import MemberState
from stakeholders import services
from stakeholders.enums import AccreditationKind
from stakeholders.enums import AccreditationState as S
from stakeholders.models import Accreditation, Objection
from tests.core.factories import SecretariatUserFactory
from tests.stakeholders.factories import (
    AccreditationFactory,
    OrganizationFactory,
    focal_point_of,
    open_forum,
    state_focal_point,
)

pytestmark = pytest.mark.django_db

VALID = [(old, new) for old, nexts in S.valid_next_states().items() for new in nexts]
INVALID = [(old, new) for old in S for new in S if new not in S.valid_next_states()[old] and new != old]


@pytest.mark.parametrize(("old", "new"), VALID)
def test_valid_changes_are_made_logged_and_mailed_to_the_focal_points(
    old, new, django_capture_on_commit_callbacks
):
    if old == S.STATUS_VERIFICATION:
        accreditation = AccreditationFactory(
            state=old, kind=AccreditationKind.REGISTRATION, organization=OrganizationFactory(ecosoc_verified=True)
        )
    else:
        accreditation = AccreditationFactory(state=old)
    focal_point_of(accreditation.organization, email="focal@example.org")
    staff = SecretariatUserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        services.set_accreditation_state(accreditation, new, by=staff, reason="Because.")
    accreditation.refresh_from_db()
    assert accreditation.state == new
    entry = ActivityLog.objects.get(action="accreditation.state")
    assert (entry.actor, entry.old_state, entry.new_state, entry.note) == (staff, old, new, "Because.")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["focal@example.org"]
    assert mail.outbox[0].subject == (
        f"[IMRF Portal] International Migration Review Forum 2030: your accreditation is now “{new.label}”"
    )
    assert "Because." in mail.outbox[0].body


@pytest.mark.parametrize(("old", "new"), INVALID)
def test_invalid_changes_are_refused_and_leave_no_trace(old, new, django_capture_on_commit_callbacks):
    accreditation = AccreditationFactory(state=old)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError) as caught:
        services.set_accreditation_state(accreditation, new, reason="x")
    assert caught.value.messages == [f"An accreditation cannot go from “{old.label}” to “{new.label}”."]
    accreditation.refresh_from_db()
    assert accreditation.state == old
    assert not ActivityLog.objects.exists()
    assert mail.outbox == []


@pytest.mark.parametrize("new", [S.INFORMATION_REQUESTED, S.REJECTED])
def test_a_reason_is_required_for_what_the_applicant_must_understand(new):
    accreditation = AccreditationFactory(state=S.SUBMITTED)
    with pytest.raises(ValidationError) as caught:
        services.set_accreditation_state(accreditation, new, reason="  ")
    assert caught.value.messages == [f"Give the organisation a reason for “{new.label}”."]


def test_approval_waits_for_the_non_objection_deadline():
    forum = open_forum(non_objection_deadline=timezone.localdate() + datetime.timedelta(days=3))
    accreditation = AccreditationFactory(forum=forum, state=S.NON_OBJECTION_LIST)
    with pytest.raises(ValidationError) as caught:
        services.set_accreditation_state(accreditation, S.APPROVED)
    assert caught.value.messages == [
        f"Member States may object until {forum.non_objection_deadline.isoformat()}; approve after that day."
    ]


def test_an_objection_is_recorded_and_closes_the_request(django_capture_on_commit_callbacks):
    forum = open_forum(non_objection_deadline=timezone.localdate() + datetime.timedelta(days=5))
    accreditation = AccreditationFactory(state=S.NON_OBJECTION_LIST, forum=forum)
    staff = SecretariatUserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        services.record_objection(
            accreditation, MemberState.objects.get(iso3="ATG"), by=staff, note="Note verbale 12", on_behalf=True
        )
    accreditation.refresh_from_db()
    assert accreditation.state == S.OBJECTED
    assert list(Objection.objects.values_list("member_state__iso3", "note", "recorded_by")) == [
        ("ATG", "Note verbale 12", staff.pk)
    ]


def test_an_objection_outside_the_list_is_refused():
    forum = open_forum(non_objection_deadline=timezone.localdate() + datetime.timedelta(days=5))
    accreditation = AccreditationFactory(state=S.SUBMITTED, forum=forum)
    with pytest.raises(ValidationError) as caught:
        services.record_objection(
            accreditation, MemberState.objects.get(iso3="ATG"), by=state_focal_point("ATG"), note="No."
        )
    assert caught.value.messages == ["Only an organisation on the non-objection list can be objected to."]
    assert not Objection.objects.exists()


def test_organisations_whose_ecosoc_status_is_verified_register_directly(django_capture_on_commit_callbacks):
    organization = OrganizationFactory(ecosoc_verified=True)
    user = focal_point_of(organization)
    forum = open_forum()
    with django_capture_on_commit_callbacks(execute=True):
        accreditation = services.register_for_forum(organization, forum, by=user)
    assert (accreditation.kind, accreditation.state) == (AccreditationKind.REGISTRATION, S.APPROVED)
    assert len(mail.outbox) == 1


def test_organisations_whose_earlier_accreditation_is_verified_register_directly():
    organization = OrganizationFactory(verified_previous_accreditation=True)
    accreditation = services.register_for_forum(organization, open_forum(), by=None)
    assert accreditation.state == S.APPROVED


def test_others_cannot_register_directly():
    organization = OrganizationFactory()
    with pytest.raises(ValidationError) as caught:
        services.register_for_forum(organization, open_forum(), by=None)
    assert caught.value.messages == [
        "Without ECOSOC status or an earlier accreditation, apply for special accreditation."
    ]


def test_special_accreditation_starts_submitted_once_per_forum():
    organization = OrganizationFactory()
    forum = open_forum()
    accreditation = services.apply_for_special_accreditation(
        organization, forum, by=None, mission="m", migration_work="w"
    )
    assert (accreditation.kind, accreditation.state) == (AccreditationKind.SPECIAL, S.SUBMITTED)
    with pytest.raises(ValidationError):
        services.apply_for_special_accreditation(
            organization, forum, by=None, mission="m", migration_work="w"
        )
    assert Accreditation.objects.count() == 1


def test_requests_after_the_deadline_are_refused():
    forum = open_forum(accreditation_deadline=timezone.localdate() - datetime.timedelta(days=1))
    with pytest.raises(ValidationError) as caught:
        services.apply_for_special_accreditation(
            OrganizationFactory(), forum, by=None, mission="m", migration_work="w"
        )
    assert caught.value.messages == [f"Requests for accreditation to {forum} are closed."]
