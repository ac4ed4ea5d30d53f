"""Demo organisations, accredited to IMRF 2026, so that the directory and dashboards have content.
The organisations are fictional and say so."""

import datetime
import io

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from PIL import Image

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


# Three confirmed demo delegates, one per level of consent to the list of participants.
DELEGATES = [
    ("amina.delegate@example.org", "Amina Demo", "Policy officer", ListingConsent.EVERYONE, "KEN"),
    ("jonas.delegate@example.org", "Jonas Demo", "Legal adviser", ListingConsent.PARTICIPANTS, "DEU"),
    ("lea.delegate@example.org", "Léa Demo", "Researcher", ListingConsent.NOBODY, "FRA"),
]
DEMO_PDF = (
    b"%PDF-1.4\n1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj\n"
    b"2 0 obj <</Type/Pages/Kids[3 0 R]/Count 1>> endobj\n"
    b"3 0 obj <</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>> endobj\n"
    b"trailer <</Root 1 0 R>>\n%%EOF\n"
)


def demo_photo():
    buffer = io.BytesIO()
    Image.new("RGB", (350, 450), (190, 200, 210)).save(buffer, "PNG")
    return buffer.getvalue()


@transaction.atomic
def seed_delegates():
    """After verification.demo has verified the demo organisations' status (and so approved their
    registrations). The grounds-pass data (fictional, with a blank page as nomination letter and
    a grey photo) only while the forum's retention runs: past it, the erasure would remove it."""
    accreditation = Accreditation.objects.select_related("forum").get(
        organization__name=ORGANIZATIONS[0][0], forum__year=2026
    )
    with_grounds_pass = timezone.localdate() <= services.grounds_pass_kept_until(accreditation.forum)
    for email, name, function, consent, nationality in DELEGATES:
        delegate, created = Delegate.objects.get_or_create(
            accreditation=accreditation,
            email=email,
            defaults={
                "name": name,
                "function": function,
                "listing_consent": consent,
                "state": DelegateState.CONFIRMED,
            },
        )
        if created and with_grounds_pass:
            delegate.passport_name = name.upper()
            delegate.nationality = Country.objects.get(iso3=nationality)
            delegate.date_of_birth = datetime.date(1988, 6, 15)
            delegate.nomination_letter.save("letter.pdf", ContentFile(DEMO_PDF), save=False)
            delegate.photo = ContentFile(demo_photo(), name="photo.png")
            delegate.save()
