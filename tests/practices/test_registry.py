"""The public registry: facets with counts, search, every choice in the URL, 400 with the reason
for a bad query string, and three queries per page whatever the number of practices."""

import pytest

from practices.enums import PracticeState
from tests.practices.factories import PracticeCallFactory, PracticeFactory, published
from tests.stakeholders.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def counts(response, name):
    return {v["value"]: v["count"] for group in response.context["facets"] if group["name"] == name for v in group["values"]}


def titles(response):
    return [p.title for p in response.context["result"].practices]


@pytest.fixture
def practices():
    call = PracticeCallFactory(title="Migration data")
    census = published(title="Census questions", objectives=[1], countries=["MEX"], regions=[], call=call)
    shops = published(title="One-stop shops", objectives=[15, 16], principles=["f"], regions=["Europe"])
    returnees = published(
        title="Skills of returnees", objectives=[18], organization=OrganizationFactory(category="academia")
    )
    PracticeFactory(title="A draft", objectives=[1])
    PracticeFactory(title="Under review", objectives=[1], state=PracticeState.SUBMITTED)
    return call, census, shops, returnees


def test_only_published_practices_with_counts(client, practices):
    call, *_ = practices
    response = client.get("/practices/")
    assert response.status_code == 200
    assert sorted(titles(response)) == ["Census questions", "One-stop shops", "Skills of returnees"]
    assert counts(response, "objective") == {"1": 1, "15": 1, "16": 1, "18": 1}
    assert counts(response, "region") == {"Americas": 1, "Europe": 2}
    assert counts(response, "call") == {str(call.pk): 1}
    assert counts(response, "implementer") == {"ngo": 2, "academia": 1}
    assert counts(response, "country") == {"MEX": 1}


def test_facets_narrow_and_count_the_other_values(client, practices):
    response = client.get("/practices/?region=Europe")
    assert sorted(titles(response)) == ["One-stop shops", "Skills of returnees"]
    # A facet counts what its other values would add; the others count within the choice.
    assert counts(response, "region") == {"Americas": 1, "Europe": 2}
    assert counts(response, "objective") == {"15": 1, "16": 1, "18": 1}
    response = client.get("/practices/?region=Europe&region=Americas&implementer=ngo")
    assert sorted(titles(response)) == ["Census questions", "One-stop shops"]
    link = next(v for g in response.context["facets"] if g["name"] == "region" for v in g["values"] if v["value"] == "Europe")
    assert (link["selected"], link["query"]) == (True, "region=Americas&implementer=ngo")


def test_search(client, practices):
    assert titles(client.get("/practices/?q=census")) == ["Census questions"]
    assert titles(client.get("/practices/?q=census&objective=15")) == []
    assert titles(client.get("/practices/?q=draft")) == []


def test_sorts(client, practices):
    assert titles(client.get("/practices/?sort=title")) == ["Census questions", "One-stop shops", "Skills of returnees"]
    assert titles(client.get("/practices/?sort=oldest")) == ["Census questions", "One-stop shops", "Skills of returnees"]
    assert titles(client.get("/practices/")) == ["Skills of returnees", "One-stop shops", "Census questions"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("objective=24", "“24” is not a value of “objective”."),
        ("country=XXX", "“XXX” is not a value of “country”."),
        ("sort=random", "“random” is not a sort; use one of: relevance, newest, oldest, title."),
        ("page=two", "The page is a whole number from 1; “two” is not."),
        ("page=9", "There is no page 9: the results have 1."),
    ],
)
def test_a_bad_query_string_answers_400_with_the_reason(client, practices, query, message):
    response = client.get(f"/practices/?{query}")
    assert (response.status_code, response.context["errors"]) == (400, [message])
    export = client.get(f"/practices/export.json?{query}")
    if "page" not in query:
        assert (export.status_code, export.json()) == (400, {"errors": [message]})


def test_practice_page_and_404_for_what_is_not_public(client, practices):
    _call, census, *_ = practices
    assert client.get(f"/practices/{census.pk}/").status_code == 200
    draft = PracticeFactory(title="Hidden")
    assert client.get(f"/practices/{draft.pk}/").status_code == 404


def build(n):
    call = PracticeCallFactory()
    for i in range(n):
        published(
            objectives=[1, (i % 23) + 1],
            principles=["a"],
            countries=["MEX"] if i % 2 == 0 else [],
            call=call if i % 3 == 0 else None,
        )


URLS = [
    "/practices/",
    "/practices/?objective=1&region=Europe",
    "/practices/?q=shop&sort=relevance",
    "/practices/?principle=a&implementer=ngo&sort=title&country=MEX",
]


@pytest.mark.parametrize("n", [1, 50])
def test_three_queries_at_1_and_at_50_rows(client, django_assert_num_queries, n):
    build(n)
    for url in URLS:
        with django_assert_num_queries(3):  # labels, the facet columns, the page's rows
            response = client.get(url)
        assert (url, response.status_code) == (url, 200)
