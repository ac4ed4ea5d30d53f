"""Queries the reviews pages (and the portal's State and forum pages) share, each a fixed number
of queries whatever the rows."""

from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404

from forums.enums import ForumStatus
from reviews.enums import SubmissionState
from reviews.models import (
    Consultation,
    ConsultationInput,
    NationalStatement,
    RegionalReview,
    VoluntaryReview,
    VoluntaryReviewDocument,
)


def published_reviews():
    return VoluntaryReview.objects.published()


def published_statements():
    return NationalStatement.objects.published()


def published_inputs():
    return ConsultationInput.objects.published()


def regional_reviews():
    """Regional reviews of public forums, with what their pages show."""
    return (
        RegionalReview.objects.filter(forum__status__in=ForumStatus.public_states())
        .select_related("commission", "forum", "host_country")
        .prefetch_related("participating_states", "consultations")
    )


def regional_reviews_of_forum(forum):
    return regional_reviews().filter(forum=forum).order_by("commission__code", "start_date")


def regional_review_page(pk):
    return get_object_or_404(regional_reviews(), pk=pk)


def consultation_page(pk):
    """The consultation and its published inputs."""
    inputs = ConsultationInput.objects.filter(state=SubmissionState.PUBLISHED).select_related("organization")
    return get_object_or_404(
        Consultation.objects.public()
        .select_related("forum", "round_table", "regional_review", "regional_review__commission", "member_state")
        .prefetch_related(Prefetch("inputs", queryset=inputs.order_by("published_at", "pk"), to_attr="published_inputs")),
        pk=pk,
    )


def consultations_on(round_table):
    """The consultations that inform a round table, with how many inputs are published."""
    return list(Consultation.objects.public().filter(round_table=round_table).order_by("deadline", "pk"))


def review_documents():
    return VoluntaryReviewDocument.objects.order_by("language")


def voluntary_reviews_of(member_state):
    return (
        published_reviews()
        .filter(member_state=member_state)
        .select_related("forum", "consultation")
        .prefetch_related(Prefetch("documents", queryset=review_documents()))
        .order_by("-forum__year")
    )


def national_statements_of(member_state):
    return (
        published_statements()
        .filter(member_state=member_state)
        .select_related("forum", "statement", "statement__session")
        .order_by("-forum__year")
    )


def regional_reviews_with(member_state):
    return regional_reviews().filter(participating_states=member_state).order_by("-forum__year", "commission__code")


def submissions_of_state(member_state):
    """A State focal point's page: its reviews and statements in every state but withdrawn."""
    reviews = (
        VoluntaryReview.objects.filter(member_state=member_state)
        .select_related("forum", "consultation")
        .prefetch_related(Prefetch("documents", queryset=review_documents()))
        .order_by("-forum__year")
    )
    statements = (
        NationalStatement.objects.filter(member_state=member_state)
        .select_related("forum", "statement", "statement__session")
        .order_by("-forum__year")
    )
    return list(reviews), list(statements)


def inputs_of(organization):
    return list(
        ConsultationInput.objects.filter(organization=organization)
        .select_related("consultation", "consultation__forum")
        .order_by("-consultation__deadline", "pk")
    )


def open_consultations(today):
    return list(
        Consultation.objects.public()
        .filter(deadline__gte=today)
        .exclude(kind="national")
        .select_related("forum")
        .order_by("deadline", "pk")
    )


def regional_reviews_for_forum_page(forum):
    """The forum page's table: one query, the participating States counted, not listed."""
    return list(
        RegionalReview.objects.filter(forum=forum)
        .select_related("commission", "host_country")
        .annotate(state_count=Count("participating_states", distinct=True))
        .order_by("commission__code", "start_date")
    )


def worklist_counts():
    """What waits for the secretariat's review: three counts."""
    return {
        "voluntary_reviews_submitted": VoluntaryReview.objects.filter(state=SubmissionState.SUBMITTED).count(),
        "national_statements_submitted": NationalStatement.objects.filter(state=SubmissionState.SUBMITTED).count(),
        "consultation_inputs_submitted": ConsultationInput.objects.filter(state=SubmissionState.SUBMITTED).count(),
    }
