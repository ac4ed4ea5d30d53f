"""Registry pages run a fixed number of queries, whatever the number of pledges: at most three
for an anonymous visitor (reference data, unless cached, the page's rows and a search's matches; the counts come
from the facet index, which the worker built, never the request)."""

import pytest
from django.utils import timezone

from pledges import services, tasks
from tests.forums.factories import RoundTableFactory
from tests.helpers import clear_caches
from tests.pledges.factories import PledgeFactory, published
from tests.stakeholders.factories import OrganizationFactory, focal_point_of

pytestmark = pytest.mark.django_db


def build(n):
    pledges = [
        published(
            objectives=[3, (i % 23) + 1],
            regions=["Africa", "Europe"][i % 2 :],
            principles=["a", "j"],
            seeking_partners=i % 2 == 0,
        )
        for i in range(n)
    ]
    first = pledges[0]
    partner_org = OrganizationFactory()
    partner = services.invite_partner(first, by=focal_point_of(first.organization), organization=partner_org)
    partner_user = focal_point_of(partner_org)
    services.confirm_partnership(partner, by=partner_user)
    services.post_progress_report(
        first,
        by=partner_user,
        reported_on=timezone.localdate(),
        stage="in_progress",
        narrative="Begun.",
        values={first.indicators.get().pk: 10},
    )
    PledgeFactory()  # a draft
    RoundTableFactory(forum=first.forum, number=4, slug="round-table-4", objectives=[1, 3, 7])
    return first


REGISTRY_URLS = [
    "/pledges/",
    "/pledges/?objective=3",
    "/pledges/?objective=3&region=Africa&q=migrant+centres",
    "/pledges/?q=resource&sort=title&page=2",
    "/pledges/?forum=2026&kind=technical&pledger=ngo&stage=in_progress&health=green&seeking=true&principle=a",
]


@pytest.mark.parametrize("n", [1, 50])
@pytest.mark.parametrize("url", REGISTRY_URLS)
def test_registry_at_most_three_queries_cold(client, django_assert_num_queries, n, url):
    build(n)
    clear_caches()
    tasks.warm_registry_index()  # the worker, after the publication
    with django_assert_num_queries(2 if "q=" in url else 1):  # rows; a search adds its matches
        response = client.get(url)
    assert response.status_code == 200
    # Counts and reference data from the cache, and the rows from their fragments
    # (tests/pledges/test_registry_fragments.py).
    with django_assert_num_queries(0):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("n", [1, 50])
@pytest.mark.parametrize(
    ("url", "queries"),
    [
        # the default forum, labels, facet index; amounts; pledges and reports by month
        ("/pledges/statistics/", 6),
        ("/pledges/feed/", 2),  # the validators (ETag, Last-Modified), then the entries
        ("/pledges/data-dictionary/", 0),
    ],
)
def test_other_pages_fixed_queries(client, django_assert_num_queries, n, url, queries):
    build(n)
    clear_caches()
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("n", [1, 50])
def test_objective_page_fixed_queries(client, django_assert_num_queries, n):
    build(n)
    clear_caches()
    tasks.warm_registry_index()  # the worker, after the publications
    # The objective; its round tables; the newest pledges the facet index names, by id; its
    # published practices.
    with django_assert_num_queries(4):
        assert client.get("/objectives/3/").status_code == 200


@pytest.mark.parametrize("n", [1, 50])
def test_pledge_page_fixed_queries(client, django_assert_num_queries, n):
    first = build(n)
    # The pledge's row (visibility, the body's key); the body: the pledge with its pledging
    # organisation, its confirmed partners with theirs, indicators, reports with their values
    # and reporters (one query), the published practices it builds on; the labels of
    # objectives, principles, countries and forums (four, cold) and the round tables (one, cold)
    with django_assert_num_queries(11):
        assert client.get(f"/pledges/{first.reference}/").status_code == 200
    # Then the body comes from its fragment: the row alone.
    with django_assert_num_queries(1):
        assert client.get(f"/pledges/{first.reference}/").status_code == 200
