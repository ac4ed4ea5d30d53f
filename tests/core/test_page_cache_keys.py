"""The page cache keys a page by the query parameters its view declares: a made-up parameter
(`?x=<random>`) is the same cached page, not a new entry; declared ones, in any order, with
repeated values kept, still make pages of their own; and the language stays in the key."""

import secrets

import pytest
from django.test import RequestFactory

from core.page_cache import AnonymousPageCacheMiddleware, normalised_query
from tests.core.urls_page_cache import echo
from tests.pledges.factories import published

pytestmark = [pytest.mark.django_db, pytest.mark.page_cache]


def test_an_unknown_parameter_is_the_same_cached_page(client):
    published(title="Language courses for care workers")
    first = client.get(f"/pledges/?x={secrets.token_hex(8)}")
    assert first["X-Page-Cache"] == "miss"
    for _ in range(3):
        again = client.get(f"/pledges/?x={secrets.token_hex(8)}&utm_source={secrets.token_hex(4)}")
        assert again["X-Page-Cache"] == "hit"
        assert again.content == first.content
    assert client.get("/pledges/")["X-Page-Cache"] == "hit"


def test_the_page_never_shows_the_dropped_parameter(client):
    published()
    response = client.get("/pledges/?x=planted-by-the-first-visitor&objective=3")
    assert response.status_code == 200
    assert b"planted-by-the-first-visitor" not in response.content


def test_declared_parameters_make_pages_of_their_own_in_any_order(client):
    published(objectives=[3])
    assert client.get("/pledges/?objective=3&sort=title")["X-Page-Cache"] == "miss"
    assert client.get("/pledges/?sort=title&x=1&objective=3")["X-Page-Cache"] == "hit"
    assert client.get("/pledges/?objective=3")["X-Page-Cache"] == "miss"
    assert client.get("/pledges/?objective=3&sort=newest")["X-Page-Cache"] == "miss"


def test_the_directory_declares_its_filters(client):
    assert client.get("/organizations/?region=africa")["X-Page-Cache"] == "miss"
    assert client.get("/organizations/?region=africa&ref=mail")["X-Page-Cache"] == "hit"
    assert client.get("/organizations/?region=europe")["X-Page-Cache"] == "miss"


def test_the_language_stays_in_the_key(client):
    published()
    client.get("/pledges/?x=1")
    french = client.get("/fr/pledges/?x=2")
    assert (french["X-Page-Cache"], french["Content-Language"]) == ("miss", "fr")
    assert client.get("/fr/pledges/?x=3")["X-Page-Cache"] == "hit"


def test_repeated_values_are_kept_sorted_not_collapsed():
    query = RequestFactory().get("/?objective=4&x=1&objective=3&q=b&objective=4").GET
    assert normalised_query(query, ("objective", "q")) == "objective=3&objective=4&q=b"


@pytest.mark.urls("tests.core.urls_page_cache")
def test_the_view_reads_what_the_key_holds():
    middleware = AnonymousPageCacheMiddleware(echo)
    factory = RequestFactory()
    first = middleware(factory.get("/echo/?objective=4&objective=3&x=1"))
    assert first["X-Page-Cache"] == "miss"
    assert first.content == b"['3', '4'] None /echo/?objective=3&objective=4"
    assert middleware(factory.get("/echo/?objective=3&objective=4"))["X-Page-Cache"] == "hit"
    assert middleware(factory.get("/echo/?objective=3"))["X-Page-Cache"] == "miss"
    assert middleware(factory.get("/echo/?objective=3&q=word"))["X-Page-Cache"] == "miss"
