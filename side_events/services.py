"""Side events: the call, the application's state machine, the selection criteria and the slot rules.

Views, admin actions, the demo and tasks all go through these functions; every state change goes
through set_side_event_state, is logged, and mail is queued after the commit.
"""

import datetime
from dataclasses import dataclass
from fractions import Fraction

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import cache_versions
from core.audit import log_activity
from core.models import ActivityLog
from core.ratelimit import check_recent, limit_of
from core.transitions import check, transition
from forums import bookings
from forums.models import Forum
from reference.enums import UN_SYSTEM, Gender, Region
from reference.enums import ParticipantCategory as SpeakerCategory
from side_events import mail
from side_events.enums import (
    CoOrganizerState,
    SideEventFormat,
    SideEventState,
    stakeholder_speaker_categories,
)
from side_events.models import SideEvent, SideEventCoOrganizer
from side_events.permissions import (
    acts_for,
    call_open,
    can_answer_co_organization,
    can_edit_side_event,
    require_can_apply,
)
from stakeholders.enums import AccreditationState
from stakeholders.models import Organization
from stakeholders.services import organization_versions, renamed

# Organisers should learn of the decision at least this long before their event.
NOTICE_PERIOD = datetime.timedelta(days=30)
CANNOT_GO = gettext_lazy("A side event cannot go from “%(old)s” to “%(new)s”.")
SIDE_EVENT = "side_event"


def side_event_bookings(forum_id, starts_at, ends_at):
    """The forum's side events holding a slot in the span, for the one clash rule of
    forums.bookings: a session is not moved onto them, nor they onto a session."""
    rows = SideEvent.objects.scheduled().filter(forum_id=forum_id, starts_at__lt=ends_at, ends_at__gt=starts_at)
    return [
        bookings.Booking(SIDE_EVENT, row.pk, row.title, row.room_id, row.starts_at, row.ends_at)
        for row in rows.order_by("starts_at", "pk").only("pk", "title", "room_id", "starts_at", "ends_at")
    ]


bookings.register(side_event_bookings)


def open_calls(lead, today=None):
    """The forums whose call is open and to which the organisation is accredited (a Member State
    and the UN system: every forum whose call is open)."""
    today = today or timezone.localdate()
    forums = Forum.objects.public().filter(side_event_call_deadline__gte=today)
    if isinstance(lead, Organization) and not lead.is_intergovernmental:
        forums = forums.filter(
            accreditations__organization=lead, accreditations__state=AccreditationState.APPROVED
        )
    return list(forums.order_by("year"))


def create_side_event(lead, forum, form, speakers, *, by, today=None):
    """Save a new draft from its form and its formset of speakers. `lead`: the organisation or the
    Member State that applies, for which `by` acts."""
    require_can_apply(lead, forum, today)
    if not acts_for(by, lead):
        raise PermissionDenied(_("You do not act for %(lead)s.") % {"lead": lead.name})
    with transaction.atomic():
        side_event = form.save(commit=False)
        if isinstance(lead, Organization):
            side_event.organization = lead
        else:
            side_event.member_state = lead
        side_event.forum = forum
        side_event.created_by = by
        side_event.state = SideEventState.DRAFT
        side_event.save()
        form.save_m2m()
        speakers.instance = side_event
        speakers.save()
        log_activity(side_event, "side_event.state", actor=by, new_state=SideEventState.DRAFT)
        set_co_organizers(side_event, form.cleaned_data.get("co_organizers") or [], by=by)
    return side_event


def update_side_event(side_event, form, speakers, *, by, today=None):
    if not can_edit_side_event(by, side_event, today):
        raise PermissionDenied(_("This application can no longer be changed."))
    with transaction.atomic():
        side_event = form.save()
        speakers.save()
        log_activity(side_event, "side_event.edited", actor=by)
        set_co_organizers(side_event, form.cleaned_data.get("co_organizers") or [], by=by)
    return side_event


# --- Co-organisers confirm, as a pledge's partners do ----------------------------------------

CO_ORGANIZER_CANNOT_GO = gettext_lazy("A co-organiser cannot go from “%(old)s” to “%(new)s”.")


def co_organizer_choices(forum, organization=None, side_event=None):
    """The organisations an applicant may name: accredited to the forum and listed in the public
    directory (an organisation that chose not to be listed is never offered), and those it has
    already named, so that saving the form again does not drop them."""
    offered = Q(listed_in_directory=True) & (
        Q(accreditations__forum=forum, accreditations__state=AccreditationState.APPROVED)
        | Q(category=UN_SYSTEM)
    )
    if side_event is not None and side_event.pk:
        offered |= Q(
            side_event_co_organizations__side_event=side_event,
            side_event_co_organizations__state__in=CoOrganizerState.standing(),
        )
    choices = Organization.objects.filter(offered)
    if organization is not None:
        choices = choices.exclude(pk=organization.pk)
    return choices.distinct().order_by("name")


def set_co_organizers(side_event, organizations, *, by):
    """Invite the organisations newly named (their focal points are mailed and answer under
    /my/side-events/), forget those no longer named; a declined invitation stays declined."""
    chosen = {organization.pk: organization for organization in organizations}
    chosen.pop(side_event.organization_id, None)
    existing = {row.organization_id: row for row in side_event.co_organizers.select_related("organization")}
    invited = []
    with transaction.atomic():
        for pk, row in existing.items():
            if pk not in chosen and row.state in CoOrganizerState.standing():
                was_public = row.is_confirmed
                # On the event: the row itself goes.
                log_activity(
                    side_event,
                    "side_event.co_organizer_removed",
                    actor=by,
                    old_state=row.state,
                    note=str(row.organization),
                )
                row.delete()
                if was_public and side_event.state == SideEventState.ACCEPTED:
                    cache_versions.bump_after_commit(cache_versions.PROGRAMME)
        for pk, organization in chosen.items():
            if pk in existing:
                continue
            if not is_offered(side_event, organization):
                raise ValidationError(
                    _("%(organization)s cannot be named as co-organiser.") % {"organization": organization.name}
                )
            check_co_organizer_invitation_rate(by, organization)
            row = SideEventCoOrganizer.objects.create(side_event=side_event, organization=organization, invited_by=by)
            log_activity(
                row,
                "side_event.co_organizer_invited",
                actor=by,
                new_state=CoOrganizerState.INVITED,
                note=str(organization),
            )
            mail.co_organizer_invited(row)
            invited.append(row)
    return invited


def check_co_organizer_invitation_rate(by, organization):
    """Each invitation mails the invited organisation's focal points: limited per person (counted
    in the audit log, which naming and un-naming again does not empty) and per organisation."""
    check_recent(
        ActivityLog.objects.filter(action="side_event.co_organizer_invited", actor=by)
        if by is not None
        else ActivityLog.objects.none(),
        limit=limit_of("co_organizer_invitation", "user"),
        field="timestamp",
        message=_(
            "You have named %(count)s co-organisers in the last day, the most the portal allows, because "
            "each is e-mailed. Please try again in %(hours)s hour(s)."
        ),
    )
    check_recent(
        SideEventCoOrganizer.objects.filter(organization=organization),
        limit=limit_of("co_organizer_invitation", "organization"),
        field="invited_at",
        message=_(
            "%(organization)s has been named co-organiser %(count)s times in the last day, the most the "
            "portal allows. Please try again in %(hours)s hour(s)."
        ),
        params={"organization": organization.name},
    )


def is_offered(side_event, organization):
    """The rule of the form, checked again here: a service caller cannot name just anyone."""
    return co_organizer_choices(side_event.forum, side_event.organization).filter(pk=organization.pk).exists()


def answer_co_organization(co_organizer, *, confirm, by):
    """A focal point of the invited organisation confirms or declines (or, once confirmed, steps
    back). Logged with who, when, from and to; the applicant's focal points are told."""
    if not can_answer_co_organization(by, co_organizer):
        raise PermissionDenied(_("Only the invited organisation's focal points answer this invitation."))
    new_state = CoOrganizerState.CONFIRMED if confirm else CoOrganizerState.DECLINED
    side_event = co_organizer.side_event
    with transaction.atomic():
        entry = transition(
            co_organizer,
            new_state,
            states=CoOrganizerState,
            message=CO_ORGANIZER_CANNOT_GO,
            action="side_event.co_organizer_answered",
            by=by,
            note=str(side_event),
            changes={"answered_by": by, "answered_at": timezone.now()},
        )
        mail.co_organizer_answered(co_organizer, entry)
        if side_event.state == SideEventState.ACCEPTED and side_event.notified_at is not None:
            cache_versions.bump_after_commit(cache_versions.PROGRAMME)
    return co_organizer


# --- The one transition function --------------------------------------------------------------


def check_transition(side_event, new_state, *, reason="", today=None):
    """Raise ValidationError when the change is not allowed; return the states otherwise. A
    decision follows from the decision already taken, sent or not."""
    old_state, new_state = check(SideEventState, side_event.decided_state, new_state, message=CANNOT_GO)
    if new_state == SideEventState.SUBMITTED:
        if not call_open(side_event.forum, today):
            raise ValidationError(
                _("The call for side events of %(forum)s is closed.") % {"forum": side_event.forum}
            )
        if not side_event.speakers.exists():
            raise ValidationError(_("Name at least one planned speaker before submitting."))
    if new_state in SideEventState.needs_reason() and not reason.strip():
        raise ValidationError(_("Give the organisers a reason for “%(new)s”.") % {"new": new_state.label})
    return old_state, new_state


def _slot_released():
    return {"room": None, "starts_at": None, "ends_at": None}


def set_side_event_state(side_event, new_state, *, by=None, reason="", today=None):
    """The one way a side event changes state.

    A decision (accepted, waitlisted, rejected) is held in `pending_state` with its time and
    reason: `state` changes, and the organisers learn of it, when send_decisions sends it. The
    organisers' own changes (submitting, withdrawing) take effect at once. Leaving "accepted"
    frees the room and the slot: at once if the acceptance was never sent, else when the new
    decision is.
    """
    decided, new_state = check_transition(side_event, new_state, reason=reason, today=today)
    now = timezone.now()
    reason = reason.strip()
    if new_state in SideEventState.decisions():
        with transaction.atomic():
            unchanged = new_state == side_event.state
            side_event.pending_state = "" if unchanged else new_state
            side_event.pending_reason = "" if unchanged else reason
            side_event.decided_at = now
            fields = ["pending_state", "pending_reason", "decided_at"]
            leaves_unsent_acceptance = (
                decided == SideEventState.ACCEPTED and side_event.state != SideEventState.ACCEPTED
            )
            if leaves_unsent_acceptance and (side_event.room_id or side_event.starts_at):
                for name, value in _slot_released().items():
                    setattr(side_event, name, value)
                fields += list(_slot_released())
            side_event.save(update_fields=fields)
            log_activity(
                side_event, "side_event.decision", actor=by, old_state=decided, new_state=new_state, note=reason
            )
        return side_event
    changes = {"pending_state": "", "pending_reason": ""}
    if new_state == SideEventState.SUBMITTED:
        changes["submitted_at"] = now
    was_public = side_event.state == SideEventState.ACCEPTED and side_event.notified_at is not None
    if decided == SideEventState.ACCEPTED and (side_event.room_id or side_event.starts_at):
        changes.update(_slot_released())
    with transaction.atomic():
        transition(
            side_event,
            new_state,
            states=SideEventState,
            message=CANNOT_GO,
            action="side_event.state",
            by=by,
            note=reason,
            changes=changes,
        )
        if was_public:
            cache_versions.bump_after_commit(cache_versions.PROGRAMME)
    return side_event


def send_decisions(side_events, *, by=None):
    """Send every decision taken and not yet sent, once each: the state becomes the decision,
    the organisers are told, the public sees an acceptance."""
    count = 0
    with transaction.atomic():
        for side_event in side_events.select_for_update().exclude(pending_state=""):
            changes = {
                "pending_state": "",
                "pending_reason": "",
                "decision_reason": side_event.pending_reason,
                "notified_at": timezone.now(),
            }
            if side_event.state == SideEventState.ACCEPTED and side_event.pending_state != SideEventState.ACCEPTED:
                changes.update(_slot_released())
            transition(
                side_event,
                side_event.pending_state,
                states=SideEventState,
                message=CANNOT_GO,
                action="side_event.state",
                by=by,
                note=side_event.pending_reason,
                changes=changes,
            )
            mail.decision(side_event)
            count += 1
        if count:
            cache_versions.bump_after_commit(cache_versions.PROGRAMME)
    return count


# --- What the portal computes from the panel, for the reviewers -------------------------------


def share_of_women(speakers):
    """Women among all planned speakers, as an exact fraction; None without speakers."""
    speakers = list(speakers)
    if not speakers:
        return None
    return Fraction(sum(1 for s in speakers if s.gender == Gender.WOMAN), len(speakers))


def regions(speakers):
    """The M49 regions the speakers come from, in the order of the regions."""
    present = {s.region for s in speakers}
    return [region for region in Region if region in present]


def stakeholder_categories(speakers):
    """The stakeholder categories on the panel (States and the UN system are not stakeholders here)."""
    present = {s.category for s in speakers}
    return [category for category in stakeholder_speaker_categories() if category in present]


def mixes_states_and_stakeholders(speakers):
    categories = {s.category for s in speakers}
    return SpeakerCategory.MEMBER_STATE in categories and bool(
        categories & set(stakeholder_speaker_categories())
    )


@dataclass(frozen=True)
class PanelBalance:
    speakers: int
    share_of_women: Fraction | None
    regions: list
    stakeholder_categories: list
    mixes_states_and_stakeholders: bool

    @property
    def percent_women(self):
        return None if self.share_of_women is None else round(self.share_of_women * 100)


def panel_balance(speakers):
    speakers = list(speakers)
    return PanelBalance(
        speakers=len(speakers),
        share_of_women=share_of_women(speakers),
        regions=regions(speakers),
        stakeholder_categories=stakeholder_categories(speakers),
        mixes_states_and_stakeholders=mixes_states_and_stakeholders(speakers),
    )


# --- Rooms and slots --------------------------------------------------------------------------


def _local(forum, moment):
    return moment.astimezone(forum.tz)


def _span(forum, start, end):
    start, end = _local(forum, start), _local(forum, end)
    return f"{start:%Y-%m-%d %H:%M}–{end:%H:%M}"


def validate_side_event_slot(side_event, *, state=None):
    """Accepted side events get a room and a slot outside the official sessions of their forum,
    in a room no other side event holds at that time.

    `state` is the state the side event will have (a form may accept and schedule at once).
    Raises ValidationError keyed by field.
    """
    state = state or side_event.decided_state
    start, end = side_event.starts_at, side_event.ends_at
    if not (start or end or side_event.room_id):
        return
    errors = {}
    if state != SideEventState.ACCEPTED:
        raise ValidationError({"starts_at": _("Only accepted side events get a room and a slot.")})
    if not (start and end):
        raise ValidationError({"ends_at" if start else "starts_at": _("Give both the start and the end.")})
    forum = side_event.forum
    local_start, local_end = _local(forum, start), _local(forum, end)
    if end <= start:
        raise ValidationError({"ends_at": _("The side event must end after it starts.")})
    if local_start.date() != local_end.date():
        errors["ends_at"] = _("A side event starts and ends on the same day (venue time).")
    if local_start.date() not in forum.programme_days:
        errors["starts_at"] = _(
            "Side events take place from the hearing on %(first)s to the last forum day, %(last)s (venue time)."
        ) % {"first": forum.hearing_date.isoformat(), "last": forum.end_date.isoformat()}
    found = []
    if local_start.date() in forum.programme_days:
        found = bookings.clashes(forum.pk, start, end, kind=SIDE_EVENT, room_id=side_event.room_id, pk=side_event.pk)
    official = next((b for b in found if b.official), None)
    clash = next((b for b in found if not b.official), None)
    if official is not None:
        errors["starts_at"] = _(
            "Side events run outside the official meeting hours; this slot overlaps “%(session)s” (%(span)s)."
        ) % {"session": official.title, "span": _span(forum, official.starts_at, official.ends_at)}
    if side_event.room_id:
        if clash is not None:
            errors["room"] = _("%(room)s is already taken by the side event “%(other)s” (%(span)s).") % {
                "room": side_event.room.name,
                "other": clash.title,
                "span": _span(forum, clash.starts_at, clash.ends_at),
            }
    elif side_event.format != SideEventFormat.VIRTUAL:
        errors["room"] = _("An in-person or hybrid side event needs a room.")
    if errors:
        raise ValidationError(errors)


def schedule_side_event(side_event, *, room, starts_at, ends_at, by=None):
    """Give an accepted side event its room and slot (or take them away with None)."""
    side_event.room, side_event.starts_at, side_event.ends_at = room, starts_at, ends_at
    validate_side_event_slot(side_event)
    with transaction.atomic():
        side_event.save(update_fields=["room", "starts_at", "ends_at"])
        note = _span(side_event.forum, starts_at, ends_at) if starts_at and ends_at else ""
        if room:
            note = f"{note}, {room.name}" if note else room.name
        log_activity(side_event, "side_event.scheduled", actor=by, note=note)
        if side_event.notified_at:
            cache_versions.bump_after_commit(cache_versions.PROGRAMME)
    return side_event


def late_notice_warning(side_event, now=None):
    """A warning when the organisers learn of the acceptance less than a month before the event:
    when it was sent, or, not sent yet, if it were sent now."""
    if side_event.decided_state != SideEventState.ACCEPTED or side_event.starts_at is None:
        return None
    sent = side_event.notified_at if not side_event.pending_state else None
    notice = side_event.starts_at - (sent or now or timezone.now())
    if notice >= NOTICE_PERIOD:
        return None
    if sent:
        message = _(
            "The organisers of “%(title)s” learnt of the decision %(days)s days before the event, less than a month."
        )
    else:
        message = _(
            "The organisers of “%(title)s” would learn of the decision %(days)s days before the event, "
            "less than a month: send the decision soon."
        )
    # Days as the calendar in New York counts them, not whole 24-hour spans: the same event is
    # "21 days" away all day long, whatever the hour the warning is read.
    told_on = timezone.localdate(sent or now or timezone.now())
    days = (timezone.localdate(side_event.starts_at) - told_on).days
    return message % {"title": side_event.title, "days": max(days, 0)}


# --- What an organisation's own pages show ------------------------------------------------------


OWN_PAGE_MODELS = (SideEvent, SideEventCoOrganizer, Organization)


def own_pages_changed(sender, instance, **kwargs):
    """A side event's row, a co-organiser's or an organisation's saved or deleted, whoever wrote
    it: the dashboards that show it (its lead's list, the invitations its co-organisers answer,
    with the lead's name) are bumped after the commit."""
    if isinstance(instance, Organization) and not renamed(kwargs.get("update_fields")):
        return
    if isinstance(instance, SideEventCoOrganizer):
        cache_versions.bump_own_after_commit(organization_versions([instance.organization_id]))
        return
    if isinstance(instance, SideEvent):
        lead, invited = [instance.organization_id], SideEventCoOrganizer.objects.filter(side_event_id=instance.pk)
    else:  # an organisation, whose name its invitations show
        lead, invited = [], SideEventCoOrganizer.objects.filter(side_event__organization_id=instance.pk)
    # The co-organisers are read after the commit: the writer's own queries stay as they were.
    cache_versions.bump_own_after_commit(
        lambda: organization_versions([*lead, *invited.values_list("organization_id", flat=True)])
    )
