"""The secretariat reviews in the admin: the worklist counts what waits, and the admin's state
actions and change form call the same transition functions (logged, refused with the reason)."""

import pytest

from core.models import ActivityLog
from reviews.enums import SubmissionState as S
from reviews.models import VoluntaryReview
from tests.reviews.factories import VoluntaryReviewFactory

pytestmark = pytest.mark.django_db
CHANGELIST = "/admin/reviews/voluntaryreview/"


def test_the_worklist_counts_submitted_reviews(secretariat_client):
    VoluntaryReviewFactory(state=S.SUBMITTED)
    lines = {str(line["label"]): line for line in secretariat_client.get("/admin/").context["worklist"]}
    line = lines["Voluntary reviews submitted for review"]
    assert (line["count"], line["url"]) == (1, CHANGELIST + "?state__exact=submitted")


def test_publishing_from_the_list_is_logged(secretariat_client, secretariat_user):
    review = VoluntaryReviewFactory(state=S.SUBMITTED)
    draft = VoluntaryReviewFactory(member_state=review.member_state.__class__.objects.get(iso3="PHL"))
    response = secretariat_client.post(
        CHANGELIST, {"action": "to_published", "_selected_action": [review.pk, draft.pk]}, follow=True
    )
    messages = [str(m) for m in response.context["messages"]]
    assert messages == [
        f"{draft}: A voluntary review cannot go from “Draft” to “Published”.",
        "1 now “Published”.",
    ]
    assert list(VoluntaryReview.objects.order_by("pk").values_list("state", flat=True)) == ["published", "draft"]
    entry = ActivityLog.objects.get(action="voluntary_review.state")
    assert (entry.actor, entry.old_state, entry.new_state) == (secretariat_user, "submitted", "published")


def test_returning_needs_a_reason_and_the_form_says_so(secretariat_client):
    review = VoluntaryReviewFactory(state=S.SUBMITTED)
    url = f"{CHANGELIST}{review.pk}/change/"
    data = {
        "member_state": review.member_state_id,
        "forum": review.forum_id,
        "dated_on": "2026-03-02",
        "summary": "",
        "consultation": "",
        "transition": "returned",
        "reason": "",
        "documents-TOTAL_FORMS": "1",
        "documents-INITIAL_FORMS": "1",
        "documents-0-id": review.documents.get().pk,
        "documents-0-review": review.pk,
        "documents-0-language": "en",
    }
    response = secretariat_client.post(url, data)
    assert response.context["adminform"].form.errors == {
        "reason": ["Give the submitter a reason for “Returned for changes”."]
    }
    data["reason"] = "Add the Spanish version."
    assert secretariat_client.post(url, data).status_code == 302
    review.refresh_from_db()
    assert (review.state, review.review_note) == ("returned", "Add the Spanish version.")
    assert ActivityLog.objects.filter(action="voluntary_review.state", new_state="returned").count() == 1
