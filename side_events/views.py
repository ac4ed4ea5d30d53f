"""Side events: the public list and pages, and the organisers' applications under /my/side-events/."""

from itertools import groupby

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core import open_data
from core.cors import allow_any_origin
from core.forms import add_or_remove, error_summary, keep_typed
from core.page_cache import public_page
from forums.models import Forum
from forums.queries import public_forum
from side_events import exports, permissions, queries
from side_events import services as rules
from side_events.enums import SideEventState
from side_events.forms import SideEventForm, speaker_formset
from side_events.models import SideEvent, SideEventCoOrganizer
from stakeholders.permissions import (
    is_focal_point,
    member_required,
    membership_of,
    representative_required,
    state_focal_point_required,
)

APPLY_FIRST = gettext_lazy("Create your organisation, or ask to join it, first.")

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


@allow_any_origin
@require_safe
def side_event_csv(request, year):
    """The forum's public side events as open data (a forum not public is not found)."""
    forum = public_forum(year)
    events = exports.public_side_events().filter(forum=forum)
    return open_data.csv_response(
        exports.COLUMNS, exports.records(events), filename=f"imrf-{forum.year}-side-events.csv"
    )


@allow_any_origin
@require_safe
def side_event_json(request, year):
    forum = public_forum(year)
    events = exports.public_side_events().filter(forum=forum)
    top = open_data.head(
        dataset="side-events",
        source=f"/forums/{forum.year}/side-events/",
        schema="/open-data/side-events.schema.json",
    )
    return open_data.json_response(
        top, "side_events", exports.records(events), filename=f"imrf-{forum.year}-side-events.json"
    )


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


def _application(represented, pk):
    """One of the applications of the organisation or the Member State the user acts for;
    another's is not found."""
    owned = Q(pk__in=[])
    if represented.organization is not None:
        owned |= Q(organization=represented.organization)
    if represented.member_state is not None:
        owned |= Q(member_state=represented.member_state)
    return get_object_or_404(
        SideEvent.objects.select_related("forum", "organization", "member_state", "room").filter(owned), pk=pk
    )


@require_safe
@representative_required(message=APPLY_FIRST)
def my_side_events(request, represented):
    organization, member_state = represented.organization, represented.member_state
    owned = Q(pk__in=[])
    if organization is not None:
        owned |= Q(organization=organization)
    if member_state is not None:
        owned |= Q(member_state=member_state)
    applications = SideEvent.objects.filter(owned).select_related("forum").order_by("-forum__year", "-created_at")
    membership = membership_of(request.user)
    return render(
        request,
        "side_events/my_list.html",
        {
            "membership": membership,
            "names": " · ".join(entity.name for entity in (member_state, organization) if entity is not None),
            "applications": [(a, a.get_state_display()) for a in applications],
            "open_calls": rules.open_calls(organization) if organization is not None else [],
            "state_open_calls": rules.open_calls(member_state) if member_state is not None else [],
            "member_state": member_state,
            "co_organizing": queries.co_organizer_invitations(organization) if organization is not None else [],
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


def _new_application(request, lead, forum, *, organization=None, member_state=None):
    permissions.require_can_apply(lead, forum)
    data, saving = _posted(request)
    form = SideEventForm(data, forum=forum, organization=organization, member_state=member_state)
    speakers = speaker_formset(data, instance=SideEvent(forum=forum))
    if saving and form.is_valid() and speakers.is_valid():
        try:
            side_event = rules.create_side_event(lead, forum, form, speakers, by=request.user)
        except ValidationError as exc:  # a co-organiser the rules refuse (or too many named today)
            form.add_error("co_organizers", exc)
        else:
            messages.success(
                request,
                _("Your draft is saved. A focal point of your organisation submits it before the deadline.")
                if organization is not None
                else _("Your draft is saved. You submit it before the deadline."),
            )
            return redirect(side_event.get_application_url())
    return _form_page(request, form, speakers, forum=forum, side_event=None, lead_name=lead.name, saving=saving)


@require_http_methods(["GET", "HEAD", "POST"])
@member_required
def side_event_new(request, membership, year):
    forum = get_object_or_404(Forum.objects.public(), year=year)
    organization = membership.organization
    return _new_application(request, organization, forum, organization=organization)


@require_http_methods(["GET", "HEAD", "POST"])
@state_focal_point_required
def side_event_new_for_state(request, focal_point, year):
    """A Member State applies, its focal point acting for it: the State is the lead organiser."""
    forum = get_object_or_404(Forum.objects.public(), year=year)
    member_state = focal_point.member_state
    return _new_application(request, member_state, forum, member_state=member_state)


@require_safe
@representative_required(message=APPLY_FIRST)
def my_side_event(request, represented, pk):
    side_event = _application(represented, pk)
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
@representative_required(message=APPLY_FIRST)
def side_event_edit(request, represented, pk):
    side_event = _application(represented, pk)
    if not permissions.can_edit_side_event(request.user, side_event):
        raise PermissionDenied(_("This application can no longer be changed."))
    data, saving = _posted(request)
    form = SideEventForm(
        data,
        instance=side_event,
        forum=side_event.forum,
        organization=side_event.organization,
        member_state=side_event.member_state,
    )
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
        request,
        form,
        speakers,
        forum=side_event.forum,
        side_event=side_event,
        lead_name=side_event.lead_name,
        saving=saving,
    )


@require_POST
@representative_required(message=APPLY_FIRST)
def side_event_submit(request, represented, pk):
    side_event = _application(represented, pk)
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
@representative_required(message=APPLY_FIRST)
def side_event_withdraw(request, represented, pk):
    side_event = _application(represented, pk)
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
            "organization", "side_event__forum", "side_event__organization", "side_event__member_state"
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
