"""Queries that the side-event pages share, each a fixed number of queries whatever the rows."""

from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.shortcuts import get_object_or_404

from side_events.enums import CoOrganizerState, SideEventState
from side_events.models import SideEvent, SideEventCoOrganizer, SideEventReview


def public_co_organizers():
    """Only confirmed co-organisers that chose to be listed: as `public_co_organizers`."""
    return Prefetch(
        "co_organizers",
        queryset=SideEventCoOrganizer.objects.public().select_related("organization"),
        to_attr="public_co_organizers",
    )


def programme_side_events(forum):
    """The side events the programme and its feed show: accepted, scheduled and announced."""
    return (
        SideEvent.objects.public()
        .filter(forum=forum)
        .select_related("forum", "organization", "member_state", "room")
        .order_by("starts_at", "title")
    )


def public_side_events(forum):
    return programme_side_events(forum).prefetch_related(
        public_co_organizers(), "co_organizing_states", "objectives"
    )


def side_event_page(year, slug):
    return get_object_or_404(
        SideEvent.objects.public()
        .select_related("forum", "organization", "member_state", "room")
        .prefetch_related(
            public_co_organizers(), "co_organizing_states", "objectives", "guiding_principles", "speakers"
        ),
        forum__year=year,
        slug=slug,
    )


def co_organizer_invitations(organization):
    """The side events that name this organisation as co-organiser, for its members."""
    return (
        SideEventCoOrganizer.objects.filter(organization=organization)
        .select_related("side_event__forum", "side_event__organization", "side_event__member_state")
        .order_by("-side_event__forum__year", "-invited_at")
    )


# --- The secretariat's worklist: each rule here, shared by the admin's index and its filter ---


def _reviewed():
    return Exists(SideEventReview.objects.filter(side_event=OuterRef("pk")))


def to_score():
    """Submitted, undecided, and nobody has scored it yet."""
    return Q(state=SideEventState.SUBMITTED, pending_state="") & ~Q(_reviewed())


def to_decide():
    """Submitted and scored, without a decision yet."""
    return Q(state=SideEventState.SUBMITTED, pending_state="") & Q(_reviewed())


def decisions_to_send():
    return ~Q(pending_state="")


def worklist_counts():
    """One query whatever the rows."""
    return SideEvent.objects.aggregate(
        side_events_to_score=Count("pk", filter=to_score()),
        side_events_to_decide=Count("pk", filter=to_decide()),
        side_events_decisions_to_send=Count("pk", filter=decisions_to_send()),
    )


def organization_side_events(organization):
    """The organisation's own applications, any state, newest forum first."""
    return (
        SideEvent.objects.filter(organization=organization)
        .select_related("forum")
        .order_by("-forum__year", "-created_at", "-pk")
    )


def unanswered_co_organizer_invitations(organization):
    """For the dashboard's "what is due": the title and the lead organiser's name of each."""
    return (
        co_organizer_invitations(organization)
        .filter(state=CoOrganizerState.INVITED)
        .only(
            "state", "organization_id", "invited_at", "side_event__title", "side_event__forum__year",
            "side_event__organization__name", "side_event__member_state__name",
        )
    )


def public_side_events_of(organization):
    """The side events on the public programme that the organisation organises or co-organises
    (once it confirmed), for its public page."""
    return (
        SideEvent.objects.public()
        .filter(
            Q(organization=organization)
            | Q(co_organizers__organization=organization, co_organizers__state=CoOrganizerState.CONFIRMED)
        )
        .distinct()
        .select_related("forum")
        .order_by("-starts_at", "title")
    )
