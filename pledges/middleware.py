"""A registry page asked for before any facet index exists (a new installation, an emptied cache
and a process with no copy): the build is queued (pledges.registry.index) and the visitor gets a
short 503 with Retry-After instead of waiting seconds for a build inside the request."""

from django.http import HttpResponse
from django.utils.translation import gettext as _

from pledges.registry.index import IndexNotReady

RETRY_AFTER_SECONDS = 10


class RegistryNotReadyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, IndexNotReady):
            return None
        response = HttpResponse(
            _("The pledge registry is being prepared. Please try again in a few seconds."),
            status=503,
            content_type="text/plain; charset=utf-8",
        )
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
