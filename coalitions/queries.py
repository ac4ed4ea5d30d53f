"""Queries the coalition pages share, each a fixed number of queries whatever the rows."""

from django.db.models import Count, Prefetch, Q
from django.http import Http404

from coalitions.enums import MembershipState
from coalitions.models import Coalition, CoalitionMember, WorkspaceNote
from reference.models import MemberState
from stakeholders.models import Organization

CANDIDATES = 20


def public_coalitions():
    """The public list: one query, the confirmed members counted in it."""
    return (
        Coalition.objects.public()
        .select_related("organization", "member_state")
        .annotate(members_count=Count("members", filter=Q(members__state=MembershipState.CONFIRMED)))
        .order_by("-published_at", "-pk")
    )


def members_of(coalition):
    return coalition.members.select_related("organization", "organization__country", "member_state").order_by(
        "asked_at", "pk"
    )


def coalition_page(slug):
    """The coalition with its objectives, countries and every member row (the page shows the
    confirmed ones; the others decide what the visitor may do)."""
    coalition = (
        Coalition.objects.select_related("organization", "member_state", "draft_edited_by")
        .prefetch_related(
            "objectives",
            "countries",
            Prefetch(
                "members", queryset=CoalitionMember.objects.select_related("organization", "member_state")
            ),
        )
        .filter(slug=slug)
        .first()
    )
    if coalition is None:
        raise Http404
    return coalition


def notes_of(coalition):
    return WorkspaceNote.objects.filter(coalition=coalition).select_related(
        "author", "member__organization", "member__member_state"
    )


def rows_of(entities):
    """Every member row of these entities, with its coalition: what "my coalitions" lists."""
    condition = Q(pk__in=[])
    for entity in entities:
        if isinstance(entity, MemberState):
            condition |= Q(member_state=entity)
        else:
            condition |= Q(organization=entity)
    return (
        CoalitionMember.objects.filter(condition)
        .select_related("coalition", "organization", "member_state")
        .order_by("-asked_at", "-pk")
    )


def invitation_candidates(coalition, query):
    """Whom the convenor may invite, found by name or acronym: organisations with a public page
    (an organisation that chose not to be listed is never offered) and Member States; none in
    the coalition already or waiting. Two queries whatever the matches."""
    standing = coalition.members.exclude(state__in=(MembershipState.DECLINED, MembershipState.LEFT))
    organizations = (
        Organization.objects.filter(pk__in=Organization.objects.with_public_page().values("pk"))
        .filter(Q(name__icontains=query) | Q(acronym__icontains=query))
        .exclude(pk__in=standing.filter(organization__isnull=False).values("organization"))
        .select_related("country")
        .order_by("name")
    )
    states = MemberState.objects.filter(Q(name__icontains=query) | Q(iso3__iexact=query)).exclude(
        pk__in=standing.filter(member_state__isnull=False).values("member_state")
    )
    return {
        "organizations": list(organizations[:CANDIDATES]),
        "member_states": list(states.order_by("name")[:CANDIDATES]),
    }


def entity_by_key(key):
    """ "organization:12" or "state:KEN" → the entity, else None (a key is what a page posts)."""
    kind, _sep, value = (key or "").partition(":")
    if kind == "organization" and value.isdigit():
        return Organization.objects.filter(pk=int(value)).first()
    if kind == "state" and value.isalpha():
        return MemberState.objects.filter(iso3=value.upper()).first()
    return None


def key_of(entity):
    if isinstance(entity, MemberState):
        return f"state:{entity.iso3}"
    return f"organization:{entity.pk}"
