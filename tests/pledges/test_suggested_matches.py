"""Suggested matches: for a published pledge that seeks something, the published pledges that
offer it and share an objective or a country, ranked by kinds matched, then topics shared;
computed in one query, the page's queries the same at 1 and 50 matches."""

import pytest

from pledges import queries, services
from pledges.enums import PledgeState
from tests.pledges.factories import PledgeFactory, published
from tests.stakeholders.factories import OrganizationFactory, focal_point_of

pytestmark = pytest.mark.django_db


def seeker(**kwargs):
    return published(
        objectives=[3, 5], countries=["KEN", "UGA"], support={"seeks": ["funding", "data"]}, **kwargs
    )


def offering(kinds, objectives=(3,), countries=(), state=PledgeState.PUBLISHED, **kwargs):
    return PledgeFactory(
        objectives=list(objectives), countries=list(countries), support={"offers": kinds}, state=state, **kwargs
    )


def test_ranked_by_kinds_then_topics_in_common():
    pledge = seeker()
    one_kind_many_topics = offering(["funding"], objectives=[3, 5], countries=["KEN", "UGA"])
    two_kinds = offering(["funding", "data", "policy_support"], objectives=[3])
    one_kind_one_topic = offering(["data"], objectives=[9], countries=["KEN"])
    offering(["policy_support"], objectives=[3, 5])  # offers nothing sought
    offering(["funding"], objectives=[9], countries=["FRA"])  # nothing in common
    offering(["funding"], objectives=[3], state=PledgeState.SUBMITTED)  # not published
    offering(["funding"], objectives=[3], organization=pledge.organization)  # the pledger's own
    found = queries.matches_of(pledge)
    assert [(m.reference, m.kinds, m.objectives, m.countries) for m in found] == [
        (two_kinds.reference, 2, 1, 0),
        (one_kind_many_topics.reference, 1, 2, 2),
        (one_kind_one_topic.reference, 1, 0, 1),
    ]
    assert [k.value for k in found[0].kinds_matched] == ["data", "funding"]


def test_an_unpublished_match_and_a_changed_offer_drop_out():
    pledge = seeker()
    match = offering(["funding"])
    assert [m.reference for m in queries.matches_of(pledge)] == [match.reference]
    services.set_pledge_state(match, PledgeState.UNPUBLISHED, by=None, reason="Out of scope.")
    assert queries.matches_of(pledge) == []
    services.set_pledge_state(match, PledgeState.PUBLISHED, by=None)
    assert [m.reference for m in queries.matches_of(pledge)] == [match.reference]
    services.set_support(match, [], ["policy_support"])
    services.refresh_denormalised(match)
    assert queries.matches_of(pledge) == []


def test_the_page_lists_them_with_a_link_to_propose_a_coalition(client):
    pledge = seeker()
    match = offering(["data"])
    response = client.get(f"/pledges/{pledge.reference}/matches/")
    html = response.content.decode()
    assert response.status_code == 200
    assert f'href="/coalitions/new/?with={match.reference}&amp;from={pledge.reference}"' in html
    assert "Propose a coalition" in html
    # The address is the coalition form's, reversed by name: in French, the French form.
    french = client.get(f"/fr/pledges/{pledge.reference}/matches/").content.decode()
    assert f'href="/fr/coalitions/new/?with={match.reference}&amp;from={pledge.reference}"' in french
    detail = client.get(f"/pledges/{pledge.reference}/").content.decode()
    assert f'href="/pledges/{pledge.reference}/matches/"' in detail


@pytest.mark.parametrize(
    "pledge",
    [
        lambda: published(objectives=[3]),  # seeks nothing
        lambda: PledgeFactory(objectives=[3], support={"seeks": ["funding"]}),  # a draft
    ],
)
def test_no_page_for_a_pledge_that_seeks_nothing_or_is_not_public(client, pledge):
    pledge = pledge()
    assert client.get(f"/pledges/{pledge.reference}/matches/").status_code == 404
    client.force_login(focal_point_of(pledge.organization))
    assert client.get(f"/pledges/{pledge.reference}/matches/").status_code == 404


@pytest.mark.parametrize("n", [1, 50])
def test_fixed_queries_at_1_and_50_matches(client, django_assert_num_queries, n):
    pledge = seeker()
    organization = OrganizationFactory()
    for _ in range(n):
        offering(["funding"], organization=organization)
    with django_assert_num_queries(2):  # the pledge, its matches
        response = client.get(f"/pledges/{pledge.reference}/matches/")
    assert response.content.decode().count("Propose a coalition") == n


def test_sqlite_and_postgresql_agree_on_an_empty_offer():
    """A pledge that seeks but works nowhere named and on no objective has nothing to match."""
    pledge = seeker()
    pledge.objective_codes = pledge.country_codes = ""
    assert queries.matches_of(pledge) == []
