"""Demo pledges for `python manage.py seed_demo`: a few published pledges (one joint, one by a
Member State, one with progress), one submitted and one draft. Illustrative, and they say so.
Run after forums.demo.seed() (and stakeholders.demo.seed(), whose organisations it uses if present)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from forums.models import Forum
from pledges.enums import PledgeState, Stage
from pledges.models import Indicator, IndicatorValue, Pledge, PledgePartner, ProgressReport
from pledges.services import (
    allocate_reference,
    create_joint_pledge,
    refresh_denormalised,
    set_pledge_state,
    set_support,
)
from reference.enums import StakeholderCategory
from reference.models import Country, GuidingPrinciple, MemberState, Objective
from stakeholders.models import Organization

ILLUSTRATIVE = "Demo data: an illustrative pledge, not a real commitment."
BODY = (
    " The pledge is carried out with local authorities, employers, trade unions and migrant organisations. "
    "Progress is measured against the indicators below and reported every year on this portal; the "
    "results are published with data disaggregated by sex, age and migration status where it is safe to do so."
)

# What the demo's pledges seek and offer (by the start of their titles): the data pledge seeks
# what Mexico's pledge offers on objective 7, so that its suggested matches show one.
SUPPORT = {
    "Data on missing migrants": {"seeks": ["funding", "policy_support"], "offers": ["data"]},
    # The State that pioneered alternatives to detention offers its experience to others.
    "Alternatives": {"seeks": [], "offers": ["policy_support", "technical_expertise"]},
    "Fair recruitment": {"seeks": ["country_partners"], "offers": []},
}

PLEDGES = [
    # title, objectives, principles, regions, countries, kinds, state, by Member State (ISO3) or None
    (
        "Fair recruitment corridor for care workers",
        [6, 18],
        ["f", "g"],
        ["Asia"],
        ["PHL"],
        ["policy", "technical"],
        PledgeState.PUBLISHED,
        None,
    ),
    (
        "Alternatives to immigration detention for children",
        [13, 7],
        ["h", "d"],
        [],
        ["MEX"],
        ["policy"],
        PledgeState.PUBLISHED,
        "MEX",
    ),
    (
        "Cheaper remittances through digital channels",
        [20],
        ["e"],
        ["Africa"],
        ["KEN", "SEN"],
        ["financial"],
        PledgeState.PUBLISHED,
        None,
    ),
    (
        "Data on missing migrants along the Central Mediterranean",
        [1, 7, 8],
        ["a"],
        ["Europe", "Africa"],
        [],
        ["technical", "process"],
        PledgeState.PUBLISHED,
        None,
    ),
    (
        "Migrant resource centres in secondary cities",
        [3, 15],
        ["a", "j"],
        ["Americas"],
        ["COL"],
        ["technical"],
        PledgeState.SUBMITTED,
        None,
    ),
    (
        "Portability of pensions for seasonal workers",
        [22],
        ["b"],
        ["Europe"],
        [],
        ["policy"],
        PledgeState.DRAFT,
        None,
    ),
]


def _organization():
    organization = Organization.objects.order_by("pk").first()
    if organization is None:
        organization = Organization.objects.create(
            name="Demo Migrant Rights Network",
            category=StakeholderCategory.NGO,
            country=Country.objects.get(iso3="KEN"),
            description=ILLUSTRATIVE,
        )
    return organization


@transaction.atomic
def seed():
    forum = Forum.objects.filter(year=2026).first() or Forum.objects.order_by("-year").first()
    if forum is None or Pledge.objects.filter(forum=forum).exists():
        return []
    lead = _organization()
    partner = Organization.objects.exclude(pk=lead.pk).order_by("pk").first()
    today = timezone.localdate()
    created = []
    for title, objectives, principles, regions, countries, kinds, state, iso3 in PLEDGES:
        pledge = Pledge.objects.create(
            reference=allocate_reference(forum),
            forum=forum,
            title=title,
            text=f"{ILLUSTRATIVE} We commit to {title.lower()}.{BODY}",
            regions=regions,
            organization=None if iso3 else lead,
            member_state=MemberState.objects.get(iso3=iso3) if iso3 else None,
            start_date=datetime.date(2026, 6, 1),
            end_date=datetime.date(2030, 5, 31),
            amount=250_000 if "financial" in kinds else None,
            currency="USD" if "financial" in kinds else "",
            check_in_scope=True,
            check_measurable=True,
            check_objectives=True,
            **{f"kind_{kind}": True for kind in kinds},
        )
        pledge.objectives.set(Objective.objects.filter(number__in=objectives))
        pledge.principles.set(GuidingPrinciple.objects.filter(letter__in=principles))
        pledge.countries.set(Country.objects.filter(iso3__in=countries))
        indicator = Indicator.objects.create(
            pledge=pledge,
            description="People reached",
            unit="people",
            baseline=0,
            target=1000,
            target_date=datetime.date(2030, 5, 31),
        )
        if partner is not None and title.startswith("Fair"):
            PledgePartner.objects.create(pledge=pledge, organization=partner, confirmed_at=timezone.now())
        support = next((kinds for start, kinds in SUPPORT.items() if title.startswith(start)), {})
        set_support(pledge, support.get("seeks", []), support.get("offers", []))
        refresh_denormalised(pledge)
        if state != PledgeState.DRAFT:
            set_pledge_state(pledge, PledgeState.SUBMITTED, by=None)
        if state == PledgeState.PUBLISHED:
            set_pledge_state(pledge, PledgeState.PUBLISHED, by=None)
            if title.startswith("Cheaper"):
                report = ProgressReport.objects.create(
                    pledge=pledge,
                    reported_on=today,
                    stage=Stage.IN_PROGRESS,
                    narrative=f"{ILLUSTRATIVE} Two digital channels launched; fees fell from 7% to 4%.",
                    organization=lead,
                )
                IndicatorValue.objects.create(report=report, indicator=indicator, value=420)
                Pledge.objects.filter(pk=pledge.pk).update(
                    stage=Stage.IN_PROGRESS, last_report_at=today, health_since=today
                )
        created.append(pledge)
    return created


@transaction.atomic
def seed_joint_pledge(coalition):
    """The demo coalition's joint pledge (once): a draft by its convenor, its members invited as
    partners, each to confirm. None without the coalition or a forum that takes pledges."""
    if coalition is None:
        return None
    existing = coalition.joint_pledges.first()
    if existing is not None:
        return existing
    try:
        return create_joint_pledge(coalition, by=None)
    except ValidationError:
        return None
