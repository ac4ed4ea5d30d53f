"""Public pages are cached whole for anonymous visitors, and a saved change invalidates them."""

import pytest
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory

from core.page_cache import AnonymousPageCacheMiddleware, public_page
from pledges import services
from pledges.enums import PledgeState
from tests.core.factories import SecretariatUserFactory
from tests.pledges.factories import PledgeFactory, published

pytestmark = [pytest.mark.django_db, pytest.mark.page_cache]


def test_second_anonymous_visit_is_served_from_the_cache_without_a_query(client, django_assert_num_queries):
    pledge = published(title="Language courses for care workers")
    first = client.get("/pledges/")
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get("/pledges/")
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert pledge.title.encode() in second.content


def test_a_cached_page_keeps_its_headers_and_gets_the_security_headers_afresh(client):
    published()
    client.get("/pledges/")
    hit = client.get("/pledges/")
    assert hit["X-Page-Cache"] == "hit"
    assert hit["Content-Type"] == "text/html; charset=utf-8"
    assert hit["Content-Language"] == "en"
    assert hit["X-Frame-Options"] == "DENY"
    assert "script-src 'self'" in hit["Content-Security-Policy"]
    assert hit["X-Content-Type-Options"] == "nosniff"


def test_publishing_a_pledge_invalidates_the_cached_pages(client, django_capture_on_commit_callbacks):
    published(title="An earlier pledge")
    draft = PledgeFactory(
        title="Reintegration grants for returnees",
        state=PledgeState.SUBMITTED,
        check_in_scope=True,
        check_measurable=True,
        check_objectives=True,
    )
    client.get("/pledges/")
    assert client.get("/pledges/")["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        services.set_pledge_state(draft, PledgeState.PUBLISHED, by=SecretariatUserFactory())
    fresh = client.get("/pledges/")
    assert fresh["X-Page-Cache"] == "miss"
    assert b"Reintegration grants for returnees" in fresh.content


def test_signed_in_visitors_never_get_or_fill_the_cache(client):
    published()
    client.get("/pledges/")
    client.force_login(SecretariatUserFactory())
    for _ in range(2):
        response = client.get("/pledges/")
        assert "X-Page-Cache" not in response
        assert b"Sign out" in response.content


def test_a_visitor_with_a_message_to_read_gets_a_fresh_page(client):
    published()
    client.get("/pledges/")
    client.cookies["messages"] = "anything"
    assert "X-Page-Cache" not in client.get("/pledges/")


def test_languages_are_cached_apart(client):
    published()
    client.get("/pledges/")
    french = client.get("/fr/pledges/")
    assert french["X-Page-Cache"] == "miss"
    assert french["Content-Language"] == "fr"
    assert client.get("/fr/pledges/")["X-Page-Cache"] == "hit"
    # The language is the URL's, whatever the browser says: one cached page per language.
    assert client.get("/fr/pledges/", HTTP_ACCEPT_LANGUAGE="ru")["Content-Language"] == "fr"


def test_each_query_string_is_a_page_of_its_own(client):
    published(objectives=[3])
    client.get("/pledges/?objective=3")
    assert client.get("/pledges/?objective=4")["X-Page-Cache"] == "miss"
    assert client.get("/pledges/?objective=3")["X-Page-Cache"] == "hit"


def test_errors_and_pages_not_marked_public_are_not_cached(client):
    for _ in range(2):
        assert "X-Page-Cache" not in client.get("/pledges/?objective=99")  # 400
        assert "X-Page-Cache" not in client.get("/pledges/IMRF2026-9999/")  # 404
        assert "X-Page-Cache" not in client.get("/accounts/login/")  # not public_page


def _middleware(view):
    return AnonymousPageCacheMiddleware(view)


def test_a_page_that_used_a_csrf_token_is_not_cached(settings):
    @public_page
    def form_page(request):
        return HttpResponse(f"<form><input name=csrfmiddlewaretoken value={get_token(request)}></form>")

    middleware = _middleware(form_page)
    request = RequestFactory().get("/form/", HTTP_COOKIE="csrftoken=" + "a" * 32)
    request.COOKIES["csrftoken"] = "a" * 32
    first = middleware(request)
    second = middleware(RequestFactory().get("/form/"))
    assert "X-Page-Cache" not in first
    assert "X-Page-Cache" not in second


def test_a_response_that_sets_a_cookie_is_not_cached():
    @public_page
    def page(request):
        response = HttpResponse("hello")
        response.set_cookie("seen", "1")
        return response

    middleware = _middleware(page)
    middleware(RequestFactory().get("/page/"))
    assert "X-Page-Cache" not in middleware(RequestFactory().get("/page/"))


def test_the_cache_can_be_turned_off(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    published()
    client.get("/pledges/")
    assert "X-Page-Cache" not in client.get("/pledges/")


def test_language_links_set_the_cookie_and_go_back(client):
    response = client.get("/language/fr/", {"next": "/pledges/?objective=3"})
    assert response.status_code == 302
    assert response["Location"] == "/fr/pledges/?objective=3"
    assert response.cookies["django_language"].value == "fr"
    # A browser that comes back to an English address is taken to its language's.
    again = client.get("/pledges/?objective=3", HTTP_ACCEPT="text/html")
    assert (again.status_code, again["Location"]) == (302, "/fr/pledges/?objective=3")


def test_an_unknown_language_is_not_found(client):
    assert client.get("/language/xx/").status_code == 404


def test_public_pages_offer_language_links_not_a_form(client):
    published()
    html = client.get("/pledges/").content.decode()
    assert 'href="/language/fr/?next=/pledges/"' in html
    assert "csrfmiddlewaretoken" not in html
