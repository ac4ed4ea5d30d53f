"""Practices built as the portal builds them: denormalised columns and the search vector come
out of practices.services as in production."""

import datetime

import factory
from django.utils import timezone

from practices.enums import Completion, PracticeState
from practices.models import Practice, PracticeCall
from practices.services import refresh_denormalised
from reference.models import Country, GuidingPrinciple, Objective
from tests.stakeholders.factories import OrganizationFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class PracticeCallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PracticeCall

    title = factory.Sequence(lambda n: f"Call for practices on migration data {n}")
    slug = factory.Sequence(lambda n: f"migration-data-{n}")
    theme = "Migration data"
    description = "Practices that improve migration data."
    opens = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=10))
    deadline = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=20))


class PracticeFactory(factory.django.DjangoModelFactory):
    """A complete practice (ready for review) by an NGO; `state` sets it directly, as fixtures do."""

    class Meta:
        model = Practice
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"One-stop shop for migrants {n}")
    summary = "A municipal one-stop shop where newly arrived migrants find every service."
    description = "The city joined its services in one place, with interpreters."
    organization = factory.SubFactory(OrganizationFactory)
    regions = factory.LazyFunction(lambda: ["Europe"])
    start_date = datetime.date(2020, 1, 1)
    end_date = datetime.date(2023, 12, 31)
    completion = Completion.FULLY
    results = "Waiting times halved; evaluation published."
    innovative = "Services organised around the person."
    replicable = "A cooperation agreement between services."
    contact_name = "Ana Contact"
    contact_email = "contact@example.org"
    state = PracticeState.DRAFT

    @factory.post_generation
    def objectives(obj, create, extracted, **kwargs):
        if create:
            obj.objectives.set(Objective.objects.filter(number__in=extracted or [15]))

    @factory.post_generation
    def principles(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.principles.set(GuidingPrinciple.objects.filter(letter__in=extracted))

    @factory.post_generation
    def countries(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.countries.set(Country.objects.filter(iso3__in=extracted))

    @factory.post_generation
    def finish(obj, create, extracted, **kwargs):
        if not create:
            return
        if obj.state == PracticeState.PUBLISHED and obj.published_at is None:
            obj.published_at = timezone.now()
            obj.save(update_fields=["published_at"])
        refresh_denormalised(obj)


def published(**kwargs):
    return PracticeFactory(state=PracticeState.PUBLISHED, **kwargs)


def form_data(**overrides):
    """What the submission form posts for a complete practice."""
    data = {
        "title": "Census questions on migration",
        "summary": "The census asks where people were born and when they arrived.",
        "description": "The statistics office added three questions to the census.",
        "partners": "National statistics office",
        "regions": ["Americas"],
        "objectives": ["1"],
        "start_date": "2020-02-01",
        "end_date": "2022-06-30",
        "completion": "fully",
        "results": "Migration figures by municipality for the first time.",
        "innovative": "Questions tested with migrant organisations.",
        "replicable": "Three questions any census can add.",
        "lessons": "Test the wording early.",
        "link": "https://example.org/census",
        "contact_name": "Luz Contact",
        "contact_email": "luz@example.org",
        "seeks": ["funding"],
        "offers": ["data"],
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}
