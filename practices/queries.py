"""The reads of practices that pages share: one published() rule (PracticeQuerySet), the short
lists other pages show, the submitter's list, the call page."""

from django.db.models import Count, Q, Window
from django.shortcuts import get_object_or_404

from practices.enums import PracticeState
from practices.models import Practice, PracticeCall

SHORT_LIST = 5
LIST_FIELDS = ("id", "title", "summary", "implementer_name", "implementer_type", "published_at", "call_id")


def published():
    return Practice.objects.published()


def published_by_member_state(member_state):
    """The published practices a Member State submitted as their implementing entity (for its
    Member State page), newest first."""
    return published().filter(member_state=member_state).only(*LIST_FIELDS).order_by("-published_at", "-pk")


def for_objectives(numbers, limit=SHORT_LIST):
    """The newest published practices for any of these objectives, with their total, in one query."""
    if not numbers:
        return [], 0
    condition = Q(pk__in=[])
    for number in numbers:
        condition |= Q(objective_codes__contains=f"|{number}|")
    rows = list(
        published()
        .filter(condition)
        .only(*LIST_FIELDS)
        .annotate(total=Window(Count("pk")))
        .order_by("-published_at", "-pk")[:limit]
    )
    return rows, (rows[0].total if rows else 0)


def practice_page(pk):
    return get_object_or_404(
        Practice.objects.select_related("organization", "member_state", "call").prefetch_related(
            "objectives", "principles", "countries", "support"
        ),
        pk=pk,
    )


def of_submitter(submitter):
    """The practices whose implementing entity is the user's organisation or State."""
    condition = Q(pk__in=[])
    if submitter.organization is not None:
        condition |= Q(organization=submitter.organization)
    if submitter.member_state is not None:
        condition |= Q(member_state=submitter.member_state)
    return Practice.objects.filter(condition).select_related("call").order_by("-updated_at", "-pk")


def calls():
    return PracticeCall.objects.select_related("forum").annotate(
        published_count=Count("practices", filter=Q(practices__state=PracticeState.PUBLISHED))
    )


def call_page(slug):
    call = get_object_or_404(PracticeCall.objects.select_related("forum"), slug=slug)
    practices = list(call.practices.published().only(*LIST_FIELDS).order_by("-published_at", "-pk"))
    return call, practices
