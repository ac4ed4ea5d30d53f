"""Regional reviews, voluntary reviews, national statements, consultations and their inputs."""

import datetime

import factory
from django.core.files.base import ContentFile

from forums.enums import StatementRole
from forums.models import Statement
from reference.models import MemberState
from reviews.enums import Commission, ConsultationKind, SubmissionState
from reviews.models import (
    Consultation,
    ConsultationInput,
    NationalStatement,
    RegionalCommission,
    RegionalReview,
    VoluntaryReview,
    VoluntaryReviewDocument,
)
from tests.forums.factories import ForumFactory, SessionFactory
from tests.stakeholders.factories import OrganizationFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def state(iso3):
    return MemberState.objects.get(iso3=iso3)


def pdf(name="document.pdf"):
    return ContentFile(PDF, name=name)


class RegionalReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RegionalReview
        skip_postgeneration_save = True

    commission = factory.LazyFunction(lambda: RegionalCommission.objects.get(code=Commission.ECLAC))
    forum = factory.SubFactory(ForumFactory)
    title = factory.Sequence(lambda n: f"Regional review {n}")
    start_date = datetime.date(2025, 10, 14)
    end_date = datetime.date(2025, 10, 16)

    @factory.post_generation
    def participating_states(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.participating_states.set(MemberState.objects.filter(iso3__in=extracted))


class VoluntaryReviewFactory(factory.django.DjangoModelFactory):
    """A draft review of Mexico with its English document; `state` sets the state directly."""

    class Meta:
        model = VoluntaryReview
        skip_postgeneration_save = True

    member_state = factory.LazyFunction(lambda: state("MEX"))
    forum = factory.SubFactory(ForumFactory)
    dated_on = datetime.date(2026, 3, 2)
    state = SubmissionState.DRAFT

    @factory.post_generation
    def documents(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            for language in extracted or ["en"]:
                VoluntaryReviewDocument.objects.create(review=obj, language=language, file=pdf(f"{language}.pdf"))


def programme_statement(forum=None, iso3="MEX", **kwargs):
    session = SessionFactory(**({"forum": forum} if forum else {}))
    return Statement.objects.create(
        session=session, role=StatementRole.MEMBER_STATE, member_state=state(iso3), speaker="H.E. the Minister", **kwargs
    )


class NationalStatementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NationalStatement

    statement = factory.LazyFunction(programme_statement)
    text = "Mr. President, …"
    state = SubmissionState.DRAFT


class ConsultationFactory(factory.django.DjangoModelFactory):
    """A national consultation of Mexico by default; pass round_table or regional_review with
    their kind for the others."""

    class Meta:
        model = Consultation

    kind = ConsultationKind.NATIONAL
    title = factory.Sequence(lambda n: f"Consultation {n}")
    forum = factory.SubFactory(ForumFactory)
    member_state = factory.LazyAttribute(lambda c: state("MEX") if c.kind == ConsultationKind.NATIONAL else None)
    deadline = datetime.date(2026, 2, 27)


class ConsultationInputFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConsultationInput

    consultation = factory.SubFactory(ConsultationFactory)
    organization = factory.SubFactory(OrganizationFactory)
    text = "Our input."
    state = SubmissionState.DRAFT
