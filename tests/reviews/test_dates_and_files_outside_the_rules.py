"""Dates outside the rules and files that lie about their type give a clear message, and the
form keeps what was typed."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from reviews import services
from reviews.admin import RegionalReviewForm
from reviews.enums import ConsultationKind, SubmissionState
from reviews.models import ConsultationInput, RegionalCommission, VoluntaryReview
from tests.reviews.factories import (
    PDF,
    ConsultationFactory,
    ConsultationInputFactory,
    RegionalReviewFactory,
    state,
)
from tests.stakeholders.factories import (
    AccreditationFactory,
    OrganizationFactory,
    focal_point_of,
    open_forum,
    state_focal_point,
)

pytestmark = pytest.mark.django_db


def test_a_review_dated_after_its_forum_is_refused_and_the_form_keeps_the_text(client, forum):
    client.force_login(state_focal_point("MEX"))
    response = client.post(
        f"/my/reviews/{forum.year}/voluntary-review/",
        {"dated_on": "2026-06-01", "summary": "What we did since 2022."},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["dated_on"] == [
        "A review presented at a forum is dated before its last day (8 May 2026)."
    ]
    assert "What we did since 2022." in response.content.decode()
    assert VoluntaryReview.objects.count() == 0


def test_a_document_that_is_not_what_its_name_says_is_refused(client, forum):
    client.force_login(state_focal_point("MEX"))
    fake = SimpleUploadedFile("review.pdf", b"<html><script>alert(1)</script></html>", content_type="application/pdf")
    response = client.post(
        f"/my/reviews/{forum.year}/voluntary-review/",
        {"dated_on": "2026-03-02", "summary": "Kept.", "document_en": fake},
    )
    assert response.context["form"].errors["document_en"] == [
        "This file is not a PDF or an office document (Word, Excel, PowerPoint, OpenDocument) that we can read."
    ]
    assert VoluntaryReview.objects.count() == 0


def test_a_review_is_saved_with_one_file_per_language(client, forum):
    user = state_focal_point("MEX")
    client.force_login(user)
    response = client.post(
        f"/my/reviews/{forum.year}/voluntary-review/",
        {
            "dated_on": "2026-03-02",
            "document_en": SimpleUploadedFile("a.pdf", PDF),
            "document_es": SimpleUploadedFile("b.pdf", PDF),
        },
    )
    assert response.status_code == 302
    review = VoluntaryReview.objects.get()
    assert (review.member_state.iso3, review.created_by, sorted(review.documents.values_list("language", flat=True))) == (
        "MEX",
        user,
        ["en", "es"],
    )


def test_an_input_after_the_deadline_is_refused_with_the_date():
    forum = open_forum()
    organization = OrganizationFactory()
    AccreditationFactory(organization=organization, forum=forum, state="approved")
    consultation = ConsultationFactory(forum=forum, deadline=timezone.localdate() - datetime.timedelta(days=1))
    item = ConsultationInputFactory(consultation=consultation, organization=organization)
    with pytest.raises(ValidationError) as exc:
        services.set_input_state(item, SubmissionState.SUBMITTED, by=focal_point_of(organization))
    expected = f"This consultation closed on {consultation.deadline.day} {consultation.deadline:%B} {consultation.deadline.year} (New York time); input is no longer taken."
    assert exc.value.messages == [expected]


def test_the_input_form_keeps_the_text_when_the_file_lies(client):
    forum = open_forum()
    organization = OrganizationFactory()
    AccreditationFactory(organization=organization, forum=forum, state="approved")
    consultation = ConsultationFactory(
        forum=forum, kind=ConsultationKind.NATIONAL, deadline=timezone.localdate() + datetime.timedelta(days=5)
    )
    client.force_login(focal_point_of(organization))
    response = client.post(
        f"/my/consultations/{consultation.pk}/input/",
        {"text": "Our considered input.", "attachment": SimpleUploadedFile("x.docx", b"PK\x03\x04 not a zip")},
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["attachment"]
    assert "Our considered input." in response.content.decode()
    response = client.post(f"/my/consultations/{consultation.pk}/input/", {"text": "Our considered input."})
    assert response.status_code == 302
    assert ConsultationInput.objects.get().organization == organization


def test_an_organisation_not_accredited_to_the_forum_gives_no_input(client):
    consultation = ConsultationFactory(forum=open_forum(), deadline=timezone.localdate() + datetime.timedelta(days=5))
    client.force_login(focal_point_of(OrganizationFactory()))
    assert client.get(f"/my/consultations/{consultation.pk}/input/").status_code == 403


def test_a_regional_review_ends_before_the_forum_it_feeds(forum):
    review = RegionalReviewFactory.build(forum=forum, start_date=datetime.date(2026, 5, 1), end_date=datetime.date(2026, 5, 5))
    review.commission = RegionalCommission.objects.get(code="ECE")
    with pytest.raises(ValidationError) as exc:
        review.full_clean()
    assert exc.value.message_dict == {
        "end_date": ["A regional review feeds the forum: it ends before the forum's hearing (4 May 2026)."]
    }


def test_participants_of_a_regional_review_are_members_of_its_commission(forum):
    ece = RegionalCommission.objects.get(code="ECE")
    form = RegionalReviewForm(
        {
            "commission": ece.pk,
            "forum": forum.pk,
            "title": "ECE review",
            "start_date": "2025-11-18",
            "end_date": "2025-11-19",
            "participating_states": [state("CHE").pk, state("BRA").pk, state("KEN").pk],
        }
    )
    assert form.errors == {"participating_states": ["Not members of ECE: Brazil, Kenya."]}


def test_a_consultation_names_what_it_is_on_and_closes_before_the_forum(forum):
    consultation = ConsultationFactory.build(forum=forum, kind=ConsultationKind.BACKGROUND_NOTE, member_state=state("MEX"), deadline=datetime.date(2026, 5, 6))
    with pytest.raises(ValidationError) as exc:
        consultation.full_clean()
    assert exc.value.message_dict == {
        "round_table": ["A consultation of this kind names its round table."],
        "member_state": ["Leave this empty for a consultation of this kind."],
        "deadline": ["Input is due before the forum's first day (5 May 2026)."],
    }
