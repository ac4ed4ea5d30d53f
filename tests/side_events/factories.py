"""Side events: applications, speakers, reviews, and the forums and slots they need."""

import datetime

import factory
from django.utils import timezone

from reference.enums import Gender, Region
from reference.enums import ParticipantCategory as SpeakerCategory
from reference.models import Objective
from side_events.enums import CoOrganizerState, SideEventFormat, SideEventTime
from side_events.models import SideEvent, SideEventCoOrganizer, SideEventReview, SideEventSpeaker
from tests.core.factories import SecretariatUserFactory
from tests.forums.factories import ForumFactory, RoomFactory, venue_time
from tests.stakeholders.factories import AccreditationFactory, MembershipFactory, OrganizationFactory


class SideEventFactory(factory.django.DjangoModelFactory):
    """A draft by default; pass state, room, starts_at... for other stages."""

    class Meta:
        model = SideEvent
        skip_postgeneration_save = True

    forum = factory.SubFactory(ForumFactory)
    organization = factory.SubFactory(OrganizationFactory, category="migrant")
    title = factory.Sequence(lambda n: f"Side event {n}: migrant-led data")
    description = "A panel of migrant-led organisations on data."
    format = SideEventFormat.IN_PERSON
    preferred_day = factory.LazyAttribute(lambda s: s.forum.start_date)
    preferred_time = SideEventTime.LUNCHTIME
    expected_audience = 80
    outcomes = "A joint statement on migrant-led data collection."

    @factory.post_generation
    def objectives(obj, create, extracted, **kwargs):
        if create:
            obj.objectives.set(Objective.objects.filter(number__in=extracted or [1]))


class SideEventSpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SideEventSpeaker

    side_event = factory.SubFactory(SideEventFactory)
    name = factory.Sequence(lambda n: f"Speaker {n}")
    function = "Director"
    gender = Gender.WOMAN
    category = SpeakerCategory.MIGRANT
    region = Region.AFRICA


class SideEventCoOrganizerFactory(factory.django.DjangoModelFactory):
    """A co-organiser that has confirmed by default (state="invited" for one that has not)."""

    class Meta:
        model = SideEventCoOrganizer

    side_event = factory.SubFactory(SideEventFactory)
    organization = factory.SubFactory(OrganizationFactory, category="migrant")
    state = CoOrganizerState.CONFIRMED
    answered_at = factory.LazyFunction(timezone.now)


class SideEventReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SideEventReview

    side_event = factory.SubFactory(SideEventFactory)
    reviewer = factory.SubFactory(SecretariatUserFactory)
    speaker_level = 3
    speaker_diversity = 3
    stakeholder_panel = 3
    geographic_balance = 3
    concrete_outcomes = 3
    innovative_set_up = 3


def lunchtime(forum, day_offset, minutes=90):
    """A side-event slot at 13:15 venue time on a forum day (-1: the hearing), as (start, end)."""
    start = venue_time(forum, day_offset, 13, 15)
    return start, start + datetime.timedelta(minutes=minutes)


def side_event_forum(year=2030, deadline=datetime.date(2030, 3, 1), **kwargs):
    """An announced forum whose call for side events is open (until `deadline`)."""
    return ForumFactory(year=year, side_event_call_deadline=deadline, **kwargs)


def accredited_member(forum, role="member", organization=None):
    """A membership in an organisation accredited to the forum."""
    organization = organization or OrganizationFactory(category="migrant")
    if not organization.accreditations.filter(forum=forum).exists():
        AccreditationFactory(organization=organization, forum=forum, kind="registration", state="approved")
    return MembershipFactory(organization=organization, role=role)


def accepted_side_event(forum, start, end, room=None, **kwargs):
    """An accepted, scheduled side event whose decision has been sent: public once the forum is."""
    side_event = SideEventFactory(
        forum=forum,
        state="accepted",
        decided_at=timezone.now(),
        notified_at=timezone.now(),
        room=room if room is not None else RoomFactory(),
        starts_at=start,
        ends_at=end,
        **kwargs,
    )
    SideEventSpeakerFactory(side_event=side_event)
    return side_event
