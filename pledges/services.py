"""Domain rules of pledges. Views, admin actions, tasks and the demo all go through these
functions; every state change is logged and mailed after the commit."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coalitions import permissions as coalition_permissions
from coalitions.enums import CoalitionState
from coalitions.models import CoalitionMember
from coalitions.services import record_joint_pledge
from core import cache_versions
from core.audit import log_activity
from core.codes import codes, split_codes
from core.models import ActivityLog
from core.queue import after_commit
from core.ratelimit import check_recent, limit_of
from core.transitions import check, transition
from pledges import mail, permissions, tasks
from pledges.enums import MEMBER_STATE, PledgeState, Stage, SupportDirection
from pledges.models import (
    AMBER_AFTER_DAYS,
    REMIND_DAYS_BEFORE_AMBER,
    IndicatorValue,
    Pledge,
    PledgeCounter,
    PledgeMatchKey,
    PledgeMessage,
    PledgePartner,
    PledgeSupport,
    ProgressReport,
    match_pledger,
    match_topics,
)
from pledges.queries import pledge_forums
from pledges.registry import search
from stakeholders.models import Organization
from stakeholders.permissions import represented_by
from stakeholders.services import organization_versions, renamed

CANNOT_GO = gettext_lazy("A pledge cannot go from “%(old)s” to “%(new)s”.")


# --- The registry's cache --------------------------------------------------------------------


def invalidate_registry():
    """What the public sees changed: cached facet counts, statistics and pages are stale. A worker
    builds the new facet index at once (pledges/registry/index.py)."""
    cache_versions.bump_after_commit(cache_versions.REGISTRY)
    after_commit(tasks.warm_registry_index)
    after_commit(tasks.build_registry_csv)


def is_on_record(pledge):
    """Whether the public sees the pledge, in full or as its record (a pledge that left the
    registry): a change to it is a change to what the public sees."""
    return pledge.state == PledgeState.PUBLISHED or pledge.published_at is not None


# --- References ------------------------------------------------------------------------------


def allocate_reference(forum):
    """IMRF2026-0042: the next number of the forum, allocated under a row lock so that two
    pledges saved at once never share one."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                PledgeCounter.objects.get_or_create(forum=forum)
        except IntegrityError:
            pass  # another transaction created the row first; lock it below
        counter = PledgeCounter.objects.select_for_update().get(forum=forum)
        counter.last_number += 1
        counter.save(update_fields=["last_number"])
    return f"IMRF{forum.year}-{counter.last_number:04d}"


# --- Saving a pledge -------------------------------------------------------------------------


def refresh_denormalised(pledge):
    """Copy into the pledge row what the registry filters, sorts and shows."""
    partners = [p for p in pledge.partners.select_related("organization", "member_state") if p.is_confirmed]
    lead = pledge.member_state if pledge.member_state_id else pledge.organization
    pledge.pledger_type = MEMBER_STATE if pledge.member_state_id else pledge.organization.category
    pledge.pledger_names = "\n".join([_entity_name(lead), *(_entity_name(p.entity) for p in partners)])
    pledge.objective_codes = codes(sorted(pledge.objectives.values_list("number", flat=True)))
    pledge.principle_codes = codes(sorted(pledge.principles.values_list("letter", flat=True)))
    countries = list(pledge.countries.order_by("iso3").values_list("iso3", "region"))
    pledge.country_codes = codes(iso3 for iso3, _region in countries)
    regions = set(pledge.regions or []) | {region for _iso3, region in countries}
    pledge.region_codes = codes(sorted(regions))
    support = list(pledge.support.values_list("direction", "kind"))
    pledge.seek_codes = codes(sorted(kind for direction, kind in support if direction == SupportDirection.SEEK))
    pledge.offer_codes = codes(sorted(kind for direction, kind in support if direction == SupportDirection.OFFER))
    pledge.seeking_partners, pledge.offering_support = bool(pledge.seek_codes), bool(pledge.offer_codes)
    refresh_match_keys(pledge)
    pledge.updated_at = timezone.now()
    pledge.save(
        update_fields=[
            "pledger_type",
            "pledger_names",
            "objective_codes",
            "principle_codes",
            "country_codes",
            "region_codes",
            "seek_codes",
            "offer_codes",
            "seeking_partners",
            "offering_support",
            "updated_at",
        ]
    )
    search.update_vectors(pledge.pk)


def refresh_match_keys(pledge):
    """The pledge's rows in the matching index (PledgeMatchKey), from its denormalised codes:
    while it is published, and only then (set_pledge_state calls this too)."""
    PledgeMatchKey.objects.filter(pledge=pledge).delete()
    if pledge.state != PledgeState.PUBLISHED:
        return
    pledger = match_pledger(pledge.organization_id, pledge.member_state_id)
    topics = match_topics(pledge.objective_codes, pledge.country_codes)
    PledgeMatchKey.objects.bulk_create(
        PledgeMatchKey(pledge=pledge, pledger=pledger, kind=kind, topic=topic)
        for kind in split_codes(pledge.offer_codes)
        for topic in topics
    )


def _entity_name(entity):
    if entity is None:
        return ""
    acronym = getattr(entity, "acronym", "")
    return f"{entity.name} ({acronym})" if acronym else entity.name


def save_pledge(form, *, by, pledger=None, indicators=None):
    """Save a pledge from its form (and its indicators' formset). A new pledge gets its reference
    and its pledging entity: the user's organisation or State, unless the form names one."""
    with transaction.atomic():
        pledge = form.save(commit=False)
        created = pledge.pk is None
        if created:
            if not (pledge.organization_id or pledge.member_state_id):
                if pledger is None or not pledger:
                    raise PermissionDenied(_("Only an organisation or a Member State can pledge."))
                if pledger.member_state is not None and getattr(form, "as_state", True):
                    pledge.member_state = pledger.member_state
                else:
                    pledge.organization = pledger.organization
            pledge.reference = allocate_reference(pledge.forum)
            pledge.created_by = by
        pledge.save()
        form.save_m2m()
        if hasattr(form, "support_kinds"):
            set_support(pledge, *form.support_kinds())
        if indicators is not None:
            indicators.instance = pledge
            indicators.save()
        refresh_denormalised(pledge)
        if created:
            log_activity(pledge, "pledge.created", actor=by, new_state=pledge.state)
        else:
            log_activity(pledge, "pledge.edited", actor=by)
        if is_on_record(pledge):
            invalidate_registry()
    return pledge


def set_support(pledge, seeks, offers):
    """What the pledge seeks and offers (SupportKind codes): its PledgeSupport rows become these;
    refresh_denormalised then copies them into the row, flags included."""
    wanted = {(SupportDirection.SEEK.value, str(k)) for k in seeks} | {
        (SupportDirection.OFFER.value, str(k)) for k in offers
    }
    existing = set(pledge.support.values_list("direction", "kind"))
    for direction, kind in existing - wanted:
        pledge.support.filter(direction=direction, kind=kind).delete()
    PledgeSupport.objects.bulk_create(
        PledgeSupport(pledge=pledge, direction=direction, kind=kind) for direction, kind in sorted(wanted - existing)
    )


def save_indicators(pledge, indicators, *, by):
    """Save the indicators' formset of a pledge (the flow's indicators step)."""
    with transaction.atomic():
        indicators.instance = pledge
        indicators.save()
        refresh_denormalised(pledge)
        log_activity(pledge, "pledge.edited", actor=by)
        if pledge.state == PledgeState.PUBLISHED:
            invalidate_registry()
    return pledge


def completeness_errors(pledge):
    """What a pledge needs before review, each as one sentence."""
    return [message for _step, message in completeness_problems(pledge)]


def completeness_problems(pledge):
    """What a pledge needs before review: (the step of the pledge flow that fixes it, a sentence)."""
    problems = []
    if not pledge.kinds:
        problems.append(("what", _("Choose at least one kind of pledge.")))
    if not pledge.objective_codes:
        problems.append(("what", _("Choose at least one GCM objective.")))
    if not pledge.indicators.exists():
        problems.append(
            ("indicators", _("Add at least one SMART indicator with a baseline, a target and a target date."))
        )
    if not (pledge.region_codes or pledge.global_scope):
        problems.append(("where", _("Say where the pledge is carried out: countries, regions, or global.")))
    if pledge.kind_financial and not (pledge.amount and pledge.currency):
        problems.append(("what", _("A financial pledge states the amount and the currency committed.")))
    return problems


# --- The one function that changes a pledge's state -----------------------------------------


def set_pledge_state(pledge, new_state, *, by, reason=""):
    """The one way a pledge changes state."""
    old_state, new_state = check(PledgeState, pledge.state, new_state, message=CANNOT_GO)
    reason = (reason or "").strip()
    # by=None is the system itself (a task, a management command); people are checked.
    if by is not None and not permissions.can_change_pledge_state(by, pledge, new_state):
        if new_state in PledgeState.owner_states():
            raise PermissionDenied(_("Only the pledging entity can do this."))
        raise PermissionDenied(_("Only the secretariat can do this."))
    check_pledge_transition(pledge, new_state, reason=reason)
    now = timezone.now()
    changes = {"updated_at": now}
    if new_state in PledgeState.needs_reason():
        changes["review_note"] = reason
    if new_state == PledgeState.PUBLISHED:
        published_at = pledge.published_at or now
        changes["published_at"] = published_at
        changes["health_since"] = max(filter(None, [pledge.last_report_at, timezone.localdate(published_at)]))
        changes["left_registry_at"] = None
        changes["public_reason"] = ""
    elif old_state == PledgeState.PUBLISHED:
        # The pledge leaves the registry but keeps its public record: when, and why (the reason
        # given to the pledger is the reason stated publicly; the admin and owner forms say so).
        changes["left_registry_at"] = now
        changes["public_reason"] = reason
    elif new_state == PledgeState.WITHDRAWN and pledge.published_at is not None and reason:
        changes["public_reason"] = reason
    with transaction.atomic():
        entry = transition(
            pledge,
            new_state,
            states=PledgeState,
            message=CANNOT_GO,
            action="pledge.state",
            by=by,
            note=reason,
            changes=changes,
        )
        mail.state_changed(pledge, entry)
        if PledgeState.PUBLISHED in (old_state, new_state):
            refresh_match_keys(pledge)
        if PledgeState.PUBLISHED in (old_state, new_state) or is_on_record(pledge):
            invalidate_registry()
    return pledge


def check_pledge_transition(pledge, new_state, *, reason=""):
    """The pledge's own rules for a change of state, beyond the state graph."""
    new_state = PledgeState(new_state)
    if new_state in PledgeState.needs_reason() and not reason:
        raise ValidationError(_("Give the pledger a reason for “%(new)s”.") % {"new": new_state.label})
    if new_state == PledgeState.SUBMITTED:
        errors = completeness_errors(pledge)
        if errors:
            raise ValidationError(errors)
    if new_state == PledgeState.PUBLISHED and not (
        pledge.check_in_scope and pledge.check_measurable and pledge.check_objectives
    ):
        raise ValidationError(
            _(
                "Tick the three review checks before publishing: in scope of the GCM, measurable, "
                "objectives correctly chosen."
            )
        )


# --- Joint pledges ---------------------------------------------------------------------------


def invite_partner(pledge, *, by, organization=None, member_state=None):
    # by=None is the system itself (the demo's joint pledge); people are checked.
    if by is not None:
        permissions.require_lead(by, pledge)
    if (organization is None) == (member_state is None):
        raise ValidationError(_("Invite one organisation or one Member State."))
    if (organization is not None and organization.pk == pledge.organization_id) or (
        member_state is not None and member_state.pk == pledge.member_state_id
    ):
        raise ValidationError(_("The pledging entity cannot be its own partner."))
    if pledge.state == PledgeState.WITHDRAWN:
        raise ValidationError(_("This pledge was withdrawn."))
    check_partner_invitation_rate(by, organization=organization, member_state=member_state)
    try:
        with transaction.atomic():
            partner = PledgePartner.objects.create(
                pledge=pledge, organization=organization, member_state=member_state, invited_by=by
            )
            log_activity(pledge, "pledge.partner_invited", actor=by, note=_entity_name(partner.entity))
            mail.partner_invited(partner)
    except IntegrityError:
        raise ValidationError(
            _("%(partner)s is already invited to this pledge.")
            % {"partner": _entity_name(organization or member_state)}
        ) from None
    return partner


def check_partner_invitation_rate(by, *, organization=None, member_state=None):
    """Each invitation mails the invited entity's focal points: limited per person (counted in
    the audit log, which a declined invitation does not leave) and per invited entity."""
    check_recent(
        ActivityLog.objects.filter(action="pledge.partner_invited", actor=by)
        if by is not None
        else ActivityLog.objects.none(),
        limit=limit_of("partner_invitation", "user"),
        field="timestamp",
        message=_(
            "You have invited %(count)s partners in the last day, the most the portal allows, because each "
            "invitation e-mails the partner's focal points. Please try again in %(hours)s hour(s)."
        ),
    )
    invited = organization or member_state
    check_recent(
        PledgePartner.objects.filter(organization=organization, member_state=member_state),
        limit=limit_of("partner_invitation", "organization"),
        field="invited_at",
        message=_(
            "%(partner)s has received %(count)s invitations to pledges in the last day, the most the portal "
            "allows. Please try again in %(hours)s hour(s)."
        ),
        params={"partner": _entity_name(invited)},
    )


def confirm_partnership(partner, *, by):
    if not permissions.is_partner(by, partner):
        raise PermissionDenied(_("Only the invited partner can confirm."))
    if partner.is_confirmed:
        raise ValidationError(_("Your partnership in this pledge is already confirmed."))
    with transaction.atomic():
        partner.confirmed_at = timezone.now()
        partner.confirmed_by = by
        partner.save(update_fields=["confirmed_at", "confirmed_by"])
        pledge = partner.pledge
        refresh_denormalised(pledge)
        log_activity(pledge, "pledge.partner_confirmed", actor=by, note=_entity_name(partner.entity))
        mail.partner_confirmed(partner)
        if is_on_record(pledge):
            invalidate_registry()
    return partner


def decline_partnership(partner, *, by):
    if not permissions.is_partner(by, partner):
        raise PermissionDenied(_("Only the invited partner can decline."))
    with transaction.atomic():
        pledge = partner.pledge
        log_activity(pledge, "pledge.partner_declined", actor=by, note=_entity_name(partner.entity))
        was_confirmed = partner.is_confirmed
        partner.delete()
        if was_confirmed:
            refresh_denormalised(pledge)
            if is_on_record(pledge):
                invalidate_registry()


# --- Contact the pledger ---------------------------------------------------------------------


def send_pledger_message(pledge, *, by, body, share_address):
    """A message from a member of an accredited organisation (or a State's focal point) to the
    focal points of a pledge that seeks partners: recorded, limited, logged and mailed, without
    showing the sender the recipients' addresses."""
    refusal = permissions.contact_refusal(by, pledge)
    if refusal is not None:
        raise PermissionDenied(refusal)
    represented = represented_by(by)
    with transaction.atomic():
        check_pledger_message_rate(pledge, by=by)
        message = PledgeMessage.objects.create(
            pledge=pledge,
            sender=by,
            organization=None if represented.member_state is not None else represented.organization,
            member_state=represented.member_state,
            body=body.strip(),
            share_address=share_address,
        )
        recipients = mail.pledger_message(message)
        log_activity(
            pledge,
            "pledge.message_sent",
            actor=by,
            note=f"to {len(recipients)} focal point(s); address {'shared' if share_address else 'not shared'}",
        )
    return message


def check_pledger_message_rate(pledge, *, by):
    """Each message mails the pledger's focal points: limited per writer, and per pledging entity
    (the focal points who receive them), counted on the messages' own rows."""
    check_recent(
        PledgeMessage.objects.filter(sender=by),
        limit=limit_of("pledger_message", "user"),
        message=_(
            "You have written %(count)s messages to pledgers in the last day, the most the portal allows, because "
            "each one e-mails their focal points. Please try again in %(hours)s hour(s)."
        ),
    )
    check_recent(
        PledgeMessage.objects.filter(
            pledge__organization_id=pledge.organization_id, pledge__member_state_id=pledge.member_state_id
        ),
        limit=limit_of("pledger_message", "organization"),
        message=_(
            "%(pledger)s has received %(count)s messages about its pledges in the last day, the most the portal "
            "allows. Please try again in %(hours)s hour(s)."
        ),
        params={"pledger": _entity_name(pledge.pledger)},
    )


def create_joint_pledge(coalition, *, by):
    """The convenor turns the coalition into a joint pledge: a draft by the convenor, for the
    next forum that takes pledges, with the coalition's topic, shared draft, objectives and
    countries, and every other confirmed member invited as partner through invite_partner (each
    confirms as any partner does). The convenor completes it in the pledge flow and submits it."""
    if by is not None and not coalition_permissions.can_make_joint_pledge(by, coalition):
        raise PermissionDenied(_("Only the convenor's focal points make a joint pledge of a public coalition."))
    if coalition.state != CoalitionState.PUBLISHED:
        raise ValidationError(_("Only a public coalition makes a joint pledge."))
    forum = pledge_forums().first()
    if forum is None:
        raise ValidationError(_("No forum takes pledges now."))
    members = list(
        CoalitionMember.objects.confirmed()
        .filter(coalition=coalition)
        .exclude(organization_id=coalition.organization_id, member_state_id=coalition.member_state_id)
        .select_related("organization", "member_state")
        .order_by("asked_at", "pk")
    )
    if not members:
        raise ValidationError(_("A joint pledge needs at least one confirmed member besides the convenor."))
    with transaction.atomic():
        pledge = Pledge(
            forum=forum,
            title=coalition.title[:200],
            text=coalition.draft_text.strip() or coalition.description,
            organization_id=coalition.organization_id,
            member_state_id=coalition.member_state_id,
            coalition=coalition,
            created_by=by,
            state=PledgeState.DRAFT,
        )
        pledge.reference = allocate_reference(forum)
        pledge.save()
        pledge.objectives.set(coalition.objectives.all())
        pledge.countries.set(coalition.countries.all())
        refresh_denormalised(pledge)
        log_activity(pledge, "pledge.created", actor=by, new_state=PledgeState.DRAFT, note=coalition.title)
        for member in members:
            invite_partner(pledge, by=by, organization=member.organization, member_state=member.member_state)
        record_joint_pledge(coalition, reference=pledge.reference, by=by)
    return pledge


# --- Progress --------------------------------------------------------------------------------


def post_progress_report(pledge, *, by, reported_on, stage, narrative, values):
    """A dated report by the pledging entity or a confirmed partner. `values` maps indicator ids
    to their current values; each indicator of the pledge needs one."""
    permissions.require_owner(by, pledge)
    if pledge.state != PledgeState.PUBLISHED:
        raise ValidationError(_("Progress is reported on published pledges."))
    errors = {}
    today = timezone.localdate()
    if reported_on > today:
        errors["reported_on"] = _("A report cannot be dated in the future.")
    if not (narrative or "").strip():
        errors["narrative"] = _("Say what was done since the last report.")
    indicators = list(pledge.indicators.all())
    missing = [i.description for i in indicators if values.get(i.pk) is None]
    if missing:
        errors["values"] = _("Give the current value of every indicator: %(missing)s.") % {
            "missing": "; ".join(missing)
        }
    if errors:
        raise ValidationError(errors)
    stage = Stage(stage)
    with transaction.atomic():
        lead = permissions.is_lead(by, pledge)
        partner = None if lead else permissions.confirmed_partner(by, pledge)
        entity = (
            (pledge.organization, pledge.member_state)
            if lead
            else (partner.organization, partner.member_state)
        )
        report = ProgressReport.objects.create(
            pledge=pledge,
            reported_on=reported_on,
            stage=stage,
            narrative=narrative.strip(),
            organization=entity[0],
            member_state=entity[1],
            author=by,
        )
        IndicatorValue.objects.bulk_create(
            IndicatorValue(report=report, indicator=i, value=values[i.pk]) for i in indicators
        )
        latest = pledge.reports.order_by("-reported_on", "-pk").first()
        pledge.stage = latest.stage
        pledge.last_report_at = latest.reported_on
        pledge.health_since = max(
            filter(
                None, [latest.reported_on, pledge.published_at and timezone.localdate(pledge.published_at)]
            )
        )
        # Its page shows the report: the pledge's version (updated_at, which keys the page's
        # cached body, views.detail) moves, as with every other change the page shows.
        pledge.updated_at = timezone.now()
        pledge.save(update_fields=["stage", "last_report_at", "health_since", "updated_at"])
        log_activity(pledge, "pledge.progress_report", actor=by, new_state=stage, note=str(reported_on))
        invalidate_registry()
    return report


def reminders_due(today=None):
    """Published pledges that turn amber within a month and whose owners were not yet reminded
    in this reporting period."""
    today = today or timezone.localdate()
    amber_on = today - datetime.timedelta(days=AMBER_AFTER_DAYS)
    remind_from = today - datetime.timedelta(days=AMBER_AFTER_DAYS - REMIND_DAYS_BEFORE_AMBER)
    due = Pledge.objects.published().filter(health_since__gt=amber_on, health_since__lte=remind_from)
    return [
        pledge
        for pledge in due.only("pk", "health_since", "reminded_at")
        if pledge.reminded_at is None or timezone.localdate(pledge.reminded_at) < pledge.health_since
    ]


def send_reporting_reminders(today=None):
    """Remind each pledge's owners once per reporting period; returns the pledges reminded."""
    reminded = []
    for pledge in reminders_due(today):
        with transaction.atomic():
            locked = Pledge.objects.select_for_update().get(pk=pledge.pk)
            if (
                locked.reminded_at is not None
                and timezone.localdate(locked.reminded_at) >= locked.health_since
            ):
                continue
            locked.reminded_at = timezone.now()
            locked.save(update_fields=["reminded_at"])
            log_activity(locked, "pledge.reporting_reminder")
            mail.reporting_reminder(locked)
        reminded.append(locked)
    return reminded


# --- What an organisation's or a Member State's own pages show ----------------------------------


OWN_PAGE_MODELS = (Pledge, PledgePartner, Organization)


def own_pages_changed(sender, instance, **kwargs):
    """A pledge's row, a partner's or an organisation's saved or deleted, whoever wrote it: the
    dashboards and "my pledges" that show it (its pledger's, its partners', who see it listed or
    its invitation with the pledger's name) are bumped after the commit."""
    if isinstance(instance, Organization) and not renamed(kwargs.get("update_fields")):
        return
    parties, partners = [], PledgePartner.objects.none()
    if isinstance(instance, (Pledge, PledgePartner)):
        parties.append((instance.organization_id, instance.member_state_id))
    if isinstance(instance, Pledge):
        partners = PledgePartner.objects.filter(pledge_id=instance.pk)
    elif not isinstance(instance, PledgePartner):  # an organisation, whose name its invitations show
        partners = PledgePartner.objects.filter(pledge__organization_id=instance.pk)
    # The partners are read after the commit: the writer's own queries stay as they were.
    cache_versions.bump_own_after_commit(
        lambda: owner_versions([*parties, *partners.values_list("organization_id", "member_state_id")])
    )


def owner_versions(parties):
    """The own versions of (organisation id, Member State id) pairs, either may be None."""
    organizations = organization_versions(organization for organization, _state in parties)
    member_states = {state for _organization, state in parties if state is not None}
    return [*organizations, *(cache_versions.of(cache_versions.MEMBER_STATE, pk) for pk in member_states)]
