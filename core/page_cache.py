"""Whole public pages, cached for anonymous visitors.

Most of the portal's traffic is the public reading the same pages: the home page, the programme,
the registry, pledge pages. For a visitor without a session, such a page is the same for everyone
who asks in the same language, so its HTML is kept in the cache and served without running the
view. A page is cached only when all of this holds:

- its view says it may be (`@public_page`), it answered 200, and it is not streamed;
- the request carries no session and no pending messages: a signed-in user, or one with a message
  to read, always gets a fresh page;
- the response sets no cookie and did not use a CSRF token (a form with a token is per visitor).

The key is the page's language, address and the query parameters its view reads, as
`@public_page(params=(...))` declares them: others (`?x=<random>`, tracking tags) are dropped,
values sorted and repeated ones kept (a facet may take several), so that a made-up query string
is the same page rather than a new entry each time. The view sees the query string as the key
holds it, so what it renders cannot depend on anything the key leaves out.

Invalidation is by version: a public change bumps the `pages` version (core.cache_versions,
after the transaction commits, so that no page rendered from the old data is stored under the new
number), and every cached page carries the version it was rendered at. Pages that change with
time alone (reporting health, deadlines) are kept at most PAGE_CACHE_SECONDS.
"""

import hashlib
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, QueryDict
from django.urls import Resolver404, resolve
from django.utils import translation

from core import cache_versions
from core.languages import path_language

VERSION_KEY = cache_versions.key(cache_versions.PAGES)
# Headers of a response that are the page's own; the outer middleware (security, CSP) adds
# the rest on every response, cached or not.
KEPT_HEADERS = ("Content-Type", "Content-Language", "Vary", "X-Frame-Options", "Link")


def public_page(view=None, *, params=()):
    """Mark a view's responses as the same for every anonymous visitor who asks with the same
    `params` (the query parameters it reads; any other is removed before it runs).

        @public_page
        @public_page(params=("q", "objective", "page"))
    """

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            query = normalised_query(request.GET, wrapper.page_params)
            request.META["QUERY_STRING"] = query
            request.GET = QueryDict(query)
            response = view(request, *args, **kwargs)
            response.public_page = True
            return response

        wrapper.page_params = tuple(params)
        return wrapper

    return decorate(view) if view is not None else decorate


def normalised_query(query, params):
    """The query string with only `params`, sorted by name then value, each value once."""
    return urlencode(sorted({(name, value) for name in params for value in query.getlist(name)}))


def page_params(request):
    """The parameters the view of this path reads, or None when it is not a public page."""
    path = request.path_info
    # The language prefix is matched against the active language: resolve in the path's own.
    with translation.override(path_language(path)):
        try:
            match = resolve(path, getattr(request, "urlconf", None))
        except Resolver404:
            return None
    return getattr(match.func, "page_params", None)


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = settings.PAGE_CACHE_SECONDS
        if not seconds or not self._anonymous_read(request):
            return self.get_response(request)
        params = page_params(request)
        if params is None:  # not a public page: not worth asking the cache
            return self.get_response(request)
        key = self._key(request, params)
        found = cache.get_many([VERSION_KEY, key])
        version = found.get(VERSION_KEY)
        entry = found.get(key)
        if version is not None and entry is not None and entry[0] == version:
            return self._replay(entry)
        response = self.get_response(request)
        if self._storable(request, response):
            if version is None:  # the cache was emptied, or this is its first page
                version = cache_versions.bump(cache_versions.PAGES)
            cache.set(key, self._entry(version, response), seconds)
            response["X-Page-Cache"] = "miss"
        return response

    @staticmethod
    def _anonymous_read(request):
        return (
            request.method == "GET"
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and "messages" not in request.COOKIES
        )

    @staticmethod
    def _key(request, params):
        language = path_language(request.path_info)
        place = f"{request.scheme}://{request.get_host()}{request.path}?{normalised_query(request.GET, params)}"
        return f"pages:{language}:{hashlib.sha256(place.encode()).hexdigest()}"

    @staticmethod
    def _storable(request, response):
        return (
            getattr(response, "public_page", False)
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and "private" not in response.get("Cache-Control", "")
            and "no-store" not in response.get("Cache-Control", "")
        )

    @staticmethod
    def _entry(version, response):
        headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
        return (version, response.status_code, headers, response.content)

    @staticmethod
    def _replay(entry):
        _version, status, headers, content = entry
        response = HttpResponse(content, status=status)
        for name, value in headers.items():
            response[name] = value
        response["X-Page-Cache"] = "hit"
        return response
