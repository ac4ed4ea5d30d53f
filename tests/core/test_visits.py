"""record_visit: the previous sitting, moved only once VISIT_GAP has passed, in one query once the
person has visited."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.models import LastVisit
from core.visits import VISIT_GAP, record_visit
from tests.core.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_first_visit_has_no_previous_then_a_sitting_keeps_it_until_the_gap_has_passed():
    user, other = UserFactory(), UserFactory()
    start = timezone.now().replace(microsecond=0)
    assert record_visit(user, other, now=start) is None
    assert record_visit(user, other, now=start + VISIT_GAP - datetime.timedelta(seconds=1)) is None
    later = start + VISIT_GAP - datetime.timedelta(seconds=1) + VISIT_GAP
    assert record_visit(user, other, now=later) == start + VISIT_GAP - datetime.timedelta(seconds=1)
    visit = LastVisit.objects.get(user=user)
    assert (visit.visited_at, visit.previous_visit_at) == (later, start + VISIT_GAP - datetime.timedelta(seconds=1))
    # A reload within the gap: the previous sitting stays.
    assert record_visit(user, other, now=later + datetime.timedelta(minutes=5)) == visit.previous_visit_at
    # Someone else's visit to the same object is theirs.
    assert record_visit(other, other, now=later) is None


def test_a_returning_visit_takes_one_query():
    user = UserFactory()
    record_visit(user, user, now=timezone.now() - datetime.timedelta(days=1))
    with CaptureQueriesContext(connection) as captured:
        record_visit(user, user)
    assert len(captured) == 1
