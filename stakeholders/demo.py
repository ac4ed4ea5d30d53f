"""Demo organisations, accredited to IMRF 2026, so that the directory and dashboards have content.
The organisations are fictional and say so."""

from django.db import transaction

from forums.models import Forum
from reference.enums import StakeholderCategory
from reference.models import Country
from stakeholders.enums import AccreditationKind, AccreditationState, DelegateState, EcosocStatus
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
                "ecosoc_status": ecosoc,
                "work_regions": regions,
                "website": f"https://{acronym.lower()}.example.org",
                "description": f"{name} is a fictional organisation in the portal's demo data.",
            },
        )
        direct = organization.registers_directly
        Accreditation.objects.get_or_create(
            organization=organization,
            forum=forum,
            defaults={
                "kind": AccreditationKind.REGISTRATION if direct else AccreditationKind.SPECIAL,
                "state": AccreditationState.APPROVED,
                "mission": "" if direct else "Demo mission statement.",
                "migration_work": "" if direct else "Demo account of the organisation's work on migration.",
            },
        )
        organizations.append(organization)
    accreditation = Accreditation.objects.get(organization=organizations[0], forum=forum)
    Delegate.objects.get_or_create(
        accreditation=accreditation,
        email="amina.delegate@example.org",
        defaults={
            "name": "Amina Demo",
            "function": "Policy officer",
            "public_consent": True,
            "state": DelegateState.CONFIRMED,
        },
    )
    return organizations
