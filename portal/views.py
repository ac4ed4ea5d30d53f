import hashlib
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from core import cache_versions, fragments
from core import open_data as core_open_data
from core.cors import allow_any_origin
from core.forms import AccountLanguageForm
from core.languages import in_language, remember
from core.page_cache import public_page
from core.storage import generated_storage
from core.visits import record_visit
from forums import exports as forum_exports
from forums import queries as forum_queries
from forums.enums import SessionKind
from pledges.queries import pledges_for_objectives, published_pledges_of
from portal import member_states, open_data, queries
from portal import programme as layout
from portal.ical import programme_calendar
from practices.queries import for_objectives as practices_for_objectives
from reference.models import GuidingPrinciple, Objective
from reviews import queries as review_queries
from side_events.queries import programme_side_events, public_side_events_of
from stakeholders import queries as stakeholder_queries
from stakeholders.permissions import membership_of, state_focal_point_of
from summaries.models import Summary

# What an objective's page and a session's page show: the programme's round tables, the newest
# pledges and practices on the objectives, the summary, the consultations.
OBJECTIVE_PAGE_VERSIONS = (
    cache_versions.PROGRAMME, cache_versions.REGISTRY, cache_versions.PRACTICES, cache_versions.ORGANIZATIONS,
    cache_versions.REFERENCE,
)  # fmt: skip
SESSION_PAGE_VERSIONS = (*OBJECTIVE_PAGE_VERSIONS, cache_versions.SUMMARIES, cache_versions.REVIEWS)
# What a page says of its forum or session outside the body (title, description): the programme
# (a forum's or session's edit or status) and the forums' labels.
SESSION_HEAD_VERSIONS = (cache_versions.PROGRAMME, cache_versions.REFERENCE)


def _head(name, read, *, made, head_of, versions, parts):
    """What a page says of its forum, session or objective outside its body (its title), kept as
    a fragment under `versions`: asked again, the page runs no query for it. Made from the object
    the body was made from in this request (`made`), else read on its own (`read()`, which
    answers 404 for what the public may not see)."""
    return fragments.value(name, lambda: head_of(made["object"]) if "object" in made else read(),
                           versions=versions, parts=parts)  # fmt: skip


# The page's description for search engines and sharing, cut as `truncatechars` cuts it, once
# with the head rather than on every request.
SUMMARY_LENGTH = 200


def _described(head):
    return {**head, "summary": Truncator(head["description"]).chars(SUMMARY_LENGTH) if head["description"] else ""}


def forum_head(year, made):
    return _head("forum-head", lambda: forum_queries.forum_head(year), made=made,
                 head_of=forum_queries.forum_head_of, versions=SESSION_HEAD_VERSIONS, parts=(year,))  # fmt: skip


@public_page
@require_safe
def home(request):
    today = timezone.localdate()

    def context():
        forum = forum_queries.next_forum(today)
        round_tables = forum_queries.programme_round_tables(forum) if forum else []
        return {"forum": forum, "forum_is_over": forum and forum.end_date < today, "round_tables": round_tables}

    # Which forum is next changes with the date as well as with the programme.
    body = fragments.rendered("home", "portal/_home_body.html", context, request=request,
                              versions=(cache_versions.PROGRAMME, cache_versions.REFERENCE), parts=(today,))  # fmt: skip
    return render(request, "portal/home.html", {"body": body})


SELECTION = ("session", "side_event")


def _selection_refused(request, forum, exc, calendar=False):
    if calendar:
        return HttpResponseBadRequest(str(exc) + "\n", content_type="text/plain; charset=utf-8")
    return render(request, "portal/my_programme.html", {"forum": forum, "error": str(exc)}, status=400)


@public_page(params=SELECTION)
@require_safe
def programme(request, year):
    try:
        selection = layout.parse_selection(request.GET)
    except layout.SelectionError:
        # The boxes only come ticked from an address this page made; a mangled one ticks none.
        selection = layout.Selection(frozenset(), frozenset())
    made = {}
    body = programme_body(year, selection, made)
    return render(request, "portal/programme.html", {"forum": forum_head(year, made), "body": body})


def programme_body(year, selection, made=None):
    """The programme's days, rendered once per programme version, language and ticked selection:
    the programme's edits and side events bump PROGRAMME; forums and objectives REFERENCE; a side
    event's organiser is named from ORGANIZATIONS. 404 for a forum the public may not see."""

    def render_body():
        forum = forum_queries.public_forum(year)
        if made is not None:
            made["object"] = forum
        days = layout.days(forum, [*forum_queries.programme_sessions(forum), *programme_side_events(forum)])
        context = {
            "forum": forum,
            "days": days,
            "selection": selection,
            "webcal_url": webcal_url(reverse("portal:programme_ics", args=[forum.year])),
        }
        return render_to_string("portal/_programme_body.html", context)

    return fragments.html(
        "programme",
        render_body,
        versions=(cache_versions.PROGRAMME, cache_versions.REFERENCE, cache_versions.ORGANIZATIONS),
        parts=(year, tuple(selection.query())),
    )


@public_page(params=SELECTION)
@require_safe
def my_programme(request, year):
    forum = forum_queries.public_forum(year)
    try:
        selection = layout.parse_selection(request.GET)
    except layout.SelectionError as exc:
        return _selection_refused(request, forum, exc)
    items = layout.chosen_items(
        [*forum_queries.programme_sessions(forum), *programme_side_events(forum)], selection
    )
    query = urlencode(selection.query())
    feed = reverse("portal:programme_ics", args=[year]) + (f"?{query}" if query else "")
    return render(
        request,
        "portal/my_programme.html",
        {
            "forum": forum,
            "days": layout.days(forum, items),
            "selection": selection,
            "missing": len(selection.sessions) + len(selection.side_events) - len(items),
            "query": query,
            "feed_url": feed,
            "webcal_url": webcal_url(feed),
        },
    )


def webcal_url(path):
    """The feed's address with the webcal scheme, which opens the calendar application on a
    subscription (it polls for changes) instead of importing a copy once."""
    return "webcal://" + urlsplit(settings.SITE_URL).netloc + path


def _calendar_response(request, calendar, changed, filename):
    body = calendar.to_ical()
    etag = quote_etag(hashlib.sha256(body).hexdigest()[:32])
    last_modified = int(changed.timestamp()) if changed else None
    not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
    response = not_modified or HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@allow_any_origin
@require_safe
def programme_ics(request, year):
    """The whole programme, or with `?session=…&side_event=…` a visitor's own selection of it."""
    forum = forum_queries.public_forum(year)
    try:
        selection = layout.parse_selection(request.GET)
    except layout.SelectionError as exc:
        return _selection_refused(request, forum, exc, calendar=True)
    sessions, side_events = forum_queries.programme_sessions(forum), programme_side_events(forum)
    if selection:
        sessions, side_events = layout.chosen_items(sessions, selection), layout.chosen_items(side_events, selection)
    # Every programme edit or side-event decision sent bumps `pages` after its commit.
    changed = cache_versions.changed_at(cache_versions.PAGES)
    calendar = programme_calendar(forum, sessions, side_events=side_events, stamp=changed)
    name = "my-programme" if selection else "programme"
    return _calendar_response(request, calendar, changed, f"imrf-{forum.year}-{name}.ics")


@allow_any_origin
@require_safe
def session_ics(request, year, slug):
    session = forum_queries.public_session(year, slug)
    changed = cache_versions.changed_at(cache_versions.PAGES)
    calendar = programme_calendar(session.forum, [session], stamp=changed)
    return _calendar_response(request, calendar, changed, f"imrf-{year}-{slug}.ics")


@public_page
@require_safe
def session_detail(request, year, slug):
    made = {}

    def context():
        session = made["object"] = forum_queries.session_page(year, slug)
        round_table = session.roundtable if session.kind == SessionKind.ROUND_TABLE else None
        numbers = [o.number for o in round_table.objectives.all()] if round_table else []
        pledges, pledge_total = pledges_for_objectives(numbers)
        practices, practice_total = practices_for_objectives(numbers)
        return {
            "forum": session.forum,
            "session": session,
            "summary": Summary.objects.published().filter(session=session).first(),
            "round_table": round_table,
            "pledges": pledges,
            "pledge_total": pledge_total,
            "practices": practices,
            "practice_total": practice_total,
            "consultations": review_queries.consultations_on(round_table) if round_table else [],
        }

    # The body first: its versions, read in one round trip, hold the head's (and an unknown
    # session is a 404 from either).
    body = fragments.rendered("session", "portal/_session_detail_body.html", context, request=request,
                              versions=SESSION_PAGE_VERSIONS, parts=(year, slug))  # fmt: skip
    head = _head("session-head", lambda: _described(forum_queries.session_head(year, slug)), made=made,
                 head_of=lambda session: _described(forum_queries.session_head_of(session)),
                 versions=SESSION_HEAD_VERSIONS, parts=(year, slug))  # fmt: skip
    return render(request, "portal/session_detail.html", {"forum": head["forum"], "session": head, "body": body})


@public_page
@require_safe
def objective_list(request):
    body = fragments.rendered(
        "objectives",
        "portal/_objective_list_body.html",
        lambda: {"objectives": Objective.objects.all(), "principles": GuidingPrinciple.objects.all()},
        request=request,
        versions=(cache_versions.REFERENCE,),
    )
    return render(request, "portal/objective_list.html", {"body": body})


@public_page
@require_safe
def objective_detail(request, number):
    made = {}

    def context():
        objective = made["object"] = get_object_or_404(Objective, number=number)
        pledges, pledge_total = pledges_for_objectives([number])
        practices, practice_total = practices_for_objectives([number])
        return {
            "objective": objective,
            "round_tables": forum_queries.objective_round_tables(objective),
            "previous": number - 1 if number > 1 else None,
            "next": number + 1 if number < 23 else None,
            "objective_as_list": [objective],
            "pledges": pledges,
            "pledge_total": pledge_total,
            "practices": practices,
            "practice_total": practice_total,
        }

    body = fragments.rendered("objective", "portal/_objective_detail_body.html", context, request=request,
                              versions=OBJECTIVE_PAGE_VERSIONS, parts=(number,))  # fmt: skip
    head = _head("objective-head", lambda: _objective_head(get_object_or_404(Objective, number=number)), made=made,
                 head_of=_objective_head, versions=(cache_versions.REFERENCE,), parts=(number,))  # fmt: skip
    return render(request, "portal/objective_detail.html", {"objective": head, "body": body})


def _objective_head(objective):
    return {"number": objective.number, "short_label": objective.short_label, "title": objective.title,
            "summary": Truncator(objective.title).chars(SUMMARY_LENGTH)}  # fmt: skip


@login_required
@require_safe
def dashboard(request):
    """Where the user's organisation stands; without one, how to get one."""
    membership = membership_of(request.user)
    state_focal_point = state_focal_point_of(request.user)
    context = {"membership": membership, "state_focal_point": state_focal_point}
    if state_focal_point is not None:
        context["non_objection_periods"] = queries.open_non_objection_periods()
    if membership is None:
        context["forums"] = queries.public_open_forums()
        context["pending_requests"] = stakeholder_queries.pending_join_requests_of(request.user)
        context["invitations"] = stakeholder_queries.invitations_for(request.user)
    else:
        since = record_visit(request.user, membership.organization)
        context["organization_part"] = queries.organization_part(membership, since)
    return render(request, "portal/dashboard.html", context)


@public_page
@require_safe
def organization_detail(request, slug):
    organization, accreditations, delegates = stakeholder_queries.public_organization(slug)
    return render(
        request,
        "portal/organization_detail.html",
        {
            "organization": organization,
            "accreditations": accreditations,
            "delegates": delegates,
            "pledges": list(published_pledges_of(organization)),
            "side_events": list(public_side_events_of(organization)),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def account_language(request):
    """The language a person's e-mails are written in, which is also the portal's for them."""
    form = AccountLanguageForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        code = form.cleaned_data["language"]
        messages.success(request, _("Your language is saved."))
        return remember(redirect(in_language(request.path, code)), code)
    return render(request, "portal/account_language.html", {"form": form})


# --- Open data -------------------------------------------------------------------------------


@require_safe
def open_data_page(request):
    """Every dataset with its CSV, JSON and schema, the full dump, and the licence. Not in the
    page cache: the checksum changes with each night's dump, which bumps no version."""
    years = open_data.forum_years()
    return render(
        request,
        "portal/open_data.html",
        {
            "datasets": [
                {"name": d.name, "title": d.title, "description": d.description, "schema_url": d.schema_url,
                 "json_schema_url": d.json_schema_url, "dictionary_url": d.dictionary_url, "links": d.links(years)}
                for d in open_data.datasets()
            ],  # fmt: skip
            "licence": core_open_data.LICENCE,
            "licence_url": core_open_data.LICENCE_URL,
            "checksum": open_data.dump_checksum(),
        },
    )


@allow_any_origin
@require_safe
def open_data_schema(request, name):
    build = open_data.SCHEMAS.get(name)
    if build is None:
        raise Http404
    return JsonResponse(build(), json_dumps_params={"ensure_ascii": False, "indent": 2})


@allow_any_origin
@require_safe
def open_data_dump(request):
    """The nightly dump as a file: its length and its SHA-256 in the headers, the checksum also
    beside it (imrf-open-data.zip.sha256)."""
    if not generated_storage.exists(open_data.DUMP_NAME):
        raise Http404
    response = FileResponse(
        generated_storage.open(open_data.DUMP_NAME, "rb"),
        as_attachment=True,
        filename="imrf-open-data.zip",
        content_type="application/zip",
    )
    response["Content-Length"] = generated_storage.size(open_data.DUMP_NAME)
    checksum = open_data.dump_checksum()
    if checksum:
        response["X-Checksum-SHA256"] = checksum
    response["Link"] = f'<{core_open_data.LICENCE_URL}>; rel="license"'
    response["X-Licence"] = core_open_data.LICENCE
    return response


@allow_any_origin
@require_safe
def open_data_checksum(request):
    if not generated_storage.exists(open_data.CHECKSUM_NAME):
        raise Http404
    with generated_storage.open(open_data.CHECKSUM_NAME, "rb") as stream:
        return HttpResponse(stream.read(), content_type="text/plain; charset=utf-8")


@allow_any_origin
@require_safe
def programme_csv(request, year):
    """The forum's sessions as open data (its side events: /forums/<year>/side-events/export.csv)."""
    forum = forum_queries.public_forum(year)
    sessions = forum_exports.public_sessions().filter(forum=forum)
    return core_open_data.csv_response(
        forum_exports.COLUMNS, forum_exports.records(sessions), filename=f"imrf-{forum.year}-programme.csv"
    )


@allow_any_origin
@require_safe
def programme_json(request, year):
    forum = forum_queries.public_forum(year)
    sessions = forum_exports.public_sessions().filter(forum=forum)
    top = core_open_data.head(
        dataset="programme", source=f"/forums/{forum.year}/programme/", schema="/open-data/programme.schema.json"
    )
    return core_open_data.json_response(
        top, "sessions", forum_exports.records(sessions), filename=f"imrf-{forum.year}-programme.json"
    )


# --- Forums and Member States ----------------------------------------------------------------


@public_page
@require_safe
def forum_detail(request, year):
    """A forum's page: the programme's facts (forums) and the regional reviews that feed it
    (reviews), joined here."""
    made = {}

    def context():
        forum = made["object"] = forum_queries.public_forum(year)
        return {
            "forum": forum,
            "round_tables": forum_queries.programme_round_tables(forum),
            "regional_reviews": review_queries.regional_reviews_for_forum_page(forum),
        }

    body = fragments.rendered("forum", "forums/_forum_detail_body.html", context, request=request,
                              versions=(cache_versions.PROGRAMME, cache_versions.REVIEWS, cache_versions.REFERENCE),
                              parts=(year,))  # fmt: skip
    return render(request, "forums/forum_detail.html", {"forum": forum_head(year, made), "body": body})


@public_page(params=("sort",))
@require_safe
def member_state_list(request):
    forums = member_states.public_forums()
    sort = request.GET.get("sort") or "name"
    try:
        rows = list(member_states.table(forums, sort))
    except member_states.SortError as exc:
        return render(request, "portal/member_state_list.html", {"error": str(exc), "forums": forums}, status=400)
    key, descending = sort.lstrip("-"), sort.startswith("-")
    columns = [
        {
            "key": option.key,
            "label": option.label,
            "sorted": option.key == key and ("descending" if descending else "ascending"),
            "url": "?" + urlencode({"sort": f"-{option.key}" if option.key == key and not descending else option.key}),
        }
        for option in member_states.sorts(forums)
    ]
    return render(
        request,
        "portal/member_state_list.html",
        {
            "forums": forums,
            "rows": [member_states.record(row, forums) for row in rows],
            "columns": columns,
            "sort": sort,
            "csv_url": reverse("portal:member_state_csv") + ("?" + urlencode({"sort": sort}) if sort != "name" else ""),
        },
    )


@public_page(params=("sort",))
@allow_any_origin
@require_safe
def member_state_csv(request):
    forums = member_states.public_forums()
    try:
        rows = list(member_states.table(forums, request.GET.get("sort") or "name"))
    except member_states.SortError as exc:
        return HttpResponseBadRequest(str(exc) + "\n", content_type="text/plain; charset=utf-8")
    columns = member_states.csv_columns(forums)
    return core_open_data.csv_response(
        columns,
        (member_states.csv_record(row, forums, request) for row in rows),
        filename="imrf-member-states.csv",
    )


@public_page
@require_safe
def member_state_detail(request, iso):
    state = member_states.member_state(iso)
    return render(request, "portal/member_state_detail.html", member_states.state_page(state))
