"""Side events: the public list and pages, and the organisers' applications under /my/side-events/."""

from itertools import groupby

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.forms import add_or_remove, error_summary, keep_typed
from core.page_cache import public_page
from forums.models import Forum
from forums.queries import public_forum
from side_events import permissions, queries
from side_events import services as rules
from side_events.enums import SideEventState
from side_events.forms import SideEventForm, speaker_formset
from side_events.models import SideEvent, SideEventCoOrganizer
from stakeholders.permissions import is_focal_point, member_required

# --- Public -----------------------------------------------------------------------------------


@public_page
@require_safe
def side_event_list(request, year):
    forum = public_forum(year)
    events = list(queries.public_side_events(forum))
    days = [
        {"date": day, "side_events": list(items)}
        for day, items in groupby(events, key=lambda e: e.starts_at.astimezone(forum.tz).date())
    ]
    return render(request, "side_events/list.html", {"forum": forum, "days": days})


@public_page
@require_safe
def side_event_detail(request, year, slug):
    side_event = queries.side_event_page(year, slug)
    return render(
        request,
        "side_events/detail.html",
        {"forum": side_event.forum, "side_event": side_event},
    )


# --- Organisers -------------------------------------------------------------------------------


def _application(membership, pk):
    """One of the organisation's own applications; another organisation's is not found."""
    return get_object_or_404(
        SideEvent.objects.select_related("forum", "organization", "room"),
        pk=pk,
        organization=membership.organization,
    )


@require_safe
@member_required
def my_side_events(request, membership):
    applications = (
        SideEvent.objects.filter(organization=membership.organization)
        .select_related("forum")
        .order_by("-forum__year", "-created_at")
    )
    return render(
        request,
        "side_events/my_list.html",
        {
            "membership": membership,
            "applications": [(a, a.get_state_display()) for a in applications],
            "open_calls": rules.open_calls(membership.organization),
            "co_organizing": queries.co_organizer_invitations(membership.organization),
            "can_answer": is_focal_point(membership),
        },
    )


def _posted(request):
    """The data to bind the application's forms to, and whether it was sent to be saved: "Add
    another speaker" and "Remove" post the form too (so that they work without a script) and
    come back with what was typed, one speaker more or less, nothing saved."""
    if request.method != "POST":
        return None, False
    changed = add_or_remove(request.POST, "speakers")
    return (changed, False) if changed is not None else (request.POST, True)


def _form_page(request, form, speakers, *, saving, **context):
    if form.is_bound and not saving:
        keep_typed(form, speakers)
    errors = error_summary(form, speakers, _("Speaker %(number)s, %(label)s: %(message)s"))
    return render(
        request,
        "side_events/form.html",
        {"form": form, "speakers": speakers, "errors": errors, "added": "speakers-add" in request.POST, **context},
    )


@require_http_methods(["GET", "HEAD", "POST"])
@member_required
def side_event_new(request, membership, year):
    forum = get_object_or_404(Forum.objects.public(), year=year)
    organization = membership.organization
    permissions.require_can_apply(organization, forum)
    data, saving = _posted(request)
    form = SideEventForm(data, forum=forum, organization=organization)
    speakers = speaker_formset(data, instance=SideEvent(forum=forum))
    if saving and form.is_valid() and speakers.is_valid():
        try:
            side_event = rules.create_side_event(organization, forum, form, speakers, by=request.user)
        except ValidationError as exc:  # a co-organiser the rules refuse (or too many named today)
            form.add_error("co_organizers", exc)
        else:
            messages.success(
                request,
                _("Your draft is saved. A focal point of your organisation submits it before the deadline."),
            )
            return redirect(side_event.get_application_url())
    return _form_page(request, form, speakers, forum=forum, side_event=None, membership=membership, saving=saving)


@require_safe
@member_required
def my_side_event(request, membership, pk):
    side_event = _application(membership, pk)
    return render(
        request,
        "side_events/application.html",
        {
            "forum": side_event.forum,
            "side_event": side_event,
            "state_label": side_event.get_state_display(),
            "decision_known": side_event.state in SideEventState.decisions(),
            "speakers": side_event.speakers.all(),
            "co_organizers": side_event.co_organizers.select_related("organization"),
            "balance": rules.panel_balance(side_event.speakers.all()),
            "can_edit": permissions.can_edit_side_event(request.user, side_event),
            "can_submit": permissions.can_submit_side_event(request.user, side_event),
            "can_withdraw": permissions.can_withdraw_side_event(request.user, side_event),
            "call_open": permissions.call_open(side_event.forum),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@member_required
def side_event_edit(request, membership, pk):
    side_event = _application(membership, pk)
    if not permissions.can_edit_side_event(request.user, side_event):
        raise PermissionDenied(_("This application can no longer be changed."))
    data, saving = _posted(request)
    form = SideEventForm(data, instance=side_event, forum=side_event.forum, organization=side_event.organization)
    speakers = speaker_formset(data, instance=side_event)
    if saving and form.is_valid() and speakers.is_valid():
        try:
            rules.update_side_event(side_event, form, speakers, by=request.user)
        except ValidationError as exc:  # a co-organiser the rules refuse (or too many named today)
            form.add_error("co_organizers", exc)
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect(side_event.get_application_url())
    return _form_page(
        request, form, speakers, forum=side_event.forum, side_event=side_event, membership=membership, saving=saving
    )


@require_POST
@member_required
def side_event_submit(request, membership, pk):
    side_event = _application(membership, pk)
    if not permissions.can_submit_side_event(request.user, side_event):
        raise PermissionDenied(
            _("Only your organisation's focal points submit a draft, before the deadline.")
        )
    try:
        rules.set_side_event_state(side_event, SideEventState.SUBMITTED, by=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(
            request, _("Your application is submitted. You can still change it until the call closes.")
        )
    return redirect(side_event.get_application_url())


@require_POST
@member_required
def side_event_withdraw(request, membership, pk):
    side_event = _application(membership, pk)
    if not permissions.can_withdraw_side_event(request.user, side_event):
        raise PermissionDenied(_("Only your organisation's focal points withdraw an application."))
    rules.set_side_event_state(side_event, SideEventState.WITHDRAWN, by=request.user)
    messages.success(request, _("Your application is withdrawn."))
    return redirect(side_event.get_application_url())


# --- Co-organisers ------------------------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
@member_required
def co_organizer(request, membership, pk):
    """An invitation to co-organise, seen by the invited organisation's members and answered by
    its focal points; anyone else's is not found."""
    co_organizer = get_object_or_404(
        SideEventCoOrganizer.objects.select_related(
            "organization", "side_event__forum", "side_event__organization"
        ),
        pk=pk,
        organization=membership.organization,
    )
    if request.method == "POST":
        if not is_focal_point(membership):
            raise PermissionDenied(_("Only your organisation's focal points answer this invitation."))
        decision = request.POST.get("decision")
        if decision not in ("confirm", "decline"):
            messages.error(request, _("Choose whether your organisation confirms or declines."))
            return redirect(co_organizer.get_absolute_url())
        try:
            rules.answer_co_organization(co_organizer, confirm=decision == "confirm", by=request.user)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
            return redirect(co_organizer.get_absolute_url())
        if co_organizer.is_confirmed:
            messages.success(request, _("Your organisation is now shown as co-organiser of this side event."))
        else:
            messages.success(request, _("Your organisation is not shown as co-organiser of this side event."))
        return redirect("side_events:mine")
    return render(
        request,
        "side_events/co_organizer.html",
        {
            "co_organizer": co_organizer,
            "side_event": co_organizer.side_event,
            "can_answer": permissions.can_answer_co_organization(request.user, co_organizer),
            "membership": membership,
        },
    )
