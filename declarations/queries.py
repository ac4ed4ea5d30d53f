"""Queries that the declaration's pages and exports share, each a fixed number of queries
whatever the number of rows."""

from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from declarations.enums import Fate, KeyMessageState
from declarations.models import DeclarationVersion, Endorsement, KeyMessage, MessageOutcome, Paragraph
from forums.enums import ForumStatus
from reference.models import Objective
from stakeholders.models import Organization

PUBLISHED = Q(state=KeyMessageState.PUBLISHED)


def published_versions(forum):
    return (
        DeclarationVersion.objects.published()
        .filter(forum=forum)
        .select_related("forum")
        .annotate(paragraph_count=Count("paragraphs", distinct=True))
        .order_by("date", "pk")
    )


def version_page(forum, slug):
    return get_object_or_404(DeclarationVersion.objects.published().select_related("forum"), forum=forum, slug=slug)


def version_paragraphs(version):
    """Its paragraphs, each with the number of published messages addressed to it."""
    return version.paragraphs.annotate(
        message_count=Count("key_messages", filter=Q(key_messages__state=KeyMessageState.PUBLISHED), distinct=True)
    ).order_by("number")


def objective_counts(forum):
    """The GCM objectives the forum's published messages concern: messages, and their fates."""
    on = Q(key_messages__forum=forum, key_messages__state=KeyMessageState.PUBLISHED)

    def fate(value):
        return Count("key_messages", filter=on & Q(key_messages__outcomes__fate=value), distinct=True)

    return (
        Objective.objects.annotate(
            messages=Count("key_messages", filter=on, distinct=True),
            reflected=fate(Fate.REFLECTED),
            partly=fate(Fate.PARTLY_REFLECTED),
            not_reflected=fate(Fate.NOT_REFLECTED),
        )
        .filter(messages__gt=0)
        .order_by("number")
    )


def _outcomes():
    return Prefetch(
        "outcomes",
        queryset=MessageOutcome.objects.select_related("version", "paragraph__version__forum").order_by(
            "version__date"
        ),
    )


def _endorsements():
    return Prefetch(
        "endorsements", queryset=Endorsement.objects.select_related("organization").order_by("organization__name")
    )


def public_messages(forum=None):
    """Published messages with everything a list row or an export shows."""
    messages = (
        KeyMessage.objects.published()
        .select_related("forum", "organization", "version")
        .prefetch_related(
            Prefetch("paragraphs", queryset=Paragraph.objects.select_related("version__forum").order_by("number")),
            "objectives",
            "guiding_principles",
            _outcomes(),
            _endorsements(),
        )
        .order_by("forum__year", "pk")
    )
    return messages.filter(forum=forum) if forum is not None else messages


def declaration_years():
    """The years of the public forums with a published version of their declaration."""
    return list(
        DeclarationVersion.objects.published()
        .filter(forum__status__in=ForumStatus.public_states())
        .order_by("-forum__year")
        .values_list("forum__year", flat=True)
        .distinct()
    )


def public_paragraphs(forum=None):
    """Every paragraph of the forum's published versions (of every public forum's, for the
    open-data dump), with its published messages counted."""
    paragraphs = Paragraph.objects.filter(version__published=True)
    paragraphs = (
        paragraphs.filter(version__forum=forum)
        if forum is not None
        else paragraphs.filter(version__forum__status__in=ForumStatus.public_states())
    )
    return (
        paragraphs
        .select_related("version__forum")
        .annotate(
            message_count=Count("key_messages", filter=Q(key_messages__state=KeyMessageState.PUBLISHED), distinct=True),
            landed_count=Count(
                "landed_outcomes",
                filter=Q(landed_outcomes__message__state=KeyMessageState.PUBLISHED),
                distinct=True,
            ),
        )
        .order_by("version__forum__year", "version__date", "version_id", "number")
    )


def paragraph_page(forum, slug, number):
    return get_object_or_404(
        Paragraph.objects.select_related("version__forum"),
        version__forum=forum,
        version__slug=slug,
        version__published=True,
        number=number,
    )


def paragraph_messages(paragraph):
    """The published messages addressed to this paragraph, and those that landed in it."""
    return public_messages().filter(Q(paragraphs=paragraph) | Q(outcomes__paragraph=paragraph)).distinct()


def message_page(forum, pk):
    try:
        return public_messages(forum).get(pk=pk)
    except KeyMessage.DoesNotExist:
        raise Http404 from None


def organizations_with_messages(forum):
    return (
        Organization.objects.filter(key_messages__forum=forum, key_messages__state=KeyMessageState.PUBLISHED)
        .annotate(
            message_count=Count("key_messages", distinct=True),
            reflected=Count(
                "key_messages",
                filter=Q(key_messages__outcomes__fate__in=Fate.landed()),
                distinct=True,
            ),
        )
        .order_by("name", "pk")
    )


def organization_page(forum, slug):
    return get_object_or_404(organizations_with_messages(forum), slug=slug)


def message_totals(forum):
    """How many messages are published, and from how many organisations: one query."""
    return KeyMessage.objects.published().filter(forum=forum).aggregate(
        messages=Count("pk"), organizations=Count("organization", distinct=True)
    )


def own_messages(forum, organization):
    """Every message of the organisation, whatever its state, for its focal points."""
    return (
        KeyMessage.objects.filter(forum=forum, organization=organization)
        .select_related("version", "forum")
        .annotate(endorsement_count=Count("endorsements"))
        .prefetch_related(Prefetch("paragraphs", queryset=Paragraph.objects.order_by("number")), _outcomes())
        .order_by("-created_at", "-pk")
    )


def endorsable_messages(forum, organization):
    """The other organisations' published messages, each saying whether we endorse it: one query."""
    return (
        KeyMessage.objects.published()
        .filter(forum=forum)
        .exclude(organization=organization)
        .select_related("forum", "organization")
        .annotate(
            endorsement_count=Count("endorsements"),
            endorsed_by_us=Count("endorsements", filter=Q(endorsements__organization=organization)),
        )
        .order_by("pk")
    )
