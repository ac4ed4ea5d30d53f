"""Forums and their programme."""

import datetime

import factory

from forums.enums import ForumStatus, SessionKind
from forums.models import Forum, Room, RoundTable, Session
from reference.models import MemberState, Objective


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
