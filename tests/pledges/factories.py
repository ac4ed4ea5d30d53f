"""Pledges built through the services, as the portal builds them: references, denormalised
columns and the search index come out as in production."""

import datetime

import factory
from django.utils import timezone

from pledges.enums import PledgeState, Stage
from pledges.models import Indicator, Pledge
from pledges.services import allocate_reference, refresh_denormalised, set_support
from reference.models import Country, GuidingPrinciple, Objective
from tests.forums.factories import ForumFactory
from tests.stakeholders.factories import OrganizationFactory

TEXT = (
    "We commit to open three new migrant resource centres that give accurate and timely information on "
    "regular pathways, labour rights and access to basic services, in cooperation with local authorities and "
    "migrant organisations, and to train two hundred frontline workers in case management and referral, "
    "with a public report on the number of people served each year."
)
assert len(TEXT) >= 300


class PledgeFactory(factory.django.DjangoModelFactory):
    """A complete pledge (ready for review) by an NGO; `state` sets it directly, as fixtures do."""

    class Meta:
        model = Pledge
        skip_postgeneration_save = True

    forum = factory.SubFactory(ForumFactory)
    reference = factory.LazyAttribute(lambda p: allocate_reference(p.forum))
    title = factory.Sequence(lambda n: f"Migrant resource centres {n}")
    text = TEXT
    kind_technical = True
    organization = factory.SubFactory(OrganizationFactory)
    regions = factory.LazyFunction(lambda: ["Africa"])
    start_date = datetime.date(2026, 6, 1)
    end_date = datetime.date(2029, 12, 31)
    state = PledgeState.DRAFT
    stage = Stage.PLANNING

    @factory.post_generation
    def objectives(obj, create, extracted, **kwargs):
        if create:
            obj.objectives.set(Objective.objects.filter(number__in=extracted or [3]))

    @factory.post_generation
    def principles(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.principles.set(GuidingPrinciple.objects.filter(letter__in=extracted))

    @factory.post_generation
    def countries(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.countries.set(Country.objects.filter(iso3__in=extracted))

    @factory.post_generation
    def indicators(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            Indicator.objects.create(
                pledge=obj,
                description="Frontline workers trained",
                unit="people",
                baseline=0,
                target=200,
                target_date=datetime.date(2028, 12, 31),
            )

    @factory.post_generation
    def support(obj, create, extracted, **kwargs):
        """support={"seeks": [...], "offers": [...]} (SupportKind codes). Without it, the flags
        given become kinds as the migration 0013 turned them: seeking partners seeks partners in
        a country, offering support offers technical expertise."""
        if not create:
            return
        chosen = extracted or {}
        seeks = chosen.get("seeks", ["country_partners"] if obj.seeking_partners else [])
        offers = chosen.get("offers", ["technical_expertise"] if obj.offering_support else [])
        set_support(obj, seeks, offers)

    @factory.post_generation
    def finish(obj, create, extracted, **kwargs):
        if not create:
            return
        if obj.state == PledgeState.PUBLISHED and obj.published_at is None:
            obj.published_at = timezone.now()
            obj.health_since = timezone.localdate(obj.published_at)
            obj.check_in_scope = obj.check_measurable = obj.check_objectives = True
            obj.save()
        refresh_denormalised(obj)


def published(**kwargs):
    return PledgeFactory(state=PledgeState.PUBLISHED, **kwargs)
