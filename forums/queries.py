"""Queries that public pages share. Each returns everything a page needs in a fixed number of
queries, whatever the number of rows."""

from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404

from core.languages import translated
from forums.enums import ForumStatus
from forums.models import Forum, RoundTable, Session, Statement


def next_forum(today):
    """The forum a visitor most likely came for: the next one, else the latest.

    One query: there is one forum every four years, so all of them fit in memory."""
    forums = list(Forum.objects.public().order_by("year"))
    upcoming = [forum for forum in forums if forum.end_date >= today]
    return (upcoming or forums[-1:] or [None])[0]


def public_forum(year):
    return get_object_or_404(Forum.objects.public(), year=year)


def programme_sessions(forum):
    return (
        Session.objects.filter(forum=forum)
        .select_related("forum", "room", "roundtable")
        .prefetch_related("roundtable__objectives")
        .order_by("starts_at", "title")
    )


def public_session(year, slug):
    """One session as the programme shows it (its feed needs no co-chairs, topics or statements)."""
    return get_object_or_404(
        Session.objects.filter(forum__status__in=ForumStatus.public_states()).select_related("forum", "room"),
        forum__year=year,
        slug=slug,
    )


def forum_head(year):
    """What a forum's page says of it outside its cached body (year, title), as values in the
    active language: one narrow query, no model instance; 404 for a forum the public may not see."""
    row = Forum.objects.public().filter(year=year).values("year", name=translated("title")).first()
    if row is None:
        raise Http404
    return {"year": row["year"], "title": row["name"]}


def forum_head_of(forum):
    """forum_head from a forum already read (modeltranslation falls back to English as
    `translated` does)."""
    return {"year": forum.year, "title": forum.title}


def session_head(year, slug):
    """What a session page says of itself outside its cached body (title, description, its
    forum's year and title), likewise; 404 as session_page for a session nobody may see."""
    row = (
        Session.objects.filter(forum__status__in=ForumStatus.public_states(), forum__year=year, slug=slug)
        .values(name=translated("title"), about=translated("description"), forum_name=translated("forum__title"))
        .first()
    )
    if row is None:
        raise Http404
    return {
        "title": row["name"],
        "description": row["about"],
        "forum": {"year": year, "title": row["forum_name"]},
    }


def session_head_of(session):
    """session_head from a session already read with its forum."""
    return {"title": session.title, "description": session.description, "forum": forum_head_of(session.forum)}


def session_page(year, slug):
    return get_object_or_404(
        Session.objects.filter(forum__status__in=ForumStatus.public_states())
        .select_related("forum", "room", "roundtable")
        .prefetch_related(
            "roundtable__objectives",
            "roundtable__co_chairs",
            "topics",
            Prefetch("statements", queryset=Statement.objects.select_related("member_state")),
        ),
        forum__year=year,
        slug=slug,
    )


def objective_round_tables(objective):
    """The round tables of public forums that discuss an objective, newest forum first."""
    return (
        RoundTable.objects.filter(objectives=objective, forum__status__in=ForumStatus.public_states())
        .select_related("forum", "room")
        .order_by("-forum__year", "number")
    )


def programme_round_tables(forum):
    return (
        RoundTable.objects.filter(forum=forum)
        .select_related("forum", "room")
        .prefetch_related("objectives", "co_chairs")
        .order_by("number")
    )
