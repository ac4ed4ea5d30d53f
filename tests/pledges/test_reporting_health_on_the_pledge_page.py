"""The pledge page's reporting health agrees with its timeline: a pledge with no report is never
said to have "reported" (issue 14: "Reported within the last 12 months" above "No progress report
yet")."""

import datetime

import pytest
from django.utils import timezone

from pledges import services
from pledges.enums import Stage
from tests.pledges.factories import published
from tests.stakeholders.factories import focal_point_of

pytestmark = pytest.mark.django_db


def test_a_pledge_without_report_says_when_the_first_is_due(client):
    pledge = published()
    due = timezone.localdate(pledge.published_at) + datetime.timedelta(days=365)
    page = client.get(pledge.get_absolute_url()).content.decode()
    assert "No progress report yet." in page
    assert "Reported within" not in page
    assert "Up to date: reported or published within the last 12 months" in page
    assert f"no report yet, the first one is due by {due.day} {due:%B} {due.year}" in page


def test_a_pledge_with_a_report_shows_its_date(client):
    pledge = published()
    owner = focal_point_of(pledge.organization)
    today = timezone.localdate()
    services.post_progress_report(
        pledge, by=owner, reported_on=today, stage=Stage.IN_PROGRESS, narrative="Two centres opened.", values={pledge.indicators.get().pk: 40}
    )
    page = client.get(pledge.get_absolute_url()).content.decode()
    assert "No progress report yet." not in page
    assert "no report yet" not in page
    assert f"last report {today.day} {today:%B} {today.year}" in page
