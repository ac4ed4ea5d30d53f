"""Fifty pledges submitted at once get fifty distinct references; none is lost."""

import threading

import pytest
from django.db import connection

from pledges.models import Pledge
from tests.pledges.factories import PledgeFactory
from tests.stakeholders.factories import open_forum

pytestmark = pytest.mark.django_db(transaction=True)


def test_fifty_pledges_at_once_get_fifty_distinct_references():
    forum = open_forum()
    start = threading.Barrier(50)
    errors = []

    def submit(n):
        try:
            start.wait()
            PledgeFactory(forum=forum, title=f"Concurrent pledge {n}")
        except Exception as exc:  # collected and asserted on below
            errors.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(n,)) for n in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert errors == []
    references = list(Pledge.objects.filter(forum=forum).values_list("reference", flat=True))
    assert len(references) == 50
    assert sorted(references) == [f"IMRF2030-{n:04d}" for n in range(1, 51)]
