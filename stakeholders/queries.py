"""Queries that the stakeholder pages share, each a fixed number of queries whatever the rows."""

import datetime

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q, Subquery
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.dates import new_york_today
from core.deadlines import Deadline
from forums.models import Forum
from stakeholders.enums import (
    AccreditationState,
    DelegateState,
    JoinRequestState,
    ListingConsent,
    SpeakingRequestState,
)
from stakeholders.filters import DirectoryFilter
from stakeholders.models import (
    Accreditation,
    Delegate,
    Invitation,
    JoinRequest,
    Objection,
    Organization,
    SpeakingRequest,
)

DIRECTORY_PAGE_SIZE = 50


def directory_forum(year_param):
    """The forum the directory lists: the one asked for, else the next (or latest) one."""
    forums = list(Forum.objects.public().order_by("-year"))
    if year_param:
        for forum in forums:
            if str(forum.year) == year_param:
                return forum, forums, None
        error = year_param
    else:
        error = None
    today = timezone.localdate()
    upcoming = [f for f in reversed(forums) if f.end_date >= today]
    return (upcoming or forums or [None])[0], forums, error


def directory(params):
    forum, forums, bad_forum = directory_forum(params.get("forum", "")[:10])
    organizations = Organization.objects.none()
    if forum is not None:
        organizations = (
            Organization.objects.filter(
                listed_in_directory=True,
                accreditations__forum=forum,
                accreditations__state=AccreditationState.APPROVED,
            )
            .select_related("country")
            .order_by("name")
        )
    directory_filter = DirectoryFilter(params, queryset=organizations)
    paginator = Paginator(directory_filter.qs, DIRECTORY_PAGE_SIZE)
    page = paginator.get_page(params.get("page"))
    directory_filter.forums = forums
    directory_filter.bad_forum = bad_forum
    return forum, page, directory_filter


def public_organization(slug):
    organization = (
        Organization.objects.with_public_page()
        .filter(slug=slug)
        .select_related("country")
        .prefetch_related("work_countries")
        .first()
    )
    if organization is None:
        raise Http404
    accreditations = list(
        organization.accreditations.filter(state=AccreditationState.APPROVED)
        .select_related("forum")
        .order_by("-forum__year")
    )
    delegates = (
        Delegate.objects.filter(
            accreditation__in=accreditations,
            state=DelegateState.CONFIRMED,
            listing_consent=ListingConsent.EVERYONE,
        )
        .select_related("accreditation__forum")
        .order_by("-accreditation__forum__year", "name")
    )
    return organization, accreditations, list(delegates)


def public_page_slug(organization_ref):
    """The slug of the organisation at `organization_ref` (an OuterRef) if it has a public page,
    else NULL: as a subquery, so that a list links its organisations in its own query."""
    return Subquery(
        Organization.objects.with_public_page().filter(pk=organization_ref).order_by().values("slug")[:1]
    )


PARTICIPANTS_PAGE_SIZE = 100


def participants(forum, *, participant, page_number=None):
    """A page of the forum's list of participants: the confirmed delegates of organisations
    accredited to it, who agreed to be listed to everyone, or (to a participant, see
    permissions.is_forum_participant) to the forum's participants."""
    levels = ListingConsent.listed() if participant else (ListingConsent.EVERYONE,)
    delegates = (
        Delegate.objects.filter(
            accreditation__forum=forum,
            accreditation__state=AccreditationState.APPROVED,
            state=DelegateState.CONFIRMED,
            listing_consent__in=levels,
        )
        .select_related("accreditation__organization")
        .only("name", "function", "listing_consent", "accreditation__organization__name", "accreditation__organization__acronym")
        .order_by("accreditation__organization__name", "name", "pk")
    )
    return Paginator(delegates, PARTICIPANTS_PAGE_SIZE).get_page(page_number)


def open_forums():
    today = timezone.localdate()
    return [
        forum
        for forum in Forum.objects.public().order_by("year")
        if forum.end_date >= today
        and (forum.accreditation_deadline is None or forum.accreditation_deadline >= today)
    ]


def invitations_for(user):
    from stakeholders.services import verified_emails

    valid_since = timezone.now() - datetime.timedelta(days=settings.INVITATION_VALID_DAYS)
    return Invitation.objects.filter(
        email__in=verified_emails(user), accepted_at__isnull=True, created_at__gt=valid_since
    ).select_related("organization")


def pending_join_requests_of(user):
    return JoinRequest.objects.filter(user=user, state=JoinRequestState.PENDING).select_related("organization")


def delegates_of(organization):
    """Every delegate the organisation registered, for any forum."""
    return Delegate.objects.filter(accreditation__organization=organization)


def accreditations_of(organization):
    return Accreditation.objects.filter(organization=organization)


def accreditation_deadlines(accreditation, today=None):
    """The dates that concern an organisation for one accreditation, in the order they fall:
    the non-objection period while it is on the list; once approved, the windows for delegates
    and speaking requests, with where to act."""
    forum = accreditation.forum
    year = forum.year
    if accreditation.state == AccreditationState.NON_OBJECTION_LIST and forum.non_objection_deadline:
        return [Deadline.on(_("Member States may object until"), forum.non_objection_deadline, today=today)]
    if accreditation.state != AccreditationState.APPROVED:
        return []
    return [
        Deadline.on(
            _("Registration of delegates closes"),
            forum.delegate_registration_closes,
            today=today,
            url=reverse("stakeholders:delegates", args=[year]),
            action=_("Register delegates"),
        ),
        Deadline.on(
            _("Speaking requests close"),
            forum.speaking_requests_close,
            today=today,
            url=reverse("stakeholders:speaking_requests", args=[year]),
            action=_("Ask to speak"),
        ),
    ]


def accreditation_request_deadline(forum, today=None):
    return Deadline.on(
        _("Accreditation requests close"),
        forum.accreditation_closes,
        today=today,
        url=reverse("stakeholders:accreditation", args=[forum.year]),
        action=_("Request accreditation"),
    )


def dashboard(organization):
    accreditations = (
        Accreditation.objects.filter(organization=organization)
        .select_related("forum")
        .annotate(
            delegate_count=Count(
                "delegates", filter=Q(delegates__state__in=DelegateState.counted()), distinct=True
            ),
            speaking_count=Count("speaking_requests", distinct=True),
        )
        .order_by("-forum__year")
    )
    # Both counts in one query: a handful of members times a handful of pending requests.
    counts = Organization.objects.filter(pk=organization.pk).aggregate(
        member_count=Count("memberships", distinct=True),
        pending_join_requests=Count(
            "join_requests", filter=Q(join_requests__state=JoinRequestState.PENDING), distinct=True
        ),
    )
    return {"accreditations": list(accreditations), **counts}


# The organisations a Member State may object to: on the list, or already objected to by another
# State (a State does not learn of another's objection: both look the same to it).
NON_OBJECTION_STATES = (AccreditationState.NON_OBJECTION_LIST, AccreditationState.OBJECTED)


def non_objection_list(forum, member_state):
    """The forum's non-objection list, each entry with `own_objections`: this State's objections
    only, newest first. Two queries whatever the rows."""
    own = Objection.objects.filter(member_state=member_state).order_by("-recorded_at")
    return (
        Accreditation.objects.filter(forum=forum, state__in=NON_OBJECTION_STATES)
        .select_related("organization__country")
        .prefetch_related(Prefetch("objections", queryset=own, to_attr="own_objections"))
        .order_by("organization__name")
    )


def standing_objection(accreditation):
    """This State's standing objection to the entry of non_objection_list, if any."""
    return next((o for o in accreditation.own_objections if o.is_standing), None)


def forums_in_non_objection_period():
    return list(Forum.objects.public().filter(non_objection_deadline__gte=new_york_today()).order_by("year"))


# --- The secretariat's worklist: each rule here, shared by the admin's index and its filters ---


def accreditations_to_review():
    """Special accreditations submitted (or answered after a request for information)."""
    return Q(state=AccreditationState.SUBMITTED)


def registrations_to_verify():
    return Q(state=AccreditationState.STATUS_VERIFICATION)


def recommended_to_list():
    return Q(state=AccreditationState.RECOMMENDED)


def non_objection_period_ended(today=None):
    """On the non-objection list after the forum's deadline: Member States had their time."""
    today = today or timezone.localdate()
    return Q(state=AccreditationState.NON_OBJECTION_LIST, forum__non_objection_deadline__lt=today)


def delegates_to_confirm():
    return Q(state=DelegateState.PENDING)


def speaking_requests_to_decide():
    return Q(state=SpeakingRequestState.SUBMITTED)


def worklist_counts(today=None):
    """The counts of what waits for the secretariat here: three queries whatever the rows."""
    accreditations = Accreditation.objects.aggregate(
        to_review=Count("pk", filter=accreditations_to_review()),
        to_verify=Count("pk", filter=registrations_to_verify()),
        to_list=Count("pk", filter=recommended_to_list()),
        to_approve=Count("pk", filter=non_objection_period_ended(today)),
    )
    return {
        **{f"accreditations_{key}": value for key, value in accreditations.items()},
        "delegates_to_confirm": Delegate.objects.filter(delegates_to_confirm()).count(),
        "speaking_requests": SpeakingRequest.objects.filter(speaking_requests_to_decide()).count(),
    }
