"""Two organisations, their people and what each of them did: the ground for the personal-data and
account-deletion tests."""

from dataclasses import dataclass

from allauth.account.models import EmailAddress

from core.audit import log_activity
from forums.enums import SessionKind
from stakeholders.enums import AccreditationState, JoinRequestState
from stakeholders.models import Invitation, JoinRequest, SpeakingRequest
from tests.core.factories import SecretariatUserFactory
from tests.forums.factories import SessionFactory
from tests.stakeholders.factories import (
    AccreditationFactory,
    DelegateFactory,
    OrganizationFactory,
    focal_point_of,
    member_of,
)

PASSWORD = "correct horse battery staple"


@dataclass
class Scenario:
    alpha: object
    beta: object
    focal_point: object
    member: object
    other_member: object
    staff: object
    accreditation: object
    delegate: object
    speaking_request: object
    beta_accreditation: object


def build_scenario():
    alpha = OrganizationFactory(name="Alpha Migrant Network")
    beta = OrganizationFactory(name="Beta Diaspora Council")
    focal_point = focal_point_of(alpha, "focal@alpha.example.org")
    member = member_of(alpha, email="member@alpha.example.org")
    other_member = member_of(beta, email="member@beta.example.org")
    staff = SecretariatUserFactory(email="staff@un.example.org")
    EmailAddress.objects.create(user=staff, email=staff.email, verified=True, primary=True)

    accreditation = AccreditationFactory(
        organization=alpha, state=AccreditationState.APPROVED, submitted_by=focal_point
    )
    delegate = DelegateFactory(
        accreditation=accreditation,
        name="Grace Wanjiru",
        email="grace@alpha.example.org",
        registered_by=member,
    )
    hearing = SessionFactory(
        forum=accreditation.forum, kind=SessionKind.HEARING, title="Multi-stakeholder hearing"
    )
    speaking_request = SpeakingRequest.objects.create(
        accreditation=accreditation,
        session=hearing,
        topic="Decent work for domestic workers",
        speaker_name="Grace Wanjiru",
        speaker_profile="Organiser of domestic workers in Nairobi.",
        submitted_by=member,
    )
    beta_accreditation = AccreditationFactory(
        organization=beta, forum=accreditation.forum, submitted_by=other_member
    )

    Invitation.objects.create(organization=alpha, email="MEMBER@alpha.example.org", invited_by=focal_point)
    Invitation.objects.create(organization=beta, email="someone-else@example.org", invited_by=other_member)
    JoinRequest.objects.create(
        organization=alpha,
        user=other_member,
        message="We work together in Mombasa.",
        state=JoinRequestState.PENDING,
    )

    log_activity(alpha, "organization.created", actor=focal_point, new_state="created")
    log_activity(delegate, "delegate.state", actor=member, new_state="pending")
    log_activity(beta, "organization.created", actor=other_member, new_state="created")
    log_activity(
        accreditation, "accreditation.state", actor=staff, old_state="submitted", new_state="approved"
    )
    return Scenario(
        alpha,
        beta,
        focal_point,
        member,
        other_member,
        staff,
        accreditation,
        delegate,
        speaking_request,
        beta_accreditation,
    )
