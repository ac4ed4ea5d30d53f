"""The Member State pages, a regional review, a consultation and a State focal point's review
form in headless Chromium: axe-core finds no serious or critical violation (in French too), a
phone (390 pixels) never scrolls sideways, and the form keeps what was typed when a date is
outside the rules."""

import datetime

import pytest
from django.core.cache import cache

from forums.models import Forum
from reviews import services
from reviews.enums import SubmissionState as S
from tests.browser.accessibility import serious_violations
from tests.forums.factories import ForumFactory
from tests.reviews.factories import (
    ConsultationFactory,
    NationalStatementFactory,
    RegionalReviewFactory,
    VoluntaryReviewFactory,
    programme_statement,
)
from tests.stakeholders.factories import open_forum, state_focal_point

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def publish(obj, change):
    change(obj, S.SUBMITTED, by=None)
    change(obj, S.PUBLISHED, by=None)


def test_member_state_pages_are_accessible(live_server, page, screenshot):
    forum = ForumFactory(year=2026)
    open_forum()  # 2030, announced: the State's review for it is still to come
    publish(VoluntaryReviewFactory(forum=forum, documents=["en", "es"]), services.set_voluntary_review_state)
    publish(NationalStatementFactory(statement=programme_statement(forum, "MEX")), services.set_national_statement_state)
    review = RegionalReviewFactory(forum=forum, title="ECLAC regional review 2025", participating_states=["MEX", "CHL"])
    consultation = ConsultationFactory(forum=forum, title="National consultation of Mexico")
    pages = [
        ("member-states", "/member-states/?sort=-review_2026"),
        ("member-state-mex", "/member-states/mex/"),
        ("regional-review", review.get_absolute_url()),
        ("consultation", consultation.get_absolute_url()),
        ("member-state-mex-fr", "/fr/member-states/mex/"),
    ]
    failures = {}
    for name, path in pages:
        assert page.goto(live_server.url + path).status == 200, path
        screenshot(f"{name}-1280")
        if violations := serious_violations(page):
            failures[path] = violations
    assert failures == {}
    # On a phone the table scrolls inside its region and the page does not: a look, not a rule.
    page.set_viewport_size({"width": 390, "height": 900})
    for name, path in pages[:2]:
        page.goto(live_server.url + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
        screenshot(f"{name}-390")

    page.set_viewport_size({"width": 1280, "height": 900})
    state_focal_point("MEX", email="mission@mexico.example.org")
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill("mission@mexico.example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(live_server.url + "/my/")
    page.get_by_role("link", name="Reviews, statements and consultations").click()
    page.wait_for_url(live_server.url + "/my/reviews/")
    screenshot("my-reviews")
    assert serious_violations(page) == []
    page.get_by_role("link", name="Add the voluntary review").first.click()
    page.wait_for_url(live_server.url + "/my/reviews/2030/voluntary-review/")
    late = Forum.objects.get(year=2030).end_date + datetime.timedelta(days=1)
    page.get_by_label("Date of the review").fill(late.isoformat())
    page.get_by_label("Summary").fill("Progress since 2026.")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    assert page.locator("#form-errors").count() == 1
    assert page.get_by_label("Summary").input_value() == "Progress since 2026."
    screenshot("review-form-errors")
    assert serious_violations(page) == []
