from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from core.downloads import file_response
from core.page_cache import public_page
from forums import queries
from forums.enums import SessionKind
from forums.models import Forum


@public_page
@require_safe
def forum_list(request):
    return render(request, "forums/forum_list.html", {"forums": Forum.objects.public()})


@require_safe
def background_note(request, year, slug):
    session = queries.session_page(year, slug)
    if session.kind != SessionKind.ROUND_TABLE:
        raise Http404
    return file_response(
        session.roundtable.background_note,
        content_type="application/pdf",
        filename=f"imrf-{year}-round-table-{session.roundtable.number}-background-note.pdf",
    )
