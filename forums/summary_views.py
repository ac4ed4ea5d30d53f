from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from forums import queries, summaries
from forums.enums import SummaryState
from forums.models import Summary
from imrf_portal.page_cache import public_page


def _published(forum):
    return (
        Summary.objects.filter(session__forum=forum, state=SummaryState.PUBLISHED)
        .select_related("session__room", "session__forum")
        .order_by("session__starts_at")
    )


@public_page
@require_safe
def summary_list(request, year):
    forum = queries.public_forum(year)
    return render(
        request,
        "forums/summaries/list.html",
        {"forum": forum, "summaries": _published(forum), "status": summaries.deadline_status(forum)},
    )


@public_page
@require_safe
def summary_detail(request, year, slug):
    forum = queries.public_forum(year)
    summary = get_object_or_404(_published(forum), session__slug=slug)
    body = summaries.render_html(summary, standalone=False)
    return render(request, "forums/summaries/detail.html", {"forum": forum, "summary": summary, "body": body})


@require_safe
def summary_pdf(request, year, slug):
    forum = queries.public_forum(year)
    summary = get_object_or_404(_published(forum), session__slug=slug)
    if not summary.pdf_file:
        raise Http404
    try:
        handle = summary.pdf_file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, content_type="application/pdf", filename=f"imrf-{year}-{slug}-summary.pdf")


@require_safe
def compilation_pdf(request, year):
    forum = queries.public_forum(year)
    if not _published(forum).exists():
        raise Http404
    response = HttpResponse(summaries.compilation_pdf(forum), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="imrf-{year}-summaries.pdf"'
    return response
