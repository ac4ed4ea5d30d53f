from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.syndication.views import Feed
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import (
    FileResponse,
    Http404,
    HttpResponse,
    HttpResponseBadRequest,
    JsonResponse,
    StreamingHttpResponse,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import condition, require_http_methods, require_POST, require_safe

from core import cache_versions, fragments
from core.audit import history
from core.cors import allow_any_origin
from core.downloads import SANDBOX, file_response
from core.forms import add_service_errors
from core.page_cache import public_page
from core.queue import send_now
from core.ratelimit import RateLimited
from core.storage import generated_storage
from pledges import exports, permissions, queries, services, statistics, tasks
from pledges.enums import PledgeState
from pledges.forms import (
    STEP_NAMES,
    STEPS,
    CooperationForm,
    PartnerForm,
    PartnerSearchForm,
    PledgerMessageForm,
    ProgressReportForm,
    WhatForm,
    WhereForm,
    indicator_formset,
)
from pledges.models import Pledge, PledgePartner
from pledges.registry import markup
from pledges.registry import query as registry_query
from pledges.registry.filters import PAGE_PARAMS
from pledges.registry.labels import labels as current_labels
from stakeholders.permissions import representative_required


def _bad_request(request, exc):
    registry = exc.registry
    body = render_to_string(
        "pledges/_registry_body.html",
        {
            "registry": registry,
            "filter": registry.filter if registry else None,
            "filter_fields": markup.Deferred(lambda: markup.form_html(registry.filter.form, registry.labels)) if registry else "",
            "errors": exc.messages,
        },
    )
    return render(request, "pledges/registry.html", {"body": mark_safe(body)}, status=400)  # noqa: S308 - the template's


def _query_without(request, *names):
    params = request.GET.copy()
    for name in names:
        params.pop(name, None)
    return params.urlencode()


# --- The public registry ---------------------------------------------------------------------


@public_page(params=PAGE_PARAMS)
@require_safe
def registry(request):
    try:
        body = markup.page_body(request.GET, lambda: _registry_body(request))
    except registry_query.BadRequest as exc:
        return _bad_request(request, exc)
    return render(request, "pledges/registry.html", {"body": body})


def _registry_body(request):
    result = registry_query.registry(request.GET)
    groups = markup.facet_groups(result, result.labels)
    return render_to_string(
        "pledges/_registry_body.html",
        {
            "registry": result,
            "filter": result.filter,
            "filter_fields": markup.form_html(result.filter.form, result.labels),
            "page_query": _query_without(request, "page"),
            "export_query": _query_without(request, "page"),
            "facets": groups,
            "facets_html": mark_safe(markup.facets_html(groups, result.labels)),  # noqa: S308 - every part escaped
            "rows_html": mark_safe("".join(row.html for row in result.page.object_list)),  # noqa: S308 - escaped
        },
    )


@public_page
@require_safe
def detail(request, reference):
    # One query: the row's few fields (and, for a signed-in visitor, its confirmed partners, who
    # are owners). The body is a fragment under the pledge's own version; on a hit that is all.
    pledge = queries.pledge_head(reference, with_partners=request.user.is_authenticated)
    # Visibility before anything else: a pledge one may not see answers exactly as one that does
    # not exist (a redirect to its canonical reference would tell that it exists).
    if not permissions.can_view_pledge(request.user, pledge):
        if not pledge.is_former:
            raise Http404
        if pledge.reference != reference:
            return redirect(pledge, permanent=True)
        # Published once: its public record, and nothing else of it.
        return render(request, "pledges/tombstone.html", {"pledge": exports.tombstone_of(pledge)})
    if pledge.reference != reference:
        return redirect(pledge, permanent=True)
    body = fragments.value(
        "pledges:body",
        lambda: pledge_page_body(pledge.pk),
        versions=PLEDGE_PAGE_SHOWS,
        # The pledge's version, the version of the pledge it matches (its title and state show),
        # and the day (the reporting health turns with the days).
        parts=(pledge.pk, pledge.updated_at, pledge.matched_version, timezone.localdate()),
    )
    return render(
        request,
        "pledges/detail.html",
        {
            "pledge": pledge,
            "body": {part: mark_safe(markup) for part, markup in body.items()},  # noqa: S308 - rendered by templates
            "is_owner": permissions.is_owner(request.user, pledge),
            "can_report": permissions.can_report_on_pledge(request.user, pledge),
        },
    )


# What the pledge page's body shows besides the pledge itself: the labels of its objectives,
# principles, countries and pledging State (reference), its forum and the round tables that
# discussed its objectives (programme), its pledger's and partners' names and pages
# (organizations), the practices it builds on, and the coalition it came from.
PLEDGE_PAGE_SHOWS = (
    cache_versions.REFERENCE,
    cache_versions.PROGRAMME,
    cache_versions.ORGANIZATIONS,
    cache_versions.PRACTICES,
    cache_versions.COALITIONS,
)
PLEDGE_PAGE_PARTS = ("description", "breadcrumbs", "top", "facts", "rest")


def pledge_page_body(pk):
    """The pledge page's markup that does not depend on who looks, in the parts between which
    the visitor's own (the owner's buttons) go, and the cooperation links both as its owners
    and as anyone else sees them: the same for every visitor. A visit from its fragment then
    renders little more than the header and footer."""
    context = queries.public_page_rows(pk)
    context["round_tables"] = queries.round_tables_for(context["pledge"])
    body = {part: str(render_to_string(f"pledges/_page_{part}.html", context)) for part in PLEDGE_PAGE_PARTS}
    body["title"] = str(format_html("{}: {}", context["pledge"].reference, context["pledge"].title))
    for key, is_owner in (("cooperation", False), ("cooperation_owner", True)):
        body[key] = str(render_to_string("pledges/_cooperation_links.html", {**context, "is_owner": is_owner}))
    return body


def coalition_proposal_url(match, pledge, create_url=None):
    """The coalition form (served by portal, under /coalitions/), proposing a coalition of this
    pledge with its match, in the page's language. Reversed by name, which imports nothing from
    the apps above; `create_url` is that address when a list has already reversed it once."""
    create_url = create_url or reverse("coalitions:create")
    return f"{create_url}?{urlencode({'with': match.reference, 'from': pledge.reference})}"


@public_page
@require_safe
def matches(request, reference):
    """The suggested matches of a published pledge that seeks something: the published pledges
    that offer it with objectives or countries in common, best first."""
    pledge = (
        Pledge.objects.select_related("forum")
        .only(
            "id", "reference", "title", "state", "seek_codes", "objective_codes", "country_codes",
            "organization_id", "member_state_id", "pledger_names", "forum__year", "forum__title",
        )
        .filter(reference=reference.upper())
        .first()
    )  # fmt: skip
    if pledge is None or not permissions.can_see_matches(request.user, pledge):
        raise Http404
    # Each row's words and links are made here once, not through template tags 50 times over.
    prefix = reverse("pledges:registry")
    create_url = reverse("coalitions:create")
    rows = [
        {
            "match": m,
            "url": f"{prefix}{m.reference}/",
            "propose_url": coalition_proposal_url(m, pledge, create_url),
            "with_reference": _("with %(ref)s") % {"ref": m.reference},
            "kinds": [kind.label for kind in m.kinds_matched],
            "objectives": ngettext("%(n)s objective in common", "%(n)s objectives in common", m.objectives)
            % {"n": m.objectives},
            "countries": ngettext("%(n)s country in common", "%(n)s countries in common", m.countries)
            % {"n": m.countries},
        }
        for m in queries.matches_of(pledge)
    ]
    return render(
        request, "pledges/matches.html", {"pledge": pledge, "matches": rows, "shown": queries.MATCHES_SHOWN}
    )


@require_http_methods(["GET", "POST"])
@login_required
def contact(request, reference):
    """Contact the pledger: a message to the focal points of a pledge that seeks partners, sent
    through the portal's outbox; the writer never sees their addresses."""
    pledge = get_object_or_404(
        Pledge.objects.select_related("organization", "member_state").prefetch_related("partners"),
        reference=reference.upper(),
        state=PledgeState.PUBLISHED,
    )
    refusal = permissions.contact_refusal(request.user, pledge)
    if refusal is not None:
        raise PermissionDenied(refusal)
    form = PledgerMessageForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            services.send_pledger_message(
                pledge, by=request.user, body=form.cleaned_data["body"], share_address=form.cleaned_data["share_address"]
            )
        except RateLimited as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("Your message is on its way to the focal points of %(pledger)s.") % {"pledger": pledge.pledger.name},
            )
            return redirect(pledge)
    return render(request, "pledges/contact.html", {"pledge": pledge, "form": form})


@require_safe
def attachment(request, reference):
    """The attachment behind the same visibility check as the pledge, always as a download."""
    pledge = queries.pledge_page(reference)
    if not permissions.can_view_pledge(request.user, pledge):
        raise Http404
    extension = pledge.attachment.name.rsplit(".", 1)[-1] if "." in pledge.attachment.name else "bin"
    return file_response(
        pledge.attachment,
        filename=f"{pledge.reference}-attachment.{extension}",
        content_type="application/octet-stream",
        as_attachment=True,
        policy=SANDBOX,
    )


# --- Open data -------------------------------------------------------------------------------


def _export_error(kind, exc):
    """A query the export cannot take: 400 with the reasons, as JSON for the JSON export (a
    program reads it) and as plain text for the CSV."""
    if kind == "json":
        return JsonResponse(
            {"error": "bad_request", "messages": [str(m) for m in exc.messages]},
            status=400,
            json_dumps_params={"ensure_ascii": False},
        )
    return HttpResponseBadRequest(
        "\n".join(str(m) for m in exc.messages) + "\n", content_type="text/plain; charset=utf-8"
    )


# Retry-After of the 503 answered while the first file of the unfiltered CSV is being written.
FULL_CSV_RETRY_SECONDS = 60
# A build queued on a miss is not queued again for this long (a lost one is then queued anew).
FULL_CSV_QUEUED_SECONDS = 600


def _full_csv_response(request, entry, *, stale):
    # A client that holds this very file (its ETag is the file's SHA-256) gets a 304 and
    # downloads nothing: the full export is large.
    unchanged = get_conditional_response(request, etag=entry.etag)
    if unchanged is not None:
        unchanged["ETag"] = entry.etag
        return unchanged
    response = FileResponse(
        generated_storage.open(entry.name, "rb"), content_type="text/csv; charset=utf-8"
    )
    response["Repr-Digest"] = entry.repr_digest
    response["ETag"] = entry.etag
    response["X-Registry-Version"] = entry.version
    if stale:
        # The registry changed since this file was written; the next one is on its way.
        response["X-Registry-Version-Stale"] = "true"
        response["Cache-Control"] = "no-cache"
    return response


def _full_csv(request):
    """The unfiltered CSV: the file written for the registry's current version, whole, with its
    length and digest; else the previous version's (flagged); else 503, never a truncated 200."""
    version = cache_versions.current(cache_versions.REGISTRY)
    entry = exports.full_csv_of(version) if version is not None else None
    if entry is None and version is not None:
        # Queued once per version however many requests miss it (the task itself is idempotent);
        # it runs here only where tasks run eagerly (embedded mode).
        if cache.add(f"pledges:full-csv-queued:{version}", True, FULL_CSV_QUEUED_SECONDS):
            send_now(tasks.build_registry_csv)
        entry = exports.full_csv_of(version)
    if entry is not None:
        return _full_csv_response(request, entry, stale=False)
    previous = exports.latest_full_csv()
    if previous is not None:
        return _full_csv_response(request, previous, stale=True)
    response = HttpResponse(
        _("The full export is being written. Please try again in a minute.") + "\n",
        status=503,
        content_type="text/plain; charset=utf-8",
    )
    response["Retry-After"] = str(FULL_CSV_RETRY_SECONDS)
    return response


def _export(request, kind):
    if kind == "csv" and not set(request.GET) - {"page"}:
        response = _full_csv(request)
        if response.status_code == 200:
            stamp = timezone.now().strftime("%Y%m%d")
            response["Content-Disposition"] = f'attachment; filename="imrf-pledges-{stamp}.csv"'
        response["Link"] = f'<{exports.LICENCE_URL}>; rel="license"'
        response["X-Licence"] = exports.LICENCE
        return response
    try:
        registry_query.check_parameters(request.GET)
        selection = registry_query.select(request.GET)
    except registry_query.BadRequest as exc:
        return _export_error(kind, exc)
    ids, ref = selection.ids(), selection.labels
    stamp = timezone.now().strftime("%Y%m%d")
    if kind == "csv":
        response = StreamingHttpResponse(exports.csv_stream(ids, ref), content_type="text/csv; charset=utf-8")
        filename = f"imrf-pledges-{stamp}.csv"
    else:
        query = {
            name: values[0] if len(values) == 1 else values
            for name, values in request.GET.lists()
            if name != "page"
        }
        response = StreamingHttpResponse(
            exports.json_stream(ids, ref, query=query), content_type="application/json; charset=utf-8"
        )
        filename = f"imrf-pledges-{stamp}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Link"] = f'<{exports.LICENCE_URL}>; rel="license"'
    response["X-Licence"] = exports.LICENCE
    return response


@allow_any_origin
@require_safe
def export_csv(request):
    return _export(request, "csv")


@allow_any_origin
@require_safe
def export_json(request):
    return _export(request, "json")


@allow_any_origin
@require_safe
def json_schema(request):
    """The JSON Schema of the JSON export, beside the data dictionary, generated from its columns."""
    return JsonResponse(
        exports.json_schema(current_labels()),
        content_type="application/schema+json",
        json_dumps_params={"ensure_ascii": False, "indent": 2},
    )


@allow_any_origin
@require_safe
def table_schema(request):
    """The Frictionless Table Schema of the CSV export, generated from the same columns."""
    return JsonResponse(
        exports.table_schema(current_labels()),
        json_dumps_params={"ensure_ascii": False, "indent": 2},
    )


@public_page
@require_safe
def data_dictionary(request):
    return render(
        request,
        "pledges/data_dictionary.html",
        {
            "columns": exports.COLUMNS,
            "licence": exports.LICENCE,
            "licence_url": exports.LICENCE_URL,
            "schema_version": exports.SCHEMA_VERSION,
            "value_lists": exports.value_lists(None),
        },
    )


class PlainTextAtomFeed(Atom1Feed):
    """Atom with the summary as type="text": a pledge's text is plain text, and markup typed into
    it must show as typed, not run in a feed reader (Django writes summaries as type="html")."""

    def add_item_elements(self, handler, item):
        summary = item["description"]
        super().add_item_elements(handler, {**item, "description": None})
        if summary is not None:
            handler.addQuickElement("summary", summary, {"type": "text"})


def entry_id(reference):
    """An entry's id (RFC 4287 §4.2.6): an absolute IRI that never changes, the pledge's canonical
    address on the portal (SITE_URL, no language prefix), whatever host or language asked."""
    return f"{settings.SITE_URL}/pledges/{reference}/"


class LatestPledgesFeed(Feed):
    feed_type = PlainTextAtomFeed
    title = gettext_lazy("IMRF pledges: newly published")
    subtitle = gettext_lazy(
        "Pledges to the Global Compact for Migration, as the secretariat publishes them. CC BY 4.0."
    )
    link = "/pledges/"
    feed_copyright = "CC BY 4.0"

    def __call__(self, request, *args, **kwargs):
        response = super().__call__(request, *args, **kwargs)
        # Feed sets Last-Modified from the newest publication; the conditional GET compares with
        # the last public change (an edit or withdrawal is later), so the header must be that one,
        # which `condition` adds when none is set. Otherwise If-Modified-Since never matches.
        del response.headers["Last-Modified"]
        return response

    def items(self):
        return (
            Pledge.objects.published()
            .only("reference", "title", "pledger_names", "published_at", "text")
            .order_by("-published_at", "-pk")[:50]
        )

    def item_title(self, item):
        return f"{item.reference}: {item.title}"

    def item_description(self, item):
        return item.text[:500]

    def item_link(self, item):
        return reverse("pledges:detail", kwargs={"reference": item.reference})

    def item_author_name(self, item):
        return item.pledger_names.split("\n")[0]

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.published_at

    def item_guid(self, item):
        return entry_id(item.reference)

    def feed_guid(self):
        return f"{settings.SITE_URL}/pledges/feed/"

    def feed_extra_kwargs(self, obj):
        return {}

    def item_copyright(self, item):
        return self.feed_copyright


def _feed_last_modified(request):
    # Both validators come from one query, kept on the request for the second call.
    if not hasattr(request, "_feed_last_modified"):
        request._feed_last_modified = queries.last_public_change()
    return request._feed_last_modified


def _feed_etag(request):
    changed = _feed_last_modified(request)
    # The feed's words (title, subtitle) are in the request's language: one tag per language.
    return f"{changed.timestamp() if changed else 0:.6f}-{get_language()}"


# Feed readers poll: If-None-Match / If-Modified-Since answer 304 without building the feed.
feed = allow_any_origin(
    condition(etag_func=_feed_etag, last_modified_func=_feed_last_modified)(require_safe(LatestPledgesFeed()))
)


@public_page(params=("forum",))
@require_safe
def statistics_page(request):
    years = statistics.forum_years()
    try:
        registry_query.check_parameters(request.GET)
        if len(request.GET.getlist("forum")) > 1:
            # The figures are of one forum: never forums mixed.
            raise registry_query.BadRequest(
                [_("“%(name)s” takes one value and was given %(count)d.") % {"name": "forum", "count": len(request.GET.getlist("forum"))}]
            )
        year = request.GET.get("forum") or statistics.default_year()
        if year is None:
            return render(request, "pledges/statistics.html", {"stats": None, "years": years})
        stats = statistics.overview(year)
    except registry_query.BadRequest as exc:
        return render(
            request, "pledges/statistics.html", {"stats": None, "years": years, "errors": exc.messages}, status=400
        )
    return render(request, "pledges/statistics.html", {"stats": stats, "years": years})


# --- Owners' pages ---------------------------------------------------------------------------


def _owned(request, reference):
    pledge = get_object_or_404(
        Pledge.objects.select_related("organization", "member_state", "forum").prefetch_related("partners"),
        reference=reference,
    )
    permissions.require_owner(request.user, pledge)
    return pledge


@require_safe
@representative_required
def my_pledges(request, pledger):
    return render(
        request,
        "pledges/my_pledges.html",
        {"pledger": pledger, "pledges_part": queries.owner_list(pledger)},
    )


# --- The pledge flow: what, where and when, indicators, partners, review ----------------------

STEP_FORMS = {"what": WhatForm, "where": WhereForm, "partners": CooperationForm}


def _steps(pledge, current):
    """The flow's steps for its navigation: each a link once the draft exists."""
    return [
        {
            "name": name,
            "label": label,
            "number": number,
            "current": name == current,
            "url": reverse("pledges:step", args=[pledge.reference, name]) if pledge else "",
        }
        for number, (name, label) in enumerate(STEPS, start=1)
    ]


def _next_step(step):
    return STEP_NAMES[STEP_NAMES.index(step) + 1]


def _render_step(request, step, pledge, context, status=200):
    number = STEP_NAMES.index(step) + 1
    context = {
        "pledge": pledge,
        "step": step,
        "step_number": number,
        "step_label": dict(STEPS)[step],
        "step_count": len(STEPS),
        "steps": _steps(pledge, step),
        **context,
    }
    return render(request, f"pledges/flow/{step}.html", context, status=status)


@require_http_methods(["GET", "POST"])
@representative_required
def step(request, pledger, reference=None, step="what"):
    """One step of the pledge flow. The first creates the draft; every step saves it; the review
    submits it through the pledge's one transition function."""
    if step not in STEP_NAMES:
        raise Http404
    pledge = None
    if reference is not None:
        pledge = _owned(request, reference)
        if not permissions.can_edit_pledge(request.user, pledge):
            raise PermissionDenied(_("This pledge cannot be changed now."))
    elif step != "what":
        raise Http404
    data = request.POST if request.method == "POST" else None
    if step == "review":
        return _review(request, pledge)
    if step == "indicators":
        return _indicators(request, pledge, data)
    form = STEP_FORMS[step](data, request.FILES if data is not None else None, instance=pledge)
    context = {"form": form, "errors": []}
    if step == "partners":
        context.update(_partner_search(request, pledge))
    if data is not None:
        if form.is_valid():
            try:
                pledge = services.save_pledge(form, by=request.user, pledger=pledger)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Saved. Step %(number)s of %(count)s done.") % {
                    "number": STEP_NAMES.index(step) + 1, "count": len(STEPS)})
                return redirect("pledges:step", pledge.reference, _next_step(step))
        context["errors"] = form.summary()
    return _render_step(request, step, pledge, context)


def _indicators(request, pledge, data):
    adding = data is not None and "add" in data
    formset = indicator_formset(data, instance=pledge, extra=1 if data is None and "add" in request.GET else 0)
    if data is not None:
        if formset.is_valid():
            services.save_indicators(pledge, formset, by=request.user)
            if adding:
                # Without a script, another indicator is one more empty form after the saved ones.
                return redirect(reverse("pledges:step", args=[pledge.reference, "indicators"]) + "?add=1#indicators-new")
            messages.success(request, _("Saved. Step %(number)s of %(count)s done.") % {
                "number": STEP_NAMES.index("indicators") + 1, "count": len(STEPS)})
            return redirect("pledges:step", pledge.reference, "partners")
    errors = formset.summary() if data is not None else []
    return _render_step(request, "indicators", pledge, {"formset": formset, "errors": errors})


def _partner_search(request, pledge):
    search = PartnerSearchForm(request.GET if "q" in request.GET else None)
    found = None
    if search.is_valid():
        query = search.cleaned_data["q"].strip()
        if len(query) < 2:
            search.add_error("q", _("Type at least two letters of the partner's name, acronym or country."))
        else:
            found = queries.partner_candidates(pledge, query)
    return {
        "search": search,
        "found": found,
        "partners": pledge.partners.select_related("organization", "member_state"),
    }


def _review(request, pledge):
    errors = []
    if request.method == "POST":
        try:
            services.set_pledge_state(pledge, PledgeState.SUBMITTED, by=request.user)
        except ValidationError as exc:
            errors = [{"anchor": "", "message": m} for m in exc.messages]
        else:
            messages.success(
                request,
                _("Pledge %(reference)s is submitted. The secretariat reviews it before it is published.")
                % {"reference": pledge.reference},
            )
            return redirect("pledges:manage", pledge.reference)
    shown = queries.pledge_page(pledge.reference)
    problems = [
        {"message": message, "url": reverse("pledges:step", args=[pledge.reference, step])}
        for step, message in services.completeness_problems(shown)
    ]
    return _render_step(
        request,
        "review",
        pledge,
        {"shown": shown, "problems": problems, "errors": errors, "partners": list(shown.partners.all())},
        status=200,
    )


@require_safe
@representative_required
def manage(request, pledger, reference):
    pledge = _owned(request, reference)
    changes = permissions.state_changes(request.user, pledge)
    return render(
        request,
        "pledges/manage.html",
        {
            "pledge": pledge,
            "is_lead": permissions.is_lead(request.user, pledge),
            "can_edit": permissions.can_edit_pledge(request.user, pledge),
            "can_submit": PledgeState.SUBMITTED in changes,
            "can_withdraw": PledgeState.WITHDRAWN in changes,
            "can_report": permissions.can_report_on_pledge(request.user, pledge),
            "missing": services.completeness_errors(pledge)
            if pledge.state in PledgeState.editable_states()
            else [],
            **_partner_search(request, pledge),
            "history": history(pledge),
        },
    )


@require_POST
@representative_required
def change_state(request, pledger, reference, state):
    pledge = _owned(request, reference)
    if state not in PledgeState.owner_states():
        raise Http404
    try:
        services.set_pledge_state(
            pledge, state, by=request.user, reason=request.POST.get("reason", "")[:1000]
        )
    except ValidationError as exc:
        for error in exc.messages:
            messages.error(request, error)
    else:
        messages.success(request, _("The pledge is now “%(state)s”.") % {"state": pledge.get_state_display()})
    return redirect("pledges:manage", pledge.reference)


@require_POST
@representative_required
def invite(request, pledger, reference):
    pledge = _owned(request, reference)
    # From the flow's partners step, back to it; else the pledge's page.
    back = (
        redirect("pledges:step", pledge.reference, "partners")
        if request.POST.get("back") == "flow" and permissions.can_edit_pledge(request.user, pledge)
        else redirect("pledges:manage", pledge.reference)
    )
    form = PartnerForm(request.POST)
    if form.is_valid():
        try:
            partner = services.invite_partner(
                pledge,
                by=request.user,
                organization=form.cleaned_data["organization"],
                member_state=form.cleaned_data["member_state"],
            )
        except ValidationError as exc:
            for error in exc.messages:
                messages.error(request, error)
        else:
            messages.success(
                request,
                _("%(partner)s is invited. It is listed as a partner once it confirms.")
                % {"partner": partner.entity.name},
            )
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return back


@require_http_methods(["GET", "POST"])
@representative_required
def partnership(request, pledger, pk):
    partner = get_object_or_404(
        PledgePartner.objects.select_related("pledge", "pledge__organization", "pledge__member_state"), pk=pk
    )
    if not permissions.is_partner(request.user, partner):
        raise Http404
    if request.method == "POST":
        try:
            if request.POST.get("decision") == "confirm":
                services.confirm_partnership(partner, by=request.user)
                messages.success(request, _("You are now a partner in this pledge."))
                return redirect("pledges:manage", partner.pledge.reference)
            services.decline_partnership(partner, by=request.user)
            messages.success(request, _("You declined the invitation."))
            return redirect("pledges:mine")
        except ValidationError as exc:
            for error in exc.messages:
                messages.error(request, error)
    # The invited partner reads the whole pledge, whatever its state, before it decides.
    shown = queries.pledge_page(partner.pledge.reference)
    return render(
        request,
        "pledges/partnership.html",
        {"partner": partner, "pledge": shown, "shown": shown, "partners": list(shown.partners.all())},
    )


@require_http_methods(["GET", "POST"])
@representative_required
def report(request, pledger, reference):
    pledge = _owned(request, reference)
    if not permissions.can_report_on_pledge(request.user, pledge):
        raise PermissionDenied(_("Progress is reported on published pledges by their owners."))
    indicators = list(pledge.indicators.all())
    form = ProgressReportForm(
        request.POST or None,
        indicators=indicators,
        initial={"reported_on": timezone.localdate(), "stage": pledge.stage},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.post_progress_report(
                pledge,
                by=request.user,
                reported_on=form.cleaned_data["reported_on"],
                stage=form.cleaned_data["stage"],
                narrative=form.cleaned_data["narrative"],
                values=form.values(),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Progress report posted."))
            return redirect(pledge)
    return render(request, "pledges/report_form.html", {"form": form, "pledge": pledge})
