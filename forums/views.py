from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from forums import queries
from forums.enums import SessionKind
from forums.ical import programme_calendar
from forums.models import Forum, GuidingPrinciple, Objective
from imrf_portal.page_cache import public_page


@public_page
@require_safe
def home(request):
    today = timezone.localdate()
    forum = queries.next_forum(today)
    round_tables = queries.programme_round_tables(forum) if forum else []
    return render(
        request,
        "forums/home.html",
        {"forum": forum, "forum_is_over": forum and forum.end_date < today, "round_tables": round_tables},
    )


@public_page
@require_safe
def forum_list(request):
    return render(request, "forums/forum_list.html", {"forums": Forum.objects.public()})


@public_page
@require_safe
def forum_detail(request, year):
    forum = queries.public_forum(year)
    return render(
        request,
        "forums/forum_detail.html",
        {"forum": forum, "round_tables": queries.programme_round_tables(forum)},
    )


@public_page
@require_safe
def programme(request, year):
    forum = queries.public_forum(year)
    days = queries.programme_items(
        forum, queries.programme_sessions(forum), queries.programme_side_events(forum)
    )
    return render(request, "forums/programme.html", {"forum": forum, "days": days})


@require_safe
def programme_ics(request, year):
    forum = queries.public_forum(year)
    calendar = programme_calendar(
        forum, queries.programme_sessions(forum), side_events=queries.programme_side_events(forum)
    )
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="imrf-{forum.year}-programme.ics"'
    return response


@public_page
@require_safe
def session_detail(request, year, slug):
    session = queries.session_page(year, slug)
    round_table = session.roundtable if session.kind == SessionKind.ROUND_TABLE else None
    from pledges.queries import pledges_for_objectives

    pledges, pledge_total = pledges_for_objectives(
        [o.number for o in round_table.objectives.all()] if round_table else []
    )
    return render(
        request,
        "forums/session_detail.html",
        {
            "forum": session.forum,
            "session": session,
            "round_table": round_table,
            "pledges": pledges,
            "pledge_total": pledge_total,
        },
    )


@require_safe
def background_note(request, year, slug):
    session = queries.session_page(year, slug)
    if session.kind != SessionKind.ROUND_TABLE or not session.roundtable.background_note:
        raise Http404
    note = session.roundtable.background_note
    try:
        handle = note.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        content_type="application/pdf",
        filename=f"imrf-{year}-round-table-{session.roundtable.number}-background-note.pdf",
    )
    return response


@public_page
@require_safe
def objective_list(request):
    return render(
        request,
        "forums/objective_list.html",
        {"objectives": Objective.objects.all(), "principles": GuidingPrinciple.objects.all()},
    )


@public_page
@require_safe
def objective_detail(request, number):
    objective = get_object_or_404(Objective, number=number)
    from pledges.queries import pledges_for_objectives

    pledges, pledge_total = pledges_for_objectives([number])
    return render(
        request,
        "forums/objective_detail.html",
        {
            "objective": objective,
            "round_tables": queries.objective_round_tables(objective),
            "previous": number - 1 if number > 1 else None,
            "next": number + 1 if number < 23 else None,
            "objective_as_list": [objective],
            "pledges": pledges,
            "pledge_total": pledge_total,
        },
    )
