"""A search or a filter that selects nothing still shows the count, says why the list is empty,
offers to clear the filters and keeps the facets (issue 14: an empty results column)."""

import pytest

from tests.pledges.factories import published

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("query", ["?objective=9", "?q=zzzunmatched", "?objective=3&region=Europe"])
def test_an_empty_result_says_so_and_keeps_the_facets(client, query):
    published(objectives=[3], regions=["Africa"])
    response = client.get(f"/pledges/{query}")
    assert response.status_code == 200
    page = response.content.decode()
    assert response.context["registry"].total == 0
    assert '<h2 id="results-heading" aria-live="polite">0 pledges</h2>' in page
    assert "No published pledge matches these filters." in page
    assert '<a href="/pledges/">Clear every filter and show all pledges</a>' in page
    assert "Narrow the results" in page
    assert [group["name"] for group in response.context["facets"]][:3] == ["forum", "objective", "principle"]
