"""The Member State table and the State pages: from records only, sortable by every column (a bad
sort is a 400 that says why), exported as CSV that the csv module reads back with no cell a
spreadsheet would run, and a fixed number of queries at 1 and at 50 rows."""

import csv
import io

import pytest
from django.utils import timezone

from pledges import services as pledge_services
from reviews import services
from reviews.enums import SubmissionState as S
from tests.forums.factories import RoundTableFactory
from tests.pledges.factories import published
from tests.practices.factories import published as published_practice
from tests.reviews.factories import (
    NationalStatementFactory,
    RegionalReviewFactory,
    VoluntaryReviewFactory,
    programme_statement,
    state,
)
from tests.stakeholders.factories import state_focal_point

pytestmark = pytest.mark.django_db
STATES = ("MEX", "PHL", "KEN", "DEU", "BRA", "CHL", "FRA", "SEN", "NPL", "IDN")


def publish(obj, change):
    change(obj, S.SUBMITTED, by=None)
    change(obj, S.PUBLISHED, by=None)


def build(n, forum):
    """n published reviews, statements and pledges spread over ten States (rows in every
    column), a pledge where Mexico is a confirmed partner, a draft review nobody sees."""
    for i in range(n):
        iso3 = STATES[i % len(STATES)]
        if i < len(STATES):
            publish(VoluntaryReviewFactory(member_state=state(iso3), forum=forum), services.set_voluntary_review_state)
            statement = NationalStatementFactory(statement=programme_statement(forum, iso3))
            publish(statement, services.set_national_statement_state)
        pledge = published(forum=forum, organization=None, member_state=state(iso3))
        if i % 3 == 1:
            pledge.health_since = timezone.localdate().replace(year=timezone.localdate().year - 3)
            pledge.save(update_fields=["health_since"])
    lead = published(forum=forum)
    partner = lead.partners.create(member_state=state("MEX"))
    pledge_services.confirm_partnership(partner, by=state_focal_point("MEX"))
    VoluntaryReviewFactory(member_state=state("ARG"), forum=forum)  # a draft


@pytest.mark.parametrize("n", [1, 50])
def test_the_table_takes_four_queries_whatever_the_rows(client, django_assert_num_queries, forum, n):
    build(n, forum)
    for url in ["/member-states/", "/member-states/?sort=-red", "/member-states/export.csv"]:
        # The public forums (its columns), the 193 rows with their reviews and statements, the
        # pledges counted per pledging State and per partner State.
        with django_assert_num_queries(4):
            response = client.get(url)
            if url.endswith(".csv"):
                b"".join(response.streaming_content)
        assert response.status_code == 200


@pytest.mark.parametrize("n", [1, 50])
def test_a_state_page_takes_a_fixed_number_of_queries(client, django_assert_num_queries, forum, n):
    build(n, forum)
    RoundTableFactory(forum=forum, number=1, slug="round-table-1").co_chairs.set([state("MEX")])
    RegionalReviewFactory(forum=forum, participating_states=["MEX", "CHL"])
    for _ in range(n):
        published_practice(organization=None, member_state=state("MEX"), implementer_name="Mexico")
    # The State; pledges, their indicators, reports and values; statements; reviews and their
    # documents; round tables; regional reviews; commissions; plans; practices with their calls.
    with django_assert_num_queries(13):
        response = client.get("/member-states/mex/")
    assert response.status_code == 200


def test_the_table_holds_all_193_states_and_sorts_by_each_column(client, forum):
    build(4, forum)
    rows = client.get("/member-states/").context["rows"]
    assert len(rows) == 193
    by_reviews = client.get("/member-states/?sort=-review_2026").context["rows"]
    assert [row["iso3"] for row in by_reviews[:4]] == ["DEU", "KEN", "MEX", "PHL"]
    by_red = client.get("/member-states/?sort=-red").context["rows"]
    assert [(row["iso3"], row["red"]) for row in by_red[:2]] == [("PHL", 1), ("AFG", 0)]
    by_pledges = client.get("/member-states/?sort=-pledges").context["rows"]
    mexico = next(row for row in by_pledges if row["iso3"] == "MEX")
    # Its own pledge and the one it is a confirmed partner in.
    assert (mexico["pledges"], mexico["statements"], mexico["reviews"]) == (2, [2026], [True])


def test_a_bad_sort_is_a_400_that_says_why(client, forum):
    response = client.get("/member-states/?sort=population")
    assert response.status_code == 400
    assert response.context["error"] == (
        "The table cannot be sorted by “population”. Sort by one of: name, review_2026, statement, pledges, "
        "on_track, amber, red, each with a leading “-” for descending order."
    )
    csv_response = client.get("/member-states/export.csv?sort=population")
    assert (csv_response.status_code, csv_response["Content-Type"]) == (400, "text/plain; charset=utf-8")


def test_the_csv_reads_back_and_no_cell_is_a_formula(client, forum):
    build(2, forum)
    evil = '=HYPERLINK("http://evil.example")'
    type(state("MEX")).objects.filter(iso3="MEX").update(name=evil, name_en=evil)
    response = client.get("/member-states/export.csv?sort=-review_2026")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 193
    assert rows[0] == {
        "iso3": "MEX",
        "member_state": "'=HYPERLINK(\"http://evil.example\")",
        "review_2026": "true",
        "statements": "[2026]",
        "pledges": "2",
        "on_track": "2",
        "amber": "0",
        "red": "0",
        "url": "http://127.0.0.1:8000/member-states/mex/",
    }
    assert response["Link"] == '<https://creativecommons.org/licenses/by/4.0/>; rel="license"'


def test_a_state_page_shows_its_records(client, forum):
    build(1, forum)
    statement = programme_statement(forum, "MEX").__class__.objects.filter(member_state=state("MEX")).first()
    statement.presents_voluntary_review = True
    statement.save()
    RoundTableFactory(forum=forum, number=2, slug="round-table-2", theme="Protection").co_chairs.set([state("MEX")])
    RegionalReviewFactory(forum=forum, title="ECLAC review 2025", participating_states=["MEX"])
    published_practice(organization=None, member_state=state("MEX"), title="Consular hotline")
    published_practice(organization=None, member_state=state("CHL"), title="Another State's")
    context = client.get("/member-states/MEX/").context
    assert [r.forum.year for r in context["reviews"]] == [2026]
    assert context["reviews"][0].presented_in_statement is True
    assert [s.statement.speaker for s in context["statements"]] == ["H.E. the Minister"]
    assert [(p.member_state_id == state("MEX").pk, p.health) for p in context["pledges"]] == [(True, "green"), (False, "green")]
    assert [rt.number for rt in context["round_tables"]] == [2]
    assert [r.title for r in context["regional_reviews"]] == ["ECLAC review 2025"]
    assert [c.code for c in context["commissions"]] == ["ECLAC"]
    assert [p.title for p in context["practices"]] == ["Consular hotline"]
    assert client.get("/member-states/xyz/").status_code == 404
