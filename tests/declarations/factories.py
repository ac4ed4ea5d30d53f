"""Versions with their paragraphs, key messages, endorsements: the declarations' test factories."""

import datetime

import factory
from django.utils import timezone

from declarations.enums import KeyMessageState, VersionKind
from declarations.models import DeclarationVersion, Endorsement, KeyMessage, Paragraph
from reference.models import Objective
from stakeholders.enums import AccreditationState
from tests.forums.factories import ForumFactory
from tests.stakeholders.factories import AccreditationFactory, OrganizationFactory, focal_point_of

TEXTS = [
    "We reaffirm our commitment to safe, orderly and regular migration.",
    "We will improve the collection of disaggregated data on migration.",
    "We will expand regular pathways for labour migration.",
]


class DeclarationVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DeclarationVersion
        skip_postgeneration_save = True

    forum = factory.SubFactory(ForumFactory)
    kind = VersionKind.ZERO_DRAFT
    number = 0
    date = factory.LazyAttribute(lambda v: datetime.date(v.forum.year, 2, 1))
    published = True

    @factory.post_generation
    def texts(version, create, extracted, **kwargs):
        if create:
            for number, text in enumerate(TEXTS if extracted is None else extracted, start=1):
                Paragraph.objects.create(version=version, number=number, text=text, section="Commitments")


def revision(forum, number=1, texts=None, day=1):
    return DeclarationVersionFactory(
        forum=forum, kind=VersionKind.REVISION, number=number, date=datetime.date(forum.year, 3, day), texts=texts
    )


def accredited(forum, **kwargs):
    """An organisation the secretariat accredited to the forum, and a focal point of it."""
    organization = OrganizationFactory(**kwargs)
    AccreditationFactory(organization=organization, forum=forum, state=AccreditationState.APPROVED)
    return organization, focal_point_of(organization)


class KeyMessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KeyMessage
        skip_postgeneration_save = True

    version = factory.SubFactory(DeclarationVersionFactory)
    forum = factory.SelfAttribute("version.forum")
    organization = factory.SubFactory(OrganizationFactory)
    title = factory.Sequence(lambda n: f"Key message {n}")
    text = "Data collection should involve migrant-led organisations."
    state = KeyMessageState.DRAFT

    @factory.post_generation
    def addressed(message, create, extracted, **kwargs):
        if create:
            message.paragraphs.set(extracted if extracted is not None else message.version.paragraphs.filter(number=2))
            message.objectives.set(Objective.objects.filter(number__in=[1, 17]))


def published_message(**kwargs):
    return KeyMessageFactory(state=KeyMessageState.PUBLISHED, published_at=timezone.now(), **kwargs)


class EndorsementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Endorsement

    message = factory.SubFactory(KeyMessageFactory)
    organization = factory.SubFactory(OrganizationFactory)
