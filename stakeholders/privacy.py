"""The personal data the stakeholders app holds about a person (portal.privacy gathers every app's)."""

import operator
from functools import reduce

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.db.models import Q

from stakeholders.models import (
    Accreditation,
    Delegate,
    Invitation,
    JoinRequest,
    Membership,
    SpeakingRequest,
    StateFocalPoint,
)


def organization_ref(organization):
    return {"name": organization.name, "slug": organization.slug}


def personal_data(user):
    """What the stakeholders app holds about `user`, as plain JSON-ready data."""
    addresses = list(EmailAddress.objects.filter(user=user).order_by("-primary", "email"))
    emails = {address.email.lower() for address in addresses} | (
        {user.email.lower()} if user.email else set()
    )
    membership = Membership.objects.select_related("organization").filter(user=user).first()
    focal_point = StateFocalPoint.objects.select_related("member_state").filter(user=user).first()
    invitations = (
        Invitation.objects.select_related("organization")
        .filter(reduce(operator.or_, (Q(email__iexact=email) for email in sorted(emails))))
        .order_by("created_at")
        if emails
        else []
    )
    return {
        "account": {
            "username": user.get_username(),
            "email": user.email,
            "email_addresses": [
                {"email": a.email, "verified": a.verified, "primary": a.primary} for a in addresses
            ],
            "date_joined": user.date_joined,
            "last_login": user.last_login,
            "secretariat_staff": user.is_staff,
            "two_factor_methods": sorted(
                Authenticator.objects.filter(user=user).values_list("type", flat=True)
            ),
        },
        "membership": None
        if membership is None
        else {
            "organization": organization_ref(membership.organization),
            "role": membership.role,
            "joined_at": membership.joined_at,
        },
        "join_requests": [
            {
                "organization": organization_ref(jr.organization),
                "state": jr.state,
                "message": jr.message,
                "created_at": jr.created_at,
            }
            for jr in JoinRequest.objects.select_related("organization")
            .filter(user=user)
            .order_by("created_at")
        ],
        "invitations": [
            {
                "organization": organization_ref(inv.organization),
                "email": inv.email,
                "created_at": inv.created_at,
                "accepted_at": inv.accepted_at,
            }
            for inv in invitations
        ],
        "accreditations_submitted": [
            {
                "organization": organization_ref(acc.organization),
                "forum": acc.forum.year,
                "kind": acc.kind,
                "state": acc.state,
                "mission": acc.mission,
                "migration_work": acc.migration_work,
                "contact_email": acc.contact_email,
                "created_at": acc.created_at,
            }
            for acc in Accreditation.objects.select_related("organization", "forum")
            .filter(submitted_by=user)
            .order_by("created_at")
        ],
        "delegates_registered": [
            {
                "organization": organization_ref(d.accreditation.organization),
                "forum": d.accreditation.forum.year,
                "name": d.name,
                "function": d.function,
                "email": d.email,
                "attends": d.attends,
                "listing_consent": d.listing_consent,
                "state": d.state,
                "registered_at": d.registered_at,
            }
            for d in Delegate.objects.select_related("accreditation__organization", "accreditation__forum")
            .filter(registered_by=user)
            .order_by("registered_at")
        ],
        "speaking_requests_submitted": [
            {
                "organization": organization_ref(sr.accreditation.organization),
                "session": sr.session.title,
                "topic": sr.topic,
                "speaker_name": sr.speaker_name,
                "speaker_profile": sr.speaker_profile,
                "state": sr.state,
                "submitted_at": sr.submitted_at,
            }
            for sr in SpeakingRequest.objects.select_related("accreditation__organization", "session")
            .filter(submitted_by=user)
            .order_by("submitted_at")
        ],
        "state_focal_point": None
        if focal_point is None
        else {"member_state": focal_point.member_state.iso3, "name": focal_point.member_state.name},
    }


