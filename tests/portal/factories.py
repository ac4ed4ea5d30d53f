"""A forum with something of every kind waiting for the secretariat: what the admin's worklist
counts, and what the admin's accessibility test opens."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from forums.enums import SessionKind
from pledges.enums import PledgeState
from side_events.enums import SideEventState
from stakeholders.enums import AccreditationState, DelegateState
from stakeholders.models import SpeakingRequest
from summaries.models import Summary
from tests.forums.factories import ForumFactory, RoundTableFactory, SessionFactory, venue_time
from tests.pledges.factories import PledgeFactory
from tests.side_events.factories import SideEventFactory, SideEventReviewFactory
from tests.stakeholders.factories import AccreditationFactory, DelegateFactory


@dataclass
class Worklist:
    forum: object
    ended_forum: object
    accreditation: object
    listed: object
    pledge: object
    side_event: object
    session: object
    summary: object
    round_table: object


def worklist_scenario():
    """Two accreditations to review, one listed whose non-objection period has ended, one pledge
    submitted, two side events submitted (one scored), two delegates to confirm, one speaking
    request, and the summaries of a forum that ended."""
    today = timezone.localdate()
    forum = ForumFactory(
        year=2030,
        hearing_date=datetime.date(2030, 5, 6),
        start_date=datetime.date(2030, 5, 7),
        end_date=datetime.date(2030, 5, 10),
        accreditation_deadline=today + datetime.timedelta(days=30),
        non_objection_deadline=today - datetime.timedelta(days=1),
        delegate_cap=5,
    )
    accreditation = AccreditationFactory(forum=forum, state=AccreditationState.SUBMITTED)
    AccreditationFactory(forum=forum, state=AccreditationState.RECOMMENDED)
    listed = AccreditationFactory(forum=forum, state=AccreditationState.NON_OBJECTION_LIST)
    AccreditationFactory(forum=forum, state=AccreditationState.APPROVED)
    pledge = PledgeFactory(forum=forum, state=PledgeState.SUBMITTED, countries=["KEN"], principles=["a"])
    PledgeFactory(forum=forum, state=PledgeState.DRAFT)
    side_event = SideEventFactory(forum=forum, state=SideEventState.SUBMITTED)
    scored = SideEventFactory(forum=forum, state=SideEventState.SUBMITTED)
    SideEventReviewFactory(side_event=scored)
    approved = AccreditationFactory(forum=forum, state=AccreditationState.APPROVED)
    DelegateFactory(accreditation=approved, state=DelegateState.PENDING)
    DelegateFactory(accreditation=approved, state=DelegateState.PENDING)
    DelegateFactory(accreditation=approved, state=DelegateState.CONFIRMED)
    hearing = SessionFactory(
        forum=forum,
        kind=SessionKind.HEARING,
        title="Multi-stakeholder hearing",
        starts_at=venue_time(forum, -1, 10),
        ends_at=venue_time(forum, -1, 13),
    )
    SpeakingRequest.objects.create(
        accreditation=approved,
        session=hearing,
        topic="Decent work for migrant domestic workers",
        speaker_name="Amina Diallo",
        speaker_profile="Director of a migrant domestic workers' union.",
    )
    round_table = RoundTableFactory(forum=forum, number=1, objectives=[1, 2], co_chairs=["MEX", "KEN"])
    # A forum that ended ten days ago, its summaries not yet published.
    end = today - datetime.timedelta(days=10)
    ended = ForumFactory(
        year=2022,
        hearing_date=end - datetime.timedelta(days=4),
        start_date=end - datetime.timedelta(days=3),
        end_date=end,
    )
    session = SessionFactory(
        forum=ended,
        kind=SessionKind.GENERAL_DEBATE,
        title="Plenary: general debate",
        starts_at=timezone.make_aware(datetime.datetime.combine(end, datetime.time(10))),
        ends_at=timezone.make_aware(datetime.datetime.combine(end, datetime.time(13))),
    )
    summary = Summary.objects.create(session=session, key_messages="<p>Regular pathways.</p>")
    return Worklist(forum, ended, accreditation, listed, pledge, side_event, session, summary, round_table)
