import datetime

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from forums.enums import ForumStatus, SessionKind
from forums.models import Forum, Room, RoundTable, Session
from reference.enums import Gender, Region
from reference.enums import ParticipantCategory as SpeakerCategory
from reference.models import Country, MemberState, Objective
from side_events.enums import SideEventFormat, SideEventTime
from side_events.models import SideEvent, SideEventReview, SideEventSpeaker


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery staple")

    @factory.post_generation
    def finish(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class SecretariatUserFactory(UserFactory):
    is_staff = True

    @factory.post_generation
    def secretariat(obj, create, extracted, **kwargs):
        if create:
            obj.groups.add(Group.objects.get(name="Secretariat"))


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Conference Room {n + 100}")


class ForumFactory(factory.django.DjangoModelFactory):
    """IMRF 2026 by default: hearing 4 May, forum 5-8 May 2026."""

    class Meta:
        model = Forum
        django_get_or_create = ["year"]

    year = 2026
    title = factory.LazyAttribute(lambda f: f"International Migration Review Forum {f.year}")
    hearing_date = factory.LazyAttribute(lambda f: datetime.date(f.year, 5, 4))
    start_date = factory.LazyAttribute(lambda f: datetime.date(f.year, 5, 5))
    end_date = factory.LazyAttribute(lambda f: datetime.date(f.year, 5, 8))
    status = ForumStatus.ANNOUNCED


def venue_time(forum, day_offset, hour, minute=0):
    """A time on forum day `day_offset` (0 = first forum day; -1 = the hearing), New York time."""
    day = forum.hearing_date if day_offset < 0 else forum.forum_days[day_offset]
    return forum.local_datetime(day, hour, minute)


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    forum = factory.SubFactory(ForumFactory)
    kind = SessionKind.GENERAL_DEBATE
    title = factory.Sequence(lambda n: f"Plenary: general debate ({n})")
    slug = factory.Sequence(lambda n: f"session-{n}")
    room = factory.SubFactory(RoomFactory)
    starts_at = factory.LazyAttribute(lambda s: venue_time(s.forum, 2, 10))
    ends_at = factory.LazyAttribute(lambda s: s.starts_at + datetime.timedelta(hours=1))


class RoundTableFactory(SessionFactory):
    class Meta:
        model = RoundTable
        skip_postgeneration_save = True

    kind = SessionKind.ROUND_TABLE
    number = factory.Sequence(lambda n: n % 4 + 1)
    title = factory.LazyAttribute(lambda rt: f"Round table {rt.number}")
    slug = factory.Sequence(lambda n: f"round-table-{n}")
    theme = "Regular pathways and decent work"
    starts_at = factory.LazyAttribute(lambda s: venue_time(s.forum, 0, 10))
    ends_at = factory.LazyAttribute(lambda s: s.starts_at + datetime.timedelta(hours=3))

    @factory.post_generation
    def objectives(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.objectives.set(Objective.objects.filter(number__in=extracted))

    @factory.post_generation
    def co_chairs(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.co_chairs.set(MemberState.objects.filter(iso3__in=extracted))


# --- Side events ------------------------------------------------------------------------------
# Organisations, members and accreditations as side-event applicants need them; named apart from
# the stakeholders' own factories so that both can live in this file.


class ApplicantOrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "stakeholders.Organization"

    name = factory.Sequence(lambda n: f"Migrant Rights Network {n}")
    category = "migrant"
    country = factory.LazyFunction(lambda: Country.objects.get(iso3="KEN"))


class OrganizationMemberFactory(factory.django.DjangoModelFactory):
    """A user with a membership; role="focal_point" for a focal point."""

    class Meta:
        model = "stakeholders.Membership"

    organization = factory.SubFactory(ApplicantOrganizationFactory)
    user = factory.SubFactory(UserFactory)
    role = "member"


class ApprovedAccreditationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "stakeholders.Accreditation"

    organization = factory.SubFactory(ApplicantOrganizationFactory)
    forum = factory.SubFactory(ForumFactory)
    kind = "registration"
    state = "approved"


class SideEventFactory(factory.django.DjangoModelFactory):
    """A draft by default; pass state, room, starts_at... for other stages."""

    class Meta:
        model = SideEvent
        skip_postgeneration_save = True

    forum = factory.SubFactory(ForumFactory)
    organization = factory.SubFactory(ApplicantOrganizationFactory)
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
    organization = organization or ApplicantOrganizationFactory()
    if not organization.accreditations.filter(forum=forum).exists():
        ApprovedAccreditationFactory(organization=organization, forum=forum)
    return OrganizationMemberFactory(organization=organization, role=role)


def accepted_side_event(forum, start, end, room=None, **kwargs):
    """An accepted, scheduled side event whose decision has been sent: public once the forum is."""
    from django.utils import timezone

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
