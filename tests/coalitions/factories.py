"""Coalitions built through the services, as the portal builds them (by=None: the system)."""

import itertools

import factory

from coalitions import services
from coalitions.enums import CoalitionState, MembershipState
from coalitions.models import Coalition
from reference.models import Country, Objective
from tests.stakeholders.factories import OrganizationFactory


class CoalitionFactory(factory.django.DjangoModelFactory):
    """A bare coalition row (no member rows): for tests of one field; convene() for the rest."""

    class Meta:
        model = Coalition
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Fair recruitment corridor {n}")
    description = "Organisations of origin and destination countries working on fair recruitment."
    organization = factory.SubFactory(OrganizationFactory)
    state = CoalitionState.DRAFT

    @factory.post_generation
    def objectives(obj, create, extracted, **kwargs):
        if create:
            obj.objectives.set(Objective.objects.filter(number__in=extracted or [6]))


_numbers = itertools.count(1)


class _Form:
    def __init__(self, coalition, objectives, countries):
        self.instance, self.objectives, self.countries = coalition, objectives, countries

    def save(self, commit=True):
        return self.instance

    def save_m2m(self):
        self.instance.objectives.set(Objective.objects.filter(number__in=self.objectives))
        self.instance.countries.set(Country.objects.filter(iso3__in=self.countries))


def convene(
    convenor=None,
    *,
    state=CoalitionState.PUBLISHED,
    members=(),
    invited=(),
    requested=(),
    objectives=(6,),
    countries=("PHL",),
    title=None,
    by=None,
):
    """A coalition convened by `convenor` (an organisation or a Member State), in `state`, with
    `members` confirmed (joined on invitation), `invited` and `requested` pending."""
    convenor = convenor or OrganizationFactory()
    coalition = Coalition(
        title=title or f"Safe labour migration coalition {next(_numbers)}",
        description="Organisations of origin and destination countries working on fair recruitment.",
    )
    coalition = services.create_coalition(_Form(coalition, objectives, countries), by=by, convenor=convenor)
    if state != CoalitionState.DRAFT:
        services.set_coalition_state(coalition, CoalitionState.PUBLISHED, by=None)
    for entity in members:
        row = services.invite_member(coalition, entity, by=None)
        services.set_member_state(row, MembershipState.CONFIRMED, by=None)
    for entity in invited:
        services.invite_member(coalition, entity, by=None)
    for entity in requested:
        services.ask_to_join(coalition, entity, by=None)
    if state == CoalitionState.CLOSED:
        services.set_coalition_state(coalition, CoalitionState.CLOSED, by=None)
    return coalition
