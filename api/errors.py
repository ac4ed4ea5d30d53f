"""Every error of the API as JSON, in the shape the registry's JSON export already answers:
`{"error": "<code>", "messages": ["<why>", ...]}`, the messages in the request's language."""

from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.views import exception_handler

CODES = {
    status.HTTP_400_BAD_REQUEST: "bad_request",
    status.HTTP_404_NOT_FOUND: "not_found",
    status.HTTP_405_METHOD_NOT_ALLOWED: "method_not_allowed",
    status.HTTP_406_NOT_ACCEPTABLE: "not_acceptable",
}


class BadRequest(exceptions.ValidationError):
    """A query string the API cannot take; `messages` say why, one reason each."""

    def __init__(self, messages):
        super().__init__([str(message) for message in messages])


def not_found():
    return exceptions.NotFound(
        _("Nothing is published at this address. The API's addresses are listed in /api/v1/schema/.")
    )


def flatten(detail):
    if isinstance(detail, dict):
        return [message for value in detail.values() for message in flatten(value)]
    if isinstance(detail, list | tuple):
        return [message for value in detail for message in flatten(value)]
    return [str(detail)]


def handler(exc, context):
    if isinstance(exc, Http404):
        exc = not_found()
    response = exception_handler(exc, context)
    if response is None:
        return None
    response.data = {"error": CODES.get(response.status_code, "error"), "messages": flatten(response.data)}
    return response
