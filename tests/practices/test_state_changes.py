"""Every state change of a practice goes through set_practice_state: checked, logged (who, from,
to, why) and mailed to the implementing entity's focal points and the contact."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.models import ActivityLog, OutboxMessage
from core.transitions import InvalidTransition
from practices.enums import PracticeState
from practices.services import refresh_denormalised, set_practice_state
from tests.practices.factories import PracticeFactory
from tests.stakeholders.factories import OrganizationFactory, focal_point_of, member_of, state_focal_point

pytestmark = pytest.mark.django_db


def last_log(practice):
    entry = ActivityLog.objects.for_object(practice).filter(action="practice.state").latest("pk")
    return entry.actor, entry.old_state, entry.new_state, entry.note


@pytest.fixture
def owner():
    organization = OrganizationFactory()
    return organization, focal_point_of(organization, email="fp@example.org")


@pytest.mark.parametrize(
    ("start", "new", "by_owner", "reason"),
    [
        ("draft", "submitted", True, ""),
        ("draft", "withdrawn", True, ""),
        ("submitted", "more_information", False, "Add the evaluation."),
        ("submitted", "published", False, ""),
        ("submitted", "withdrawn", True, ""),
        ("more_information", "submitted", True, ""),
        ("more_information", "withdrawn", True, ""),
        ("published", "withdrawn", False, "Out of scope."),
    ],
)
def test_every_transition_is_logged_and_mailed(owner, secretariat_user, start, new, by_owner, reason):
    organization, focal_point = owner
    practice = PracticeFactory(organization=organization, state=start)
    by = focal_point if by_owner else secretariat_user
    set_practice_state(practice, new, by=by, reason=reason)
    practice.refresh_from_db()
    assert practice.state == new
    assert last_log(practice) == (by, start, new, reason)
    assert sorted(OutboxMessage.objects.values_list("recipient", flat=True)) == [
        "contact@example.org",
        "fp@example.org",
    ]


def test_more_information_keeps_the_reason_for_the_submitter(owner, secretariat_user):
    organization, _fp = owner
    practice = PracticeFactory(organization=organization, state=PracticeState.SUBMITTED)
    with pytest.raises(ValidationError) as refused:
        set_practice_state(practice, PracticeState.MORE_INFORMATION, by=secretariat_user)
    assert refused.value.messages == ["Tell the submitter what information is missing."]
    set_practice_state(practice, PracticeState.MORE_INFORMATION, by=secretariat_user, reason="Add the evaluation.")
    practice.refresh_from_db()
    assert practice.review_note == "Add the evaluation."
    message = OutboxMessage.objects.get(recipient="fp@example.org")
    assert "Add the evaluation." in message.body


def test_publication_sets_the_date_once(owner, secretariat_user):
    organization, _fp = owner
    practice = PracticeFactory(organization=organization, state=PracticeState.SUBMITTED)
    set_practice_state(practice, PracticeState.PUBLISHED, by=secretariat_user)
    assert practice.published_at is not None


def test_the_graph_is_enforced(owner, secretariat_user):
    organization, _fp = owner
    practice = PracticeFactory(organization=organization, state=PracticeState.WITHDRAWN)
    with pytest.raises(InvalidTransition) as refused:
        set_practice_state(practice, PracticeState.SUBMITTED, by=secretariat_user)
    assert refused.value.messages == ["A practice cannot go from “Withdrawn” to “Submitted”."]
    assert not ActivityLog.objects.for_object(practice).filter(action="practice.state").exists()


def test_only_the_secretariat_publishes_and_only_owners_submit(owner):
    organization, focal_point = owner
    practice = PracticeFactory(organization=organization, state=PracticeState.SUBMITTED)
    with pytest.raises(PermissionDenied):
        set_practice_state(practice, PracticeState.PUBLISHED, by=focal_point)
    draft = PracticeFactory(organization=organization)
    for stranger in (focal_point_of(OrganizationFactory()), member_of(organization)):
        with pytest.raises(PermissionDenied):
            set_practice_state(draft, PracticeState.SUBMITTED, by=stranger)
    assert PracticeFactory._meta.model.objects.get(pk=draft.pk).state == PracticeState.DRAFT


def test_a_state_focal_point_submits_for_its_state_only():
    mexico = state_focal_point("MEX")
    practice = PracticeFactory(organization=None, member_state=mexico.state_focal_point.member_state)
    set_practice_state(practice, PracticeState.SUBMITTED, by=mexico)
    assert last_log(practice) == (mexico, "draft", "submitted", "")
    other = PracticeFactory(organization=None, member_state=state_focal_point("KEN").state_focal_point.member_state)
    with pytest.raises(PermissionDenied):
        set_practice_state(other, PracticeState.SUBMITTED, by=mexico)


def test_submitting_needs_an_objective_and_a_place(owner):
    organization, focal_point = owner
    practice = PracticeFactory(organization=organization, regions=[])
    practice.objectives.clear()
    refresh_denormalised(practice)
    with pytest.raises(ValidationError) as refused:
        set_practice_state(practice, PracticeState.SUBMITTED, by=focal_point)
    assert refused.value.messages == [
        "Choose at least one GCM objective.",
        "Say where the practice was implemented: countries or regions.",
    ]
