"""What is published is downloadable by anyone, each file checked again on the way out: the review
in each of its languages, the statement's PDF, a published input's attachment, the outcome
document; sandboxed, so that no file runs in the portal's origin."""

import pytest
from django.core.files.base import ContentFile

from reviews import services
from reviews.enums import SubmissionState as S
from tests.reviews.factories import (
    PDF,
    ConsultationInputFactory,
    NationalStatementFactory,
    RegionalReviewFactory,
    VoluntaryReviewFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def publish(obj, change):
    change(obj, S.SUBMITTED, by=None)
    change(obj, S.PUBLISHED, by=None)


def test_published_files_are_public_and_sandboxed(client, forum):
    review = VoluntaryReviewFactory(forum=forum, documents=["en", "es"])
    statement = NationalStatementFactory(pdf=ContentFile(PDF, name="statement.pdf"))
    item = ConsultationInputFactory(attachment=ContentFile(PDF, name="input.pdf"))
    outcome = RegionalReviewFactory(forum=forum, outcome_document=ContentFile(PDF, name="outcome.pdf"))
    urls = [
        f"/voluntary-reviews/{review.pk}/es/",
        f"/national-statements/{statement.pk}.pdf",
        f"/consultation-inputs/{item.pk}/attachment/",
    ]
    assert [client.get(url).status_code for url in urls] == [404, 404, 404]
    publish(review, services.set_voluntary_review_state)
    publish(statement, services.set_national_statement_state)
    item.state = S.PUBLISHED  # its deadline has passed: set as a fixture would
    item.save()
    for url in [*urls, f"/regional-reviews/{outcome.pk}/outcome.pdf"]:
        response = client.get(url)
        assert (response.status_code, b"".join(response.streaming_content), response["Content-Security-Policy"]) == (
            200,
            PDF,
            "default-src 'none'; sandbox",
        ), url
    assert client.get(f"/voluntary-reviews/{review.pk}/fr/").status_code == 404
