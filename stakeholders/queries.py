"""Queries that the stakeholder pages share, each a fixed number of queries whatever the rows."""

import datetime

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.utils import timezone

from core.dates import new_york_today
from forums.enums import ForumStatus
from forums.models import Forum
from stakeholders.enums import AccreditationState, DelegateState, JoinRequestState
from stakeholders.filters import DirectoryFilter
from stakeholders.models import Accreditation, Delegate, Invitation, Objection, Organization

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
        Organization.objects.filter(
            slug=slug,
            listed_in_directory=True,
            accreditations__state=AccreditationState.APPROVED,
            accreditations__forum__status__in=ForumStatus.public_states(),
        )
        .select_related("country")
        .prefetch_related("work_countries")
        .distinct()
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
            accreditation__in=accreditations, state=DelegateState.CONFIRMED, public_consent=True
        )
        .select_related("accreditation__forum")
        .order_by("-accreditation__forum__year", "name")
    )
    return organization, accreditations, list(delegates)


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
    return {
        "accreditations": accreditations,
        "member_count": organization.memberships.count(),
        "pending_join_requests": organization.join_requests.filter(state=JoinRequestState.PENDING).count(),
    }


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
