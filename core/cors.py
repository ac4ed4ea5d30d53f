"""CORS for the portal's public open data: any site may read a public GET (a dashboard on
another domain reading the registry's JSON, a calendar web app reading the programme). Only
public, cookie-free resources take this decorator; nothing signed-in ever does, and `*` never
lets a browser send credentials."""

import functools

# Headers a script on another site may read besides the simple ones: paging, licence, caching.
EXPOSED = "ETag, Last-Modified, Link, Content-Disposition, X-Licence"


def allow_any_origin(view):
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if request.method in ("GET", "HEAD"):
            response["Access-Control-Allow-Origin"] = "*"
            response["Access-Control-Expose-Headers"] = EXPOSED
        return response

    return wrapped
