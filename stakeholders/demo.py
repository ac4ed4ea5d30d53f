"""Demo organisations, accredited to IMRF 2026, so that the directory and dashboards have content.
The organisations are fictional and say so."""

from django.db import transaction

from forums.models import Forum
from reference.enums import StakeholderCategory
from reference.models import Country
from stakeholders import services
from stakeholders.enums import (
    AccreditationKind,
    AccreditationState,
    DelegateState,
    EcosocStatus,
    ListingConsent,
)
from stakeholders.models import Accreditation, Delegate, Organization

ORGANIZATIONS = [
    (
        "Migrant Rights Network (demo)",
        "MRN",
        StakeholderCategory.NGO,
        "KEN",
        EcosocStatus.SPECIAL,
        ["Africa"],
    ),
    (
        "Diaspora Development Forum (demo)",
        "DDF",
        StakeholderCategory.DIASPORA,
        "PHL",
        EcosocStatus.NONE,
        ["Asia"],
    ),
    (
        "Cities for Inclusion (demo)",
        "C4I",
        StakeholderCategory.LOCAL_GOVERNMENT,
        "COL",
        EcosocStatus.NONE,
        ["Americas"],
    ),
    (
        "Institute for Migration Data (demo)",
        "IMD",
        StakeholderCategory.ACADEMIA,
        "DEU",
        EcosocStatus.ROSTER,
        ["Europe"],
    ),
    (
        "Domestic Workers Union (demo)",
        "DWU",
        StakeholderCategory.TRADE_UNION,
        "LBN",
        EcosocStatus.GENERAL,
        ["Asia"],
    ),
    (
        "Youth on the Move (demo)",
        "YOM",
        StakeholderCategory.YOUTH,
        "SEN",
        EcosocStatus.NONE,
        ["Africa", "Europe"],
    ),
]


@transaction.atomic
def seed():
    """The organisations, each stating its ECOSOC status as an organisation would (a claim), and
    their requests for IMRF 2026: registrations waiting for the secretariat to verify the status
    (verification.demo matches them to its demo ECOSOC list, which approves them), special
    accreditations approved after the non-objection list, through the same service as in the admin."""
    forum = Forum.objects.get(year=2026)
    countries = {c.iso3: c for c in Country.objects.all()}
    organizations = []
    for name, acronym, category, country, ecosoc, regions in ORGANIZATIONS:
        organization, _ = Organization.objects.update_or_create(
            name=name,
            country=countries[country],
            defaults={
                "acronym": acronym,
                "category": category,
                "claimed_ecosoc_status": ecosoc,
                "work_regions": regions,
                "website": f"https://{acronym.lower()}.example.org",
                "description": f"{name} is a fictional organisation in the portal's demo data.",
            },
        )
        claims = organization.claims_status or organization.registers_directly
        accreditation, created = Accreditation.objects.get_or_create(
            organization=organization,
            forum=forum,
            defaults={
                "kind": AccreditationKind.REGISTRATION if claims else AccreditationKind.SPECIAL,
                "state": AccreditationState.STATUS_VERIFICATION
                if claims
                else AccreditationState.NON_OBJECTION_LIST,
                "mission": "" if claims else "Demo mission statement.",
                "migration_work": "" if claims else "Demo account of the organisation's work on migration.",
            },
        )
        if accreditation.state == AccreditationState.NON_OBJECTION_LIST:
            services.set_accreditation_state(
                accreditation,
                AccreditationState.APPROVED,
                reason="Demo data: no Member State objected before the non-objection deadline.",
            )
        organizations.append(organization)
    return organizations


@transaction.atomic
def seed_delegates():
    """After verification.demo has verified the demo organisations' status (and so approved their
    registrations)."""
    accreditation = Accreditation.objects.get(organization__name=ORGANIZATIONS[0][0], forum__year=2026)
    Delegate.objects.get_or_create(
        accreditation=accreditation,
        email="amina.delegate@example.org",
        defaults={
            "name": "Amina Demo",
            "function": "Policy officer",
            "listing_consent": ListingConsent.EVERYONE,
            "state": DelegateState.CONFIRMED,
        },
    )
