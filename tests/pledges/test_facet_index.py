"""The registry's facet index (pledges/facets.py) gives the same pledges, counts and order as the
database would, for filters, searches and sorts."""

import datetime
import random

import pytest
from django.db import connection
from django.db.models import Q
from django.utils import timezone

from pledges.models import Pledge
from pledges.registry import index as facets
from tests.pledges.factories import PledgeFactory, published
from tests.stakeholders.factories import OrganizationFactory

pytestmark = pytest.mark.django_db
postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="ranking needs full-text search"
)


def references(response):
    return [p.reference for p in response.context["registry"].page.object_list]


def test_set_bits_picks_the_requested_slice_of_set_bits():
    bits = sum(1 << position for position in (0, 3, 64, 65, 200, 1000))
    assert facets.set_bits(bits, 0, 3) == [0, 3, 64]
    assert facets.set_bits(bits, 2, 3) == [64, 65, 200]
    assert facets.set_bits(bits, 5, 10) == [1000]
    assert facets.set_bits(bits, 6, 10) == []
    assert facets.set_bits(0, 0, 10) == []


def test_counts_match_the_database_for_every_filter(client):
    rng = random.Random(5)
    for i in range(40):
        published(
            objectives=rng.sample(range(1, 24), rng.choice([1, 2, 3])),
            principles=rng.sample(list("abcdefghij"), rng.choice([0, 1, 2])),
            regions=rng.sample(["Africa", "Asia", "Europe", "Americas", "Oceania"], rng.choice([0, 1, 2])),
            seeking_partners=i % 3 == 0,
            kind_financial=i % 2 == 0,
        )
    published_pledges = Pledge.objects.published()
    either = published_pledges.filter(Q(objective_codes__contains="|3|") | Q(objective_codes__contains="|5|"))
    # (query, the pledges it selects, the pledges its objective counts are taken from: every other
    # filter but the objectives, so that each objective says what ticking it would show or add)
    for query, expected, for_objectives in [
        ("objective=3", published_pledges.filter(objective_codes__contains="|3|"), published_pledges),
        ("objective=3&objective=5", either, published_pledges),
        (
            "objective=3&objective=5&region=Africa",
            either.filter(region_codes__contains="|Africa|"),
            published_pledges.filter(region_codes__contains="|Africa|"),
        ),
        ("region=Africa", published_pledges.filter(region_codes__contains="|Africa|"), None),
        (
            "principle=b&seeking=true",
            published_pledges.filter(principle_codes__contains="|b|", seeking_partners=True),
            None,
        ),
        (
            "kind=financial&region=Asia",
            published_pledges.filter(kind_financial=True, region_codes__contains="|Asia|"),
            None,
        ),
    ]:
        registry = client.get(f"/pledges/?{query}").context["registry"]
        assert registry.total == expected.count(), query
        counted = expected if for_objectives is None else for_objectives
        for number in range(1, 24):
            assert (
                registry.counts[f"objective:{number}"]
                == counted.filter(objective_codes__contains=f"|{number}|").count()
            ), (query, number)


def test_newest_and_oldest_first_page_through_the_results(client):
    now = timezone.now()
    made = [published() for _ in range(25)]
    for age, pledge in enumerate(made):
        Pledge.objects.filter(pk=pledge.pk).update(published_at=now - datetime.timedelta(days=age))
    newest = [p.reference for p in made]
    assert references(client.get("/pledges/")) == newest[:20]
    assert references(client.get("/pledges/?page=2")) == newest[20:]
    assert references(client.get("/pledges/?sort=oldest")) == newest[::-1][:20]
    assert references(client.get("/pledges/?sort=oldest&page=2")) == newest[::-1][20:]


def test_a_stop_word_constrains_nothing_and_alone_finds_nothing(client):
    pledge = published(title="Remittance corridors")
    assert references(client.get("/pledges/?q=the+remittance")) == [pledge.reference]
    if connection.vendor == "postgresql":
        assert references(client.get("/pledges/?q=the")) == []


@postgresql_only
def test_relevance_weighs_title_over_pledgers_over_text_then_newest(client):
    now = timezone.now()
    text_only = published(title="Vocational training", text="x" * 300 + " remittance costs ")
    in_title = published(title="Remittance corridors")
    in_pledger = published(organization=OrganizationFactory(name="Remittance Watch"), title="Savings groups")
    both_words = published(title="Remittance corridors for seasonal workers")
    for age, pledge in enumerate([text_only, in_title, in_pledger, both_words]):
        Pledge.objects.filter(pk=pledge.pk).update(published_at=now - datetime.timedelta(days=age))
    assert references(client.get("/pledges/?q=remittance")) == [
        in_title.reference,
        both_words.reference,
        in_pledger.reference,
        text_only.reference,
    ]
    assert references(client.get("/pledges/?q=remittance+seasonal")) == [both_words.reference]
    assert references(client.get("/pledges/?q=remittance+or+seasonal&sort=newest"))[0] == text_only.reference


@postgresql_only
def test_websearch_operators_still_work(client):
    a = published(title="Remittance corridors", text="x" * 300 + " digital wallets ")
    b = published(title="Remittance fees", text="x" * 300 + " cash transfers ")
    assert references(client.get('/pledges/?q="remittance+corridors"')) == [a.reference]
    assert sorted(references(client.get("/pledges/?q=remittance+-wallets"))) == [b.reference]
    assert sorted(references(client.get("/pledges/?q=wallets+or+transfers"))) == sorted(
        [a.reference, b.reference]
    )


def test_a_draft_never_appears_through_a_search(client):
    PledgeFactory(title="Remittance corridors")
    assert references(client.get("/pledges/?q=remittance")) == []


def test_another_process_loads_the_shared_index_instead_of_building_it(client, django_assert_num_queries):
    pledge = published(objectives=[3])
    client.get("/pledges/")  # builds the index and shares it; caches the reference data
    facets.forget()  # as a process that has not built it
    # None: the index from the cache, the rows from their fragments (the first request's).
    with django_assert_num_queries(0):
        response = client.get("/pledges/?objective=3")
    assert references(response) == [pledge.reference]
    assert response.context["registry"].counts["objective:3"] == 1


def test_a_publication_builds_the_new_index_after_the_commit(
    client, django_assert_num_queries, django_capture_on_commit_callbacks
):
    from pledges import services
    from pledges.enums import PledgeState
    from tests.core.factories import SecretariatUserFactory

    published()
    client.get("/pledges/")
    draft = PledgeFactory(
        state=PledgeState.SUBMITTED, check_in_scope=True, check_measurable=True, check_objectives=True
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.set_pledge_state(draft, PledgeState.PUBLISHED, by=SecretariatUserFactory())
    facets.forget()
    with django_assert_num_queries(1):
        registry = client.get("/pledges/").context["registry"]
    assert registry.total == 2


def test_titles_sort_a_to_z_whatever_their_case_and_accents(client):
    for title in ["zero hunger", "Émigré networks", "Access to justice", "emergency shelters", "Ángel's fund"]:
        published(title=title)
    titles = [p.title for p in client.get("/pledges/?sort=title").context["registry"].page.object_list]
    assert titles == ["Access to justice", "Ángel's fund", "emergency shelters", "Émigré networks", "zero hunger"]


@pytest.mark.parametrize("chunk", [1, 2, 10_000])
def test_the_index_built_in_chunks_of_rows_is_the_same_index(monkeypatch, chunk):
    rng = random.Random(3)
    for i in range(7):
        published(
            title=f"{rng.choice(['Remittance', 'Shelters', 'Émigré'])} corridors {i}",
            objectives=rng.sample(range(1, 24), 2),
            regions=rng.sample(["Africa", "Asia", "Europe"], rng.choice([0, 1, 2])),
        )
    PledgeFactory(title="A draft on remittance")
    key = facets.index_key()
    labels = facets.current_labels()
    whole = facets.build(key, key[2], labels, words=["remittance"])
    monkeypatch.setattr(facets, "CHUNK_ROWS", chunk)
    chunked = facets.build(key, key[2], labels, words=["remittance"])
    assert whole.size == chunked.size == 7
    assert whole.ids.tolist() == chunked.ids.tolist()
    assert whole.sets == chunked.sets
    assert whole.published == chunked.published
    assert {sort: order.tolist() for sort, order in whole.orders.items()} == {
        sort: order.tolist() for sort, order in chunked.orders.items()
    }
    unit, same = whole.searches[("unit", "remittance")], chunked.searches[("unit", "remittance")]
    assert unit.positions.tolist() == same.positions.tolist()
    assert unit.ranked.tolist() == same.ranked.tolist()
    assert len(unit.positions) == sum(1 for p in Pledge.objects.published() if "Remittance" in p.title)


@postgresql_only
def test_the_searches_a_process_keeps_stay_within_their_bytes(monkeypatch):
    for word in ["remittance", "shelters", "detention"]:
        for _ in range(3):
            published(title=f"{word.title()} for migrants")
    built = facets.refresh()
    for word in ["remittance", "shelters", "detention"]:
        assert built.search([word]).bits.bit_count() == 3
    assert list(built.searches) == [
        ("unit", "remittance"), ("remittance",), ("unit", "shelters"), ("shelters",), ("unit", "detention"), ("detention",)
    ]  # fmt: skip
    assert built.search_bytes == sum(facets.nbytes(found) for found in built.searches.values()) > 0
    # With room for nothing, each search is still answered from its own matches, and only the
    # newest is kept.
    monkeypatch.setattr(facets, "SEARCH_CACHE_BYTES", 1)
    assert built.search(["migrants", "shelters"]).bits.bit_count() == 3
    assert list(built.searches) == [("migrants", "shelters")]
    assert built.search_bytes == facets.nbytes(built.searches[("migrants", "shelters")])


@postgresql_only
def test_a_word_s_matches_outlive_the_searches_that_combine_it(monkeypatch, django_assert_num_queries):
    """A long tail combines the same words anew on every request: each word's matches, refreshed
    whenever a search uses them, stay while the combinations come and go."""
    words = ["remittance", "shelters", "detention", "hotline", "consular"]
    for word in words:
        published(title=f"{word.title()} for migrants")
    built = facets.refresh()
    monkeypatch.setattr(facets, "SEARCH_CACHE_SIZE", 4)
    with django_assert_num_queries(1):
        built.search(["remittance", "shelters"])
    for other in ["detention", "hotline", "consular"]:
        with django_assert_num_queries(1):  # only the new word
            assert built.search(["remittance", other]).bits.bit_count() == 0
    with django_assert_num_queries(0):
        assert built.search(["consular", "remittance"]).bits.bit_count() == 0
    assert ("unit", "remittance") in built.searches
    assert len(built.searches) == 4
