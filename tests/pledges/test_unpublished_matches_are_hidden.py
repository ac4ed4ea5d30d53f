"""A pledge that matches another shows the match only while that one is published: once the
secretariat unpublishes it (or its owner withdraws it), its title and reference leave the pledge's
page and the open data, through the one published() rule."""

import csv
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pledges import services
from pledges.enums import PledgeState
from tests.helpers import clear_caches
from tests.pledges.factories import published
from tests.stakeholders.factories import focal_point_of

pytestmark = pytest.mark.django_db


def body(response):
    return b"".join(response.streaming_content).decode("utf-8")


@pytest.fixture
def matching():
    matched = published(title="Consular protection network")
    pledge = published(title="Joint consular training", matches=matched)
    return pledge, matched


def exported_match(client, pledge):
    rows = {
        row["reference"]: row
        for row in csv.DictReader(io.StringIO(body(client.get("/pledges/export.csv"))[1:]))
    }
    records = {p["reference"]: p for p in json.loads(body(client.get("/pledges/export.json")))["pledges"]}
    return rows[pledge.reference]["matches"], records[pledge.reference]["matches"]


def test_a_published_match_is_shown_and_exported(client, matching):
    pledge, matched = matching
    html = client.get(pledge.get_absolute_url()).content.decode()
    assert (
        f'<a href="/pledges/{matched.reference}/"><bdi>{matched.reference}</bdi>: Consular protection network</a>'
        in html
    )
    assert exported_match(client, pledge) == (matched.reference, matched.reference)


@pytest.mark.parametrize("state", [PledgeState.UNPUBLISHED, PledgeState.WITHDRAWN])
def test_an_unpublished_match_leaves_the_page_and_the_open_data(client, matching, secretariat_user, state):
    pledge, matched = matching
    by = secretariat_user if state == PledgeState.UNPUBLISHED else focal_point_of(matched.organization)
    services.set_pledge_state(matched, state, by=by, reason="Out of the scope of the GCM.")
    response = client.get(pledge.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "Consular protection network" not in html
    assert matched.reference not in html
    assert exported_match(client, pledge) == ("", None)


def test_the_match_costs_no_query(client, matching, secretariat_user):
    """The pledge it matches is read in the pledge's own query (a join), cold or warm."""
    pledge, matched = matching
    clear_caches()
    with CaptureQueriesContext(connection) as alone:
        assert client.get(matched.get_absolute_url()).status_code == 200
    services.set_pledge_state(matched, PledgeState.UNPUBLISHED, by=secretariat_user, reason="Out of scope.")
    clear_caches()
    with CaptureQueriesContext(connection) as with_match:
        assert client.get(pledge.get_absolute_url()).status_code == 200
    assert len(with_match) == len(alone)
