"""Requests whose address holds a control character are refused here, before any view or query.

PostgreSQL cannot store or compare a string with a NUL in it (psycopg raises DataError, a 500),
and no page of the portal has a control character in its address or parameters: refusing them in
one place, first, spares every view from guarding its own lookups. The path may hold none at all;
the query string none but tab, line feed and carriage return, which a form's text may carry."""

import unicodedata

from django.conf import settings
from django.http import HttpResponseBadRequest, JsonResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

# What a form field may legitimately send in a query string (a search pasted with a line break).
ALLOWED_IN_QUERY = frozenset("\t\n\r")
JSON_SUFFIXES = (".json",)
JSON_PATHS = ("/healthz",)


def has_control_character(text, allowed=frozenset()):
    return any(unicodedata.category(char) == "Cc" and char not in allowed for char in text)


def offending(request):
    """'path' or 'query' when the request's address holds a control character, else None."""
    if has_control_character(request.path_info):
        return "path"
    for key, values in request.GET.lists():
        if has_control_character(key, ALLOWED_IN_QUERY) or any(
            has_control_character(value, ALLOWED_IN_QUERY) for value in values
        ):
            return "query"
    return None


def wants_json(request):
    path = request.path_info
    return (
        path.endswith(JSON_SUFFIXES)
        or path.startswith(JSON_PATHS)
        or "application/json" in request.headers.get("Accept", "")
    )


class ControlCharacterMiddleware:
    """A 400 that says why, in the language of the address (or the browser's), as JSON where JSON
    was asked for. Placed before everything that reads the database, the cache or the session."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        where = offending(request)
        if where is None:
            return self.get_response(request)
        language = translation.get_language_from_request(request, check_path=True)
        with translation.override(language):
            if where == "path":
                message = _(
                    "The address of this page contains a control character (such as a NUL byte), "
                    "which no address on this portal has. Check the link and try again."
                )
            else:
                message = _(
                    "A parameter of this address contains a control character (such as a NUL byte), "
                    "which this portal does not accept. Remove it and try again."
                )
            if wants_json(request):
                return JsonResponse({"error": "control_character", "message": message}, status=400)
            html = render_to_string(
                "core/control_characters.html",
                {
                    "message": message,
                    "language": language,
                    "bidi": translation.get_language_bidi(),
                    "home": "/" if language == settings.LANGUAGE_CODE else f"/{language}/",
                },
            )
            response = HttpResponseBadRequest(html)
        response["Content-Language"] = language
        return response
