from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.syndication.views import Feed
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core import open_data
from core.cors import allow_any_origin
from core.downloads import SANDBOX, file_response
from core.feeds import PlainTextAtomFeed
from core.forms import add_service_errors
from core.page_cache import public_page
from practices import exports, permissions, queries, registry, services
from practices.enums import PracticeState
from practices.forms import PracticeForm
from practices.models import Practice


def submitter_required(view):
    """Signed in, and a focal point of an organisation or of a Member State; the view receives
    whom they submit for."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        submitter = permissions.submitter_of(request.user)
        if not submitter:
            messages.info(
                request,
                _("Good practices are submitted by the focal point of an organisation or of a Member State."),
            )
            return redirect("portal:dashboard")
        return view(request, submitter, *args, **kwargs)

    return wrapper


def _bad_request(request, exc):
    return render(request, "practices/registry.html", {"errors": exc.messages}, status=400)


# --- The public registry ---------------------------------------------------------------------


@public_page(params=registry.PAGE_PARAMS)
@require_safe
def registry_page(request):
    try:
        result = registry.registry(request.GET)
    except registry.BadRequest as exc:
        return _bad_request(request, exc)
    return render(
        request,
        "practices/registry.html",
        {
            "result": result,
            "facets": registry.facet_groups(result, request.GET),
            "sorts": registry.SORTS.items(),
            "page_query": registry.query_without(request.GET, "page"),
            "export_query": registry.query_without(request.GET, "page", "sort"),
        },
    )


def _export_ids(request):
    query = registry.parse(request.GET, registry.labels())
    return list(registry.filtered(query).values_list("pk", flat=True))


def _export_error(exc):
    return JsonResponse({"errors": exc.messages}, status=400)


@allow_any_origin
@require_safe
def export_csv(request):
    try:
        ids = _export_ids(request)
    except registry.BadRequest as exc:
        return _export_error(exc)
    return open_data.csv_response(exports.COLUMNS, exports.records(ids), filename="imrf-practices.csv")


@allow_any_origin
@require_safe
def export_json(request):
    try:
        ids = _export_ids(request)
    except registry.BadRequest as exc:
        return _export_error(exc)
    # The head names the Table Schema of the records, as every dataset's JSON does.
    top = open_data.head(dataset="practices", source="/practices/", schema="/practices/export.table-schema.json")
    return open_data.json_response(top, "practices", exports.records(ids), filename="imrf-practices.json")


@allow_any_origin
@require_safe
def json_schema(request):
    return JsonResponse(exports.json_schema(), json_dumps_params={"ensure_ascii": False, "indent": 2})


@allow_any_origin
@require_safe
def table_schema(request):
    return JsonResponse(exports.csv_table_schema(), json_dumps_params={"ensure_ascii": False, "indent": 2})


@public_page
@require_safe
def data_dictionary(request):
    return render(
        request,
        "practices/data_dictionary.html",
        {"columns": exports.COLUMNS, "licence": open_data.LICENCE, "licence_url": open_data.LICENCE_URL},
    )


class LatestPracticesFeed(Feed):
    feed_type = PlainTextAtomFeed
    title = gettext_lazy("IMRF good practices: newly published")
    subtitle = gettext_lazy("Good practices in implementing the Global Compact for Migration. CC BY 4.0.")
    link = "/practices/"
    feed_copyright = "CC BY 4.0"

    def items(self):
        return (
            Practice.objects.published()
            .only("id", "title", "summary", "implementer_name", "published_at", "updated_at")
            .order_by("-published_at", "-pk")[:50]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return reverse("portal:practice", kwargs={"pk": item.pk})

    def item_author_name(self, item):
        return item.implementer_name

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.published_at

    def item_guid(self, item):
        # An absolute IRI that never changes (RFC 4287 §4.2.6), whatever host or language asked.
        return f"{settings.SITE_URL}/practices/{item.pk}/"

    def feed_guid(self):
        return f"{settings.SITE_URL}/practices/feed/"

    def item_copyright(self, item):
        return self.feed_copyright


feed = allow_any_origin(require_safe(LatestPracticesFeed()))


@require_safe
def attachment(request, pk):
    """The attachment behind the same visibility check as the practice, always as a download."""
    practice = get_object_or_404(Practice, pk=pk)
    if not permissions.can_view_practice(request.user, practice):
        raise Http404
    extension = practice.attachment.name.rsplit(".", 1)[-1] if "." in practice.attachment.name else "bin"
    return file_response(
        practice.attachment,
        filename=f"practice-{practice.pk}-attachment.{extension}",
        content_type="application/octet-stream",
        as_attachment=True,
        policy=SANDBOX,
    )


# --- Calls for practices ---------------------------------------------------------------------


@public_page
@require_safe
def call_list(request):
    return render(request, "practices/call_list.html", {"calls": queries.calls().order_by("-deadline", "pk")})


@public_page
@require_safe
def call_detail(request, slug):
    call, practices = queries.call_page(slug)
    return render(request, "practices/call_detail.html", {"call": call, "practices": practices})


# --- The submitter's pages -------------------------------------------------------------------


def _owned(request, pk):
    practice = get_object_or_404(Practice.objects.select_related("organization", "member_state", "call"), pk=pk)
    if not permissions.is_owner(request.user, practice):
        raise PermissionDenied(_("Only the implementing entity can do this."))
    return practice


@require_safe
@submitter_required
def my_practices(request, submitter):
    practices = list(queries.of_submitter(submitter))
    return render(
        request,
        "practices/my_practices.html",
        {
            "submitter": submitter,
            "practices": [
                (p, permissions.can_edit_practice(request.user, p), permissions.state_changes(request.user, p))
                for p in practices
            ],
        },
    )


def _form_page(request, submitter, practice=None):
    form = PracticeForm(request.POST or None, request.FILES or None, instance=practice, submitter=submitter)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_practice(form, by=request.user, submitter=submitter)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The practice is saved as “%(state)s”.") % {"state": saved.get_state_display()})
            return redirect("practices:mine")
    status = 400 if form.errors else 200
    return render(
        request,
        "practices/practice_form.html",
        {"form": form, "practice": practice, "submitter": submitter, "errors": form.summary_entries()},
        status=status,
    )


@require_http_methods(["GET", "POST"])
@submitter_required
def new(request, submitter):
    return _form_page(request, submitter)


@require_http_methods(["GET", "POST"])
@submitter_required
def edit(request, submitter, pk):
    practice = _owned(request, pk)
    if not permissions.can_edit_practice(request.user, practice):
        messages.error(
            request,
            _("A practice is changed before review, or when the secretariat asks for more information."),
        )
        return redirect("practices:mine")
    return _form_page(request, submitter, practice)


def _change_state(request, pk, state):
    practice = _owned(request, pk)
    try:
        services.set_practice_state(practice, state, by=request.user, reason=request.POST.get("reason", "")[:1000])
    except (ValidationError, PermissionDenied) as exc:
        for error in exc.messages if hasattr(exc, "messages") else [str(exc)]:
            messages.error(request, error)
    else:
        messages.success(request, _("The practice is now “%(state)s”.") % {"state": practice.get_state_display()})
    return redirect("practices:mine")


@require_POST
@submitter_required
def submit(request, submitter, pk):
    return _change_state(request, pk, PracticeState.SUBMITTED)


@require_POST
@submitter_required
def withdraw(request, submitter, pk):
    return _change_state(request, pk, PracticeState.WITHDRAWN)

