"""Private files (uploads and generated documents) are never served from MEDIA_URL: each goes
through a view that checks who may read it, then through this response."""

from django.http import FileResponse, Http404

# A document we serve may not run anything, even if a browser were made to render it.
SANDBOX = "default-src 'none'; sandbox"


def file_response(field_file, *, filename, content_type, as_attachment=False, policy=None):
    """The stored file as a response, or 404 when there is none (or it is gone from storage)."""
    if not field_file:
        raise Http404
    try:
        handle = field_file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle, as_attachment=as_attachment, filename=filename, content_type=content_type
    )
    if policy:
        response["Content-Security-Policy"] = policy
    return response
