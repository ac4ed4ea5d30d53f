"""Demo practices for `python manage.py seed_demo`: a call for practices on migration data and six
practices in every state, one answering the call, one by a Member State. Illustrative, and they
say so. Run after forums.demo.seed() and stakeholders.demo.seed()."""

import datetime

from django.db import transaction
from django.utils import timezone

from forums.models import Forum
from practices.enums import Completion, PracticeState, SupportDirection
from practices.models import Practice, PracticeCall, PracticeSupport
from practices.services import refresh_denormalised, set_practice_state
from reference.models import Country, GuidingPrinciple, MemberState, Objective
from stakeholders.models import Organization

ILLUSTRATIVE = "Demo data: an illustrative practice, not a real one."

PRACTICES = [
    # title, objectives, principles, countries, regions, state, Member State (ISO3) or None, answers the call
    ("Municipal one-stop shops for newly arrived migrants", [15, 16], ["f", "g"], ["DEU"], [], PracticeState.PUBLISHED, None, False),
    ("Disaggregated migration statistics in the national census", [1], ["a", "e"], ["MEX"], [], PracticeState.PUBLISHED, "MEX", True),
    ("Skills recognition for returning workers", [18, 21], ["d"], ["PHL"], ["Asia"], PracticeState.PUBLISHED, None, False),
    ("Firewalls between health services and immigration enforcement", [15], ["c", "h"], [], ["Europe"], PracticeState.SUBMITTED, None, False),
    ("Community sponsorship of migrant families", [16], ["j"], ["CAN"], [], PracticeState.MORE_INFORMATION, None, False),
    ("Mobile birth registration at the border", [4], ["i"], ["KEN"], ["Africa"], PracticeState.DRAFT, None, False),
]


def _organization():
    return Organization.objects.order_by("pk").first()


@transaction.atomic
def seed():
    if Practice.objects.exists():
        return []
    organization = _organization()
    if organization is None:
        return []
    today = timezone.localdate()
    forum = Forum.objects.filter(year=2026).first()
    call = PracticeCall.objects.create(
        title="Call for practices: migration data",
        slug="migration-data",
        theme="Migration data (objective 1)",
        description=f"{ILLUSTRATIVE} The secretariat calls for practices that improve the collection and use of "
        "accurate and disaggregated data as a basis for evidence-based policies.",
        opens=today - datetime.timedelta(days=30),
        deadline=today + datetime.timedelta(days=60),
        forum=forum,
    )
    created = []
    for title, objectives, principles, countries, regions, state, iso3, answers in PRACTICES:
        practice = Practice.objects.create(
            title=title,
            summary=f"{ILLUSTRATIVE} {title}: what was done, for whom and with what results.",
            description=f"{ILLUSTRATIVE} The practice brought together public services, local authorities and "
            "migrant organisations to address a gap that the Global Compact names.",
            organization=None if iso3 else organization,
            member_state=MemberState.objects.get(iso3=iso3) if iso3 else None,
            partners="Local authorities\nMigrant organisations",
            regions=regions,
            start_date=datetime.date(2020, 3, 1),
            end_date=datetime.date(2024, 12, 31),
            completion=Completion.FULLY if state == PracticeState.PUBLISHED else Completion.MOSTLY,
            results="Illustrative results: more people reached, shorter waiting times, an evaluation published.",
            innovative="Illustrative: services joined up around the person rather than the procedure.",
            replicable="Illustrative: a cooperation agreement and a shared budget line are all it needs.",
            lessons="Illustrative: involve migrant organisations from the start.",
            link="https://example.org/practice",
            contact_name="Demo contact",
            # Given once the states are set: the demo mails no one (stakeholders.demo's focal
            # points have no practices of their own to hear about).
            contact_email="",
            call=call if answers else None,
        )
        practice.objectives.set(Objective.objects.filter(number__in=objectives))
        practice.principles.set(GuidingPrinciple.objects.filter(letter__in=principles))
        practice.countries.set(Country.objects.filter(iso3__in=countries))
        PracticeSupport.objects.create(practice=practice, direction=SupportDirection.OFFER, kind="technical_expertise")
        PracticeSupport.objects.create(practice=practice, direction=SupportDirection.SEEK, kind="funding")
        refresh_denormalised(practice)
        if state != PracticeState.DRAFT:
            set_practice_state(practice, PracticeState.SUBMITTED, by=None)
        if state == PracticeState.PUBLISHED:
            set_practice_state(practice, PracticeState.PUBLISHED, by=None)
        elif state == PracticeState.MORE_INFORMATION:
            set_practice_state(
                practice, state, by=None, reason="Please add the evaluation report or a link to it."
            )
        created.append(practice)
    withdrawn = created[2]
    set_practice_state(withdrawn, PracticeState.WITHDRAWN, by=None, reason="Demo: withdrawn by its submitter.")
    Practice.objects.filter(pk__in=[p.pk for p in created]).update(contact_email="practices@example.org")
    return created
