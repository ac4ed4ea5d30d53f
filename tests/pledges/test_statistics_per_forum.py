"""The registry in figures, one forum at a time: the registry's counts for that forum (never
mixed with another forum's), amounts by currency, pledges and reports month by month, each a
table whose links open the registry on exactly the pledges counted."""

import datetime
import zoneinfo
from decimal import Decimal

import pytest

from pledges.models import ProgressReport
from tests.forums.factories import ForumFactory
from tests.helpers import clear_caches
from tests.pledges.factories import PledgeFactory, published

pytestmark = pytest.mark.django_db
NEW_YORK = zoneinfo.ZoneInfo("America/New_York")


def at(year, month, day):
    return datetime.datetime(year, month, day, 12, tzinfo=NEW_YORK)


def on(year, month, day):
    """Published that day (its reporting clock starts then)."""
    return {"published_at": at(year, month, day), "health_since": datetime.date(year, month, day)}


@pytest.fixture
def forums():
    return ForumFactory(year=2022), ForumFactory(year=2026)


@pytest.fixture
def figures(forums):
    old, new = forums
    published(forum=old, objectives=[1], amount="1000.00", currency="EUR", **on(2022, 5, 20))
    a = published(forum=new, objectives=[1, 2], amount="250000.00", currency="USD", **on(2026, 5, 8))
    published(forum=new, objectives=[2], amount="50000.00", currency="USD", **on(2026, 5, 9))
    published(forum=new, objectives=[3], amount="900.00", currency="CHF", **on(2026, 6, 1))
    PledgeFactory(forum=new, objectives=[4], amount="9999999.00", currency="USD")  # a draft: not counted
    ProgressReport.objects.create(pledge=a, reported_on=datetime.date(2026, 6, 15), stage="implementation", narrative="First steps.")
    ProgressReport.objects.create(pledge=a, reported_on=datetime.date(2026, 11, 2), stage="implementation", narrative="More.")
    clear_caches()
    return a


def chart(response, name):
    [found] = [c for c in response.context["stats"]["charts"] if c["id"] == name]
    return {row["value"]: row["count"] for row in found["rows"] if row["count"]}


def test_the_newest_forum_with_pledges_by_default(client, figures):
    response = client.get("/pledges/statistics/")
    assert response.status_code == 200
    stats = response.context["stats"]
    assert (stats["year"], stats["total"]) == (2026, 3)
    assert chart(response, "objective") == {1: 1, 2: 2, 3: 1}


def test_another_forum_counts_only_its_own(client, figures):
    response = client.get("/pledges/statistics/?forum=2022")
    stats = response.context["stats"]
    assert (stats["year"], stats["total"]) == (2022, 1)
    assert chart(response, "objective") == {1: 1}
    assert [(r["currency"], r["total"], r["pledges"]) for r in stats["amounts"]] == [("EUR", Decimal("1000"), 1)]


def test_amounts_by_currency_never_converted_or_mixed(client, figures):
    stats = client.get("/pledges/statistics/?forum=2026").context["stats"]
    assert [(r["currency"], r["total"], r["pledges"], r["percent"]) for r in stats["amounts"]] == [
        ("USD", Decimal("300000"), 2, 100),
        ("CHF", Decimal("900"), 1, 0),
    ]


def test_pledges_and_reports_month_by_month(client, figures):
    response = client.get("/pledges/statistics/?forum=2026")
    months = [(r["month"], r["pledges"], r["reports"]) for r in response.context["stats"]["months"]]
    assert months == [
        (datetime.date(2026, 5, 1), 2, 0),
        (datetime.date(2026, 6, 1), 1, 1),
        (datetime.date(2026, 11, 1), 0, 1),
    ]
    page = response.content.decode()
    assert '<th scope="row">May 2026</th><td class="num">2</td><td class="num">0</td>' in page


def test_reporting_health_is_charted(client, figures):
    response = client.get("/pledges/statistics/?forum=2026")
    # Today is long after May 2026 for two of them, without a report: amber after 12 months.
    health = chart(response, "health")
    assert sum(health.values()) == 3


def test_each_row_links_the_registry_to_the_same_pledges(client, figures):
    page = client.get("/pledges/statistics/?forum=2026").content.decode()
    assert 'href="/pledges/?forum=2026&amp;objective=2"' in page
    registry = client.get("/pledges/?forum=2026&objective=2")
    assert registry.context["registry"].total == 2
    assert 'href="/pledges/statistics/?forum=2022"' in page
    assert '<a href="/pledges/statistics/?forum=2026" aria-current="page">IMRF 2026</a>' in page


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("1999", "Forum: Select a valid choice. 1999 is not one of the available choices."),
        ("twenty", "Forum: Select a valid choice. twenty is not one of the available choices."),
        ("2026&forum=2022", "“forum” takes one value and was given 2."),
    ],
)
def test_a_forum_that_is_not_one_is_explained(client, figures, value, message):
    response = client.get(f"/pledges/statistics/?forum={value}")
    assert response.status_code == 400
    assert f"<li>{message}</li>" in response.content.decode().replace("&quot;", '"')


def test_without_any_pledge_the_page_says_so(client, forums):
    response = client.get("/pledges/statistics/")
    assert response.status_code == 200
    assert "No pledge has been published yet." in response.content.decode()


@pytest.mark.parametrize("n", [1, 30])
def test_fixed_queries_whatever_the_pledges(client, forums, django_assert_num_queries, n):
    for _ in range(n):
        published(forum=forums[1], objectives=[5], amount="10.00", currency="USD")
    clear_caches()
    # the default forum; labels and facet index; amounts; pledges by month; reports by month
    with django_assert_num_queries(6):
        assert client.get("/pledges/statistics/").status_code == 200
