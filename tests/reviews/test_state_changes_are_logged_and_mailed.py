"""Every state change of a voluntary review, a national statement and a consultation input goes
through its one transition function: checked against the graph and the permissions, logged (who,
from, to, why) and mailed to the submitter's focal points."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from core.models import ActivityLog, OutboxMessage
from reviews import services
from reviews.enums import SubmissionState as S
from tests.core.factories import SecretariatUserFactory
from tests.reviews.factories import (
    ConsultationFactory,
    ConsultationInputFactory,
    NationalStatementFactory,
    VoluntaryReviewFactory,
)
from tests.stakeholders.factories import OrganizationFactory, focal_point_of, state_focal_point

pytestmark = pytest.mark.django_db


def log_rows(obj):
    return list(
        ActivityLog.objects.for_object(obj)
        .filter(action__endswith=".state")
        .values_list("action", "old_state", "new_state", "actor_id", "note")
    )


def open_input(organization):
    consultation = ConsultationFactory(deadline=timezone.localdate() + datetime.timedelta(days=10))
    return ConsultationInputFactory(consultation=consultation, organization=organization)


CASES = [
    ("voluntary_review", services.set_voluntary_review_state),
    ("national_statement", services.set_national_statement_state),
    ("consultation_input", services.set_input_state),
]


def make(kind):
    """The submission and its owner's user (a State focal point, or an organisation's)."""
    if kind == "consultation_input":
        organization = OrganizationFactory()
        owner = focal_point_of(organization, email="fp@example.org")
        return open_input(organization), owner
    owner = state_focal_point("MEX", email="fp@example.org")
    obj = VoluntaryReviewFactory() if kind == "voluntary_review" else NationalStatementFactory()
    return obj, owner


@pytest.mark.parametrize(("kind", "change"), CASES)
def test_the_whole_graph_with_its_log_rows(kind, change):
    obj, owner = make(kind)
    staff = SecretariatUserFactory()
    change(obj, S.SUBMITTED, by=owner)
    change(obj, S.RETURNED, by=staff, reason="Add the Spanish version.")
    change(obj, S.SUBMITTED, by=owner)
    change(obj, S.PUBLISHED, by=staff)
    change(obj, S.WITHDRAWN, by=owner, reason="")
    action = f"{kind}.state"
    assert log_rows(obj) == [
        (action, "draft", "submitted", owner.pk, ""),
        (action, "submitted", "returned", staff.pk, "Add the Spanish version."),
        (action, "returned", "submitted", owner.pk, ""),
        (action, "submitted", "published", staff.pk, ""),
        (action, "published", "withdrawn", owner.pk, ""),
    ]
    obj.refresh_from_db()
    assert (obj.state, obj.review_note, obj.published_at is not None) == (
        "withdrawn",
        "Add the Spanish version.",
        True,
    )
    assert OutboxMessage.objects.filter(recipient="fp@example.org").count() == 5


@pytest.mark.parametrize(("kind", "change"), CASES)
def test_owners_submit_and_withdraw_only_the_secretariat_publishes_and_returns(kind, change):
    obj, owner = make(kind)
    change(obj, S.SUBMITTED, by=owner)
    with pytest.raises(PermissionDenied):
        change(obj, S.PUBLISHED, by=owner)
    with pytest.raises(ValidationError) as returned_without_reason:
        change(obj, S.RETURNED, by=SecretariatUserFactory())
    assert returned_without_reason.value.messages == ["Give the submitter a reason for “Returned for changes”."]
    assert len(log_rows(obj)) == 1


@pytest.mark.parametrize(("kind", "change"), CASES[:2])
def test_a_focal_point_of_another_state_cannot_submit(kind, change):
    obj, _owner = make(kind)
    with pytest.raises(PermissionDenied):
        change(obj, S.SUBMITTED, by=state_focal_point("PHL"))
    assert log_rows(obj) == []


def test_a_focal_point_of_another_organisation_cannot_submit_an_input():
    obj, _owner = make("consultation_input")
    with pytest.raises(PermissionDenied):
        services.set_input_state(obj, S.SUBMITTED, by=focal_point_of(OrganizationFactory()))
    assert log_rows(obj) == []


def test_the_secretariat_submits_for_a_state():
    review = VoluntaryReviewFactory()
    services.set_voluntary_review_state(review, S.SUBMITTED, by=(staff := SecretariatUserFactory()))
    assert log_rows(review) == [("voluntary_review.state", "draft", "submitted", staff.pk, "")]


def test_the_graph_refuses_a_jump_with_a_sentence():
    review = VoluntaryReviewFactory()
    with pytest.raises(ValidationError) as exc:
        services.set_voluntary_review_state(review, S.PUBLISHED, by=None)
    assert exc.value.messages == ["A voluntary review cannot go from “Draft” to “Published”."]


def test_nothing_incomplete_is_submitted():
    review = VoluntaryReviewFactory(documents=False)
    statement = NationalStatementFactory(text="")
    with pytest.raises(ValidationError) as no_document:
        services.set_voluntary_review_state(review, S.SUBMITTED, by=None)
    with pytest.raises(ValidationError) as no_text:
        services.set_national_statement_state(statement, S.SUBMITTED, by=None)
    assert (no_document.value.messages, no_text.value.messages) == (
        ["Upload the review in at least one language before submitting it."],
        ["Give the text of the statement or its PDF before submitting it."],
    )
