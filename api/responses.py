"""What every answer of the API carries: CORS for any site (core.cors, as the exports), and the
validators of a conditional GET. The ETag is the body's hash, so it changes exactly when the JSON
does (in any language); Last-Modified is when something public last changed (the `pages`
version, as for the programme's calendar). A client that sends If-None-Match gets 304 without
the body; the queries have run, the bytes are not sent again."""

import functools
import hashlib

from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date, quote_etag

from core import cache_versions
from core.cors import allow_any_origin


def conditional(view):
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            return response
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        etag = quote_etag(hashlib.sha256(response.content).hexdigest()[:32])
        changed = getattr(response, "last_modified", None) or cache_versions.changed_at(cache_versions.PAGES)
        last_modified = int(changed.timestamp()) if changed else None
        response["ETag"] = etag
        if last_modified is not None:
            response["Last-Modified"] = http_date(last_modified)
        # Public data, the same for everyone: any cache may keep it but asks again each time.
        patch_cache_control(response, public=True, no_cache=True)
        return get_conditional_response(request, etag=etag, last_modified=last_modified, response=response)

    return wrapped


def in_requested_language(view):
    """The API has one address for every language (no /fr/ prefix): its messages and labels are
    in the language the request asks for (Accept-Language), rendered before leaving it."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        language = translation.get_language_from_request(request, check_path=False)
        with translation.override(language):
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
        response["Content-Language"] = language
        patch_vary_headers(response, ("Accept-Language",))
        return response

    return wrapped


def public_json(view):
    """An API view as the URLconf mounts it: in the request's language, conditional, then CORS
    on whatever it answers."""
    return allow_any_origin(in_requested_language(conditional(view)))
