"""Demo data: a regional review per Regional Commission feeding IMRF 2026, voluntary reviews and
national statements of a few States, a national implementation plan, and consultations with
published inputs. Everything goes through reviews.services, as a State or the secretariat would."""

import datetime

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from forums.models import Forum, RoundTable, Statement
from reference.models import Country, MemberState
from reviews import services
from reviews.enums import Commission, ConsultationKind, SubmissionState
from reviews.models import (
    Consultation,
    ConsultationInput,
    NationalImplementationPlan,
    NationalStatement,
    RegionalCommission,
    RegionalReview,
    VoluntaryReview,
)
from stakeholders.models import Organization

ILLUSTRATIVE = "Demo data: illustrative, not a real review or statement."
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

# Commission: (host, venue, first day, last day); regional reviews in the year before the forum.
REGIONAL_REVIEWS = {
    Commission.ECA: ("ETH", "Addis Ababa", datetime.date(2025, 9, 9), datetime.date(2025, 9, 11)),
    Commission.ECE: ("CHE", "Geneva", datetime.date(2025, 11, 18), datetime.date(2025, 11, 19)),
    Commission.ECLAC: ("CHL", "Santiago", datetime.date(2025, 10, 14), datetime.date(2025, 10, 16)),
    Commission.ESCAP: ("THA", "Bangkok", datetime.date(2025, 3, 11), datetime.date(2025, 3, 13)),
    Commission.ESCWA: ("LBN", "Beirut", datetime.date(2025, 6, 3), datetime.date(2025, 6, 4)),
}
REVIEWING_STATES = ("MEX", "PHL", "KEN")


@transaction.atomic
def seed():
    forum = Forum.objects.filter(year=2026).first()
    if forum is None or RegionalReview.objects.filter(forum=forum).exists():
        return []
    reviews = _regional_reviews(forum)
    _voluntary_reviews(forum)
    _statements(forum)
    NationalImplementationPlan.objects.create(
        member_state=MemberState.objects.get(iso3="MEX"),
        title="National plan for the implementation of the Global Compact (demo)",
        url="https://example.org/demo/mex-gcm-implementation-plan",
        adopted_on=datetime.date(2024, 12, 10),
    )
    _consultations(forum, reviews)
    return reviews


def _regional_reviews(forum):
    reviews = []
    for code, (host, venue, start, end) in REGIONAL_REVIEWS.items():
        commission = RegionalCommission.objects.get(code=code)
        review = RegionalReview.objects.create(
            commission=commission,
            forum=forum,
            title=f"{code} regional review of the Global Compact, {start.year} (demo)",
            start_date=start,
            end_date=end,
            host_country=Country.objects.get(iso3=host),
            venue=venue,
            outcome_url=f"https://example.org/demo/{code.lower()}-regional-review-{start.year}",
        )
        review.outcome_document.save(f"{code.lower()}-outcome.pdf", ContentFile(PDF), save=True)
        members = list(commission.members.order_by("name"))
        # Most members take part; every third stays away, so the State pages differ.
        review.participating_states.set([state for n, state in enumerate(members) if n % 3])
        if code == Commission.ECLAC or code == Commission.ESCAP:
            # The reviewing States in the demo all take part in their region's review.
            review.participating_states.add(*MemberState.objects.filter(iso3__in=REVIEWING_STATES, regional_commissions=commission))
        reviews.append(review)
    return reviews


def _publish(obj, change):
    change(obj, SubmissionState.SUBMITTED, by=None)
    change(obj, SubmissionState.PUBLISHED, by=None)


def _voluntary_reviews(forum):
    mexico = MemberState.objects.get(iso3="MEX")
    consultation = Consultation.objects.create(
        kind=ConsultationKind.NATIONAL,
        title="National consultation on the review of the Global Compact, Mexico (demo)",
        description=ILLUSTRATIVE,
        forum=forum,
        member_state=mexico,
        deadline=datetime.date(2026, 1, 30),
    )
    for iso3 in REVIEWING_STATES:
        state = MemberState.objects.get(iso3=iso3)
        review = VoluntaryReview(
            member_state=state,
            forum=forum,
            dated_on=datetime.date(2026, 3, 2),
            summary=f"{ILLUSTRATIVE} Progress in implementing the Global Compact since IMRF 2022.",
            consultation=consultation if iso3 == "MEX" else None,
        )
        languages = ("en", "es") if iso3 == "MEX" else ("en",)
        documents = {language: ContentFile(PDF, name=f"review-{iso3.lower()}-{language}.pdf") for language in languages}
        services.save_voluntary_review(review, documents, by=None)
        _publish(review, services.set_voluntary_review_state)
    # One more on its way: submitted, not yet reviewed (the secretariat's worklist has it).
    review = VoluntaryReview(
        member_state=MemberState.objects.get(iso3="DEU"), forum=forum, dated_on=datetime.date(2026, 3, 20)
    )
    services.save_voluntary_review(review, {"en": ContentFile(PDF, name="review-deu-en.pdf")}, by=None)
    services.set_voluntary_review_state(review, SubmissionState.SUBMITTED, by=None)


def _statements(forum):
    for entry in Statement.objects.filter(session__forum=forum, member_state__isnull=False).select_related(
        "member_state", "session"
    ):
        statement = NationalStatement(
            statement=entry,
            text=f"{ILLUSTRATIVE}\n\nMr. President, {entry.member_state.name} reports on its implementation "
            "of the Global Compact, with its partners in civil society, local authorities and the private sector.",
        )
        if NationalStatement.objects.filter(member_state=entry.member_state, forum=forum).exists():
            continue
        services.save_national_statement(statement, by=None)
        _publish(statement, services.set_national_statement_state)


def _consultations(forum, reviews):
    round_table = RoundTable.objects.filter(forum=forum, number=1).first()
    organizations = list(Organization.objects.filter(accreditations__forum=forum).order_by("pk")[:3])
    consultations = []
    if round_table is not None:
        consultations.append(
            Consultation.objects.create(
                kind=ConsultationKind.BACKGROUND_NOTE,
                title=f"Written input on the background note of round table 1, IMRF {forum.year} (demo)",
                description=f"{ILLUSTRATIVE} What should the round table's background note say?",
                forum=forum,
                round_table=round_table,
                deadline=forum.start_date - datetime.timedelta(days=30),
            )
        )
    ece = next(review for review in reviews if review.commission.code == Commission.ECE)
    consultations.append(
        Consultation.objects.create(
            kind=ConsultationKind.REGIONAL_REVIEW,
            title="Stakeholder consultation before the ECE regional review (demo)",
            description=ILLUSTRATIVE,
            forum=forum,
            regional_review=ece,
            deadline=ece.start_date - datetime.timedelta(days=14),
        )
    )
    today = timezone.localdate()
    for consultation in consultations:
        # The inputs arrived while the consultation was open: it is kept open while they are
        # entered (through the services, logged), then given the deadline it had.
        deadline, consultation.deadline = consultation.deadline, max(consultation.deadline, today)
        consultation.save(update_fields=["deadline"])
        for n, organization in enumerate(organizations):
            item = ConsultationInput(
                consultation=consultation,
                organization=organization,
                text=f"{ILLUSTRATIVE} {organization.name} asks that the voices of migrants themselves be heard.",
            )
            services.save_input(item, by=None)
            services.set_input_state(item, SubmissionState.SUBMITTED, by=None)
            if n < 2:
                services.set_input_state(item, SubmissionState.PUBLISHED, by=None)
        consultation.deadline = deadline
        consultation.save(update_fields=["deadline"])
