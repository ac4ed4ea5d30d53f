"""The Progress Declaration: its public pages and exports under /forums/<year>/declaration/, and
the key messages of an organisation's focal points under /my/declaration/<year>/."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core import open_data
from core.cors import allow_any_origin
from core.forms import error_summary
from core.page_cache import public_page
from declarations import diff, exports, permissions, queries, services
from declarations.enums import KeyMessageState
from declarations.forms import KeyMessageForm
from declarations.models import KeyMessage
from forums.models import Forum
from forums.queries import public_forum
from stakeholders.permissions import membership_of

# --- Public -------------------------------------------------------------------------------------


@public_page
@require_safe
def declaration(request, year):
    forum = public_forum(year)
    versions = list(queries.published_versions(forum))
    for previous, version in zip(versions, versions[1:], strict=False):
        version.previous = previous
    return render(
        request,
        "declarations/declaration.html",
        {
            "forum": forum,
            "versions": versions,
            "objectives": list(queries.objective_counts(forum)),
            "totals": queries.message_totals(forum),
        },
    )


@public_page(params=("from", "to"))
@require_safe
def compare(request, year):
    """Two versions side by side, word by word. `from` and `to` name versions by their slug."""
    forum = public_forum(year)
    versions = {version.slug: version for version in queries.published_versions(forum)}
    errors = []
    chosen = {}
    for name in ("from", "to"):
        value = request.GET.get(name, "")
        if not value:
            errors.append(_("Say which version to compare %(which)s: add ?%(name)s= with one of: %(slugs)s.") % {
                "which": _("from") if name == "from" else _("to"),
                "name": name,
                "slugs": ", ".join(versions) or "—",
            })
        elif value not in versions:
            errors.append(_("“%(value)s” is not a published version of this declaration; choose one of: %(slugs)s.") % {
                "value": value[:60],
                "slugs": ", ".join(versions) or "—",
            })
        else:
            chosen[name] = versions[value]
    context = {"forum": forum, "versions": list(versions.values()), "errors": errors}
    if errors:
        return render(request, "declarations/compare.html", context, status=400)
    old, new = chosen["from"], chosen["to"]
    context.update(
        old=old,
        new=new,
        rows=diff.align(queries.version_paragraphs(old), queries.version_paragraphs(new)),
    )
    return render(request, "declarations/compare.html", context)


@public_page
@require_safe
def version(request, year, slug):
    forum = public_forum(year)
    version = queries.version_page(forum, slug)
    return render(
        request,
        "declarations/version.html",
        {"forum": forum, "version": version, "paragraphs": list(queries.version_paragraphs(version))},
    )


@public_page
@require_safe
def paragraph(request, year, slug, number):
    forum = public_forum(year)
    paragraph = queries.paragraph_page(forum, slug, number)
    found = list(queries.paragraph_messages(paragraph))
    addressed = [m for m in found if any(p.pk == paragraph.pk for p in m.paragraphs.all())]
    landed = [m for m in found if m not in addressed]
    return render(
        request,
        "declarations/paragraph.html",
        {"forum": forum, "version": paragraph.version, "paragraph": paragraph, "addressed": addressed, "landed": landed},
    )


@public_page
@require_safe
def message(request, year, pk):
    forum = public_forum(year)
    return render(
        request, "declarations/message.html", {"forum": forum, "message": queries.message_page(forum, pk)}
    )


@public_page
@require_safe
def organizations(request, year):
    forum = public_forum(year)
    return render(
        request,
        "declarations/organizations.html",
        {"forum": forum, "organizations": list(queries.organizations_with_messages(forum))},
    )


@public_page
@require_safe
def organization(request, year, slug):
    """Per organisation: our messages and what became of them."""
    forum = public_forum(year)
    organization = queries.organization_page(forum, slug)
    return render(
        request,
        "declarations/organization.html",
        {
            "forum": forum,
            "organization": organization,
            "messages": list(queries.public_messages(forum).filter(organization=organization)),
        },
    )


@allow_any_origin
@require_safe
def messages_csv(request, year):
    forum = public_forum(year)
    return open_data.csv_response(
        exports.COLUMNS,
        exports.records(queries.public_messages(forum)),
        filename=f"imrf-{forum.year}-key-messages.csv",
    )


@allow_any_origin
@require_safe
def messages_json(request, year):
    forum = public_forum(year)
    top = open_data.head(
        dataset="key-messages",
        source=f"/forums/{forum.year}/declaration/",
        schema="/open-data/key-messages.schema.json",
    )
    top["json_schema"] = request.build_absolute_uri(f"/forums/{forum.year}/declaration/key-messages.schema.json")
    return open_data.json_response(
        top, "key_messages", exports.records(queries.public_messages(forum)), filename=f"imrf-{forum.year}-key-messages.json"
    )


@allow_any_origin
@require_safe
def paragraphs_csv(request, year):
    forum = public_forum(year)
    return open_data.csv_response(
        exports.PARAGRAPH_COLUMNS,
        exports.paragraph_records(queries.public_paragraphs(forum)),
        filename=f"imrf-{forum.year}-declaration-paragraphs.csv",
    )


@allow_any_origin
@require_safe
def paragraphs_json(request, year):
    forum = public_forum(year)
    top = open_data.head(
        dataset="declaration-paragraphs",
        source=f"/forums/{forum.year}/declaration/",
        schema="/open-data/declaration-paragraphs.schema.json",
    )
    top["json_schema"] = request.build_absolute_uri(f"/forums/{forum.year}/declaration/key-messages.schema.json")
    return open_data.json_response(
        top,
        "paragraphs",
        exports.paragraph_records(queries.public_paragraphs(forum)),
        filename=f"imrf-{forum.year}-declaration-paragraphs.json",
    )


@allow_any_origin
@require_safe
def messages_schema(request, year):
    forum = public_forum(year)
    schema = {"$id": request.build_absolute_uri(f"/forums/{forum.year}/declaration/key-messages.schema.json")}
    return JsonResponse({**schema, **exports.json_schema()}, content_type="application/schema+json")


# --- Focal points of accredited organisations ----------------------------------------------------


def _forum(year):
    return get_object_or_404(Forum.objects.public(), year=year)


def _own_message(request, forum, pk):
    """A message of the user's organisation; any other is not found (no existence oracle)."""
    message = get_object_or_404(KeyMessage.objects.select_related("forum", "organization", "version"), forum=forum, pk=pk)
    if not permissions.is_proposer(request.user, message):
        raise Http404
    return message


@login_required
@require_safe
def my_declaration(request, year):
    forum = _forum(year)
    membership = permissions.accredited_focal_point(request.user, forum)
    own = endorsable = []
    if membership is not None:
        own = list(queries.own_messages(forum, membership.organization))
        endorsable = list(queries.endorsable_messages(forum, membership.organization))
    return render(
        request,
        "declarations/my_declaration.html",
        {
            "forum": forum,
            "membership": membership,
            "member": membership_of(request.user),
            "version": services.current_version(forum),
            "own": own,
            "endorsable": endorsable,
        },
    )


def _save(request, forum, message=None):
    version = message.version if message else services.current_version(forum)
    if version is None:
        messages.info(request, _("No version of the declaration is published yet."))
        return redirect("declarations:mine", year=forum.year)
    form = KeyMessageForm(request.POST or None, instance=message, version=version)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_key_message(form, by=request.user, forum=forum)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Your key message is saved as a draft. Submit it when it is ready."))
            return redirect("declarations:mine", year=forum.year)
    return render(
        request,
        "declarations/message_form.html",
        {"forum": forum, "form": form, "message": message, "version": version, "errors": error_summary(form)},
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def message_new(request, year):
    forum = _forum(year)
    if permissions.accredited_focal_point(request.user, forum) is None:
        messages.info(request, permissions.NOT_FOCAL_POINT)
        return redirect("declarations:mine", year=forum.year)
    return _save(request, forum)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def message_edit(request, year, pk):
    forum = _forum(year)
    message = _own_message(request, forum, pk)
    if not permissions.can_edit_key_message(request.user, message):
        messages.info(request, _("A key message can be changed only while it is a draft."))
        return redirect("declarations:mine", year=forum.year)
    return _save(request, forum, message)


def _change_state(request, year, pk, new_state, done):
    forum = _forum(year)
    message = _own_message(request, forum, pk)
    try:
        services.set_key_message_state(message, new_state, by=request.user)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
    else:
        messages.success(request, done)
    return redirect("declarations:mine", year=forum.year)


@login_required
@require_POST
def message_submit(request, year, pk):
    return _change_state(
        request, year, pk, KeyMessageState.SUBMITTED, _("Your key message is submitted: the secretariat publishes it.")
    )


@login_required
@require_POST
def message_withdraw(request, year, pk):
    return _change_state(request, year, pk, KeyMessageState.WITHDRAWN, _("Your key message is withdrawn."))


@login_required
@require_POST
def message_endorse(request, year, pk):
    """Always for the user's own organisation: an organisation named in the form is ignored."""
    forum = _forum(year)
    message = get_object_or_404(KeyMessage.objects.published().select_related("forum", "organization"), forum=forum, pk=pk)
    try:
        if request.POST.get("withdraw"):
            services.withdraw_endorsement(message, by=request.user)
            messages.success(request, _("Your organisation no longer endorses this key message."))
        else:
            services.endorse(message, by=request.user)
            messages.success(request, _("Your organisation endorses this key message."))
    except PermissionDenied as exc:
        raise PermissionDenied(str(exc)) from None
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("declarations:mine", year=forum.year)
