"""Queries of the pages that join several domains, each a fixed number of queries."""

import datetime
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _

from core import cache_versions, fragments
from core.deadlines import Deadline
from core.models import ActivityLog
from declarations import queries as declaration_queries
from pledges import queries as pledge_queries
from pledges.enums import PledgeState, ReportingHealth
from pledges.models import report_due_on, reporting_health_of
from side_events import queries as side_event_queries
from side_events import services as side_event_rules
from side_events.enums import SideEventState
from stakeholders import queries as stakeholder_queries
from stakeholders import services as stakeholder_services
from stakeholders.enums import AccreditationState, DelegateState
from stakeholders.permissions import is_focal_point

# A progress report enters "what is due" this long before the pledge would turn amber.
REPORT_NOTICE = datetime.timedelta(days=90)
# The changes an organisation is shown: the states it has been told of. Decisions on side events
# not yet sent ("side_event.decision") and speaking requests (only the selected hear, when
# notified) stay out.
CHANGE_ACTIONS = ("accreditation.state", "delegate.state", "side_event.state", "pledge.state")
CHANGES_SHOWN = 30


def dashboard(organization, *, since, today=None):
    """Everything /my/ shows an organisation, in a fixed number of queries whatever its rows."""
    today = today or timezone.localdate()
    context = stakeholder_queries.dashboard(organization)
    accreditations = context["accreditations"]
    for accreditation in accreditations:
        accreditation.deadlines = stakeholder_queries.accreditation_deadlines(accreditation, today)
        accreditation.next_step = stakeholder_services.next_step(accreditation)
        accreditation.state_label = accreditation.get_state_display()
    requested = {accreditation.forum_id for accreditation in accreditations}
    open_forums = [
        (forum, stakeholder_queries.accreditation_request_deadline(forum, today))
        for forum in public_open_forums()
        if forum.pk not in requested
    ]
    side_events = list(side_event_queries.organization_side_events(organization))
    open_calls = [
        (forum, side_event_call_deadline(forum, today)) for forum in side_event_rules.open_calls(organization, today)
    ]
    pledges = pledge_lines(
        pledge_queries.organization_pledges(organization).values("pk", "reference", "title", "state", "health_since"),
        today,
    )
    partner_invitations = list(pledge_queries.partner_invitations_of(organization))
    co_organizer_invitations = list(side_event_queries.unanswered_co_organizer_invitations(organization))
    due = [
        *(deadline for _forum, deadline in open_forums if not deadline.closed),
        *(deadline for a in accreditations for deadline in a.deadlines if not deadline.closed),
        *(deadline for _forum, deadline in open_calls),
        *(
            p.report_deadline
            for p in pledges
            if p.report_deadline and p.report_deadline.date - today <= REPORT_NOTICE
        ),
    ]
    due.sort(key=lambda deadline: (deadline.date, deadline.label))
    context.update(
        {
            "today": today,
            "open_forums": open_forums,
            "side_events": side_events,
            "open_calls": open_calls,
            "pledges": pledges,
            "partner_invitations": partner_invitations,
            "co_organizer_invitations": co_organizer_invitations,
            "information_requested": [
                a for a in accreditations if a.state == AccreditationState.INFORMATION_REQUESTED
            ],
            "due": due,
            "since": since,
            "changes": changes_since(organization, since, accreditations, side_events, pledges),
        }
    )
    return context


def organization_part(membership, since):
    """The dashboard's part about the member's organisation, rendered: the same for every member
    of it with the same role, in the same language, on the same day and since the same visit
    (`since` stays put through a sitting, core.visits), so it is kept under the organisation's own
    version (bumped by every change it shows, whoever writes it) and the public versions of what
    it shows of the forums (dates, titles, the open ones), the declarations (the forums that take
    key messages) and the reference data (the country's name). A reload, or another member's
    visit, runs none of its queries."""
    organization, today = membership.organization, timezone.localdate()

    def context():
        context = dashboard(organization, since=since, today=today)
        context["membership"], context["can_manage"] = membership, is_focal_point(membership)
        if context["can_manage"]:  # key messages are the focal points' to propose and endorse
            mark_key_message_forums(context["accreditations"])
        return context

    return fragments.rendered(
        "dashboard", "portal/_dashboard_organization.html", context,
        versions=(
            cache_versions.of(cache_versions.ORGANIZATION, organization.pk), cache_versions.PROGRAMME,
            cache_versions.DECLARATIONS, cache_versions.REFERENCE,
        ),
        parts=(organization.pk, membership.role, today.isoformat(), since.isoformat() if since else None),
    )  # fmt: skip


def mark_key_message_forums(accreditations):
    """Flag the approved accreditations whose forum has a published version of its declaration:
    the forums that take the organisation's key messages (one query)."""
    years = set(
        fragments.value(
            "declaration-years",
            declaration_queries.declaration_years,
            versions=(cache_versions.DECLARATIONS, cache_versions.PROGRAMME),  # a version, a forum's status
        )
    )
    for accreditation in accreditations:
        accreditation.takes_key_messages = accreditation.is_approved and accreditation.forum.year in years


def public_open_forums():
    """The forums open for accreditation: public, the same for everyone, kept in the cache under
    the programme's version (a forum's change bumps it) and the day (the dates that close them)."""
    return fragments.value(
        "open-forums",
        stakeholder_queries.open_forums,
        versions=(cache_versions.PROGRAMME,),
        parts=(timezone.localdate().isoformat(),),
    )


def open_non_objection_periods():
    """What a Member State's focal point may still object to: each forum whose non-objection
    period has not ended (New York dates)."""
    return [
        stakeholder_services.non_objection_period(forum)
        for forum in stakeholder_queries.forums_in_non_objection_period()
    ]


def side_event_call_deadline(forum, today):
    return Deadline.on(
        _("The call for side events of IMRF %(year)s closes") % {"year": forum.year},
        forum.side_event_call_deadline,
        today=today,
        url=reverse("side_events:new", args=[forum.year]),
        action=_("Apply for a side event"),
    )


@dataclass(frozen=True)
class PledgeLine:
    """One of the organisation's pledges as the dashboard lists it: its line of markup made once
    here (the list runs to dozens of pledges; a template's tags per row cost several times more)."""

    pk: int
    reference: str
    report_deadline: Deadline | None
    markup: str


def pledge_lines(rows, today):
    """PledgeLines from rows of values (pk, reference, title, state, health_since): the URLs
    reversed and the words translated once for the whole list, not once per row."""
    manage_url = pledge_queries.reference_urls("pledges:manage")
    report_url = pledge_queries.reference_urls("pledges:report")
    states = {state: str(label) for state, label in PledgeState.choices}
    healths = {health: str(health.label) for health in ReportingHealth}
    due_label, action, past_label = _("Progress report on %(reference)s due before"), _("Report progress"), _("overdue")
    lines = []
    for row in rows:
        reference = row["reference"]
        health = reporting_health_of(row["state"], row["health_since"], today)
        deadline = None
        if health:  # published, so its next report is due before it would turn amber
            deadline = Deadline.on(
                due_label % {"reference": reference},
                report_due_on(row["health_since"]),
                today=today,
                url=report_url(reference),
                action=action,
                past_label=past_label,
            )
        markup = format_html(
            '<a href="{}"><bdi>{}</bdi>: {}</a> · <span class="badge">{}</span>{}{}',
            manage_url(reference),
            reference,
            row["title"],
            states.get(row["state"], row["state"]),
            format_html(' · <span class="health health-{}">{}</span>', health.value, healths[health]) if health else "",
            format_html(" <br>{}", deadline.markup) if deadline else "",
        )
        lines.append(PledgeLine(pk=row["pk"], reference=reference, report_deadline=deadline, markup=markup))
    return lines


def changes_since(organization, since, accreditations, side_events, pledges):
    """The state changes of the organisation's accreditations, delegates, side events and pledges
    since `since`, newest first, each as a readable line. Nothing on a first visit."""
    if since is None:
        return []
    entries = list(
        ActivityLog.objects.about(
            stakeholder_queries.accreditations_of(organization),
            stakeholder_queries.delegates_of(organization),
            side_event_queries.organization_side_events(organization),
            pledge_queries.organization_pledges(organization),
        )
        .filter(action__in=CHANGE_ACTIONS, timestamp__gt=since)
        .select_related("content_type")
        .order_by("-timestamp", "-pk")[:CHANGES_SHOWN]
    )
    # All the organisation's delegates, a handful per forum: one query whatever the entries name.
    delegates = {d.pk: d for d in stakeholder_queries.delegates_of(organization).only("id", "name")}
    what = {
        "accreditation.state": (
            {a.pk: _("Accreditation to IMRF %(year)s") % {"year": a.forum.year} for a in accreditations},
            AccreditationState,
        ),
        "delegate.state": (
            {pk: _("Delegate %(name)s") % {"name": d.name} for pk, d in delegates.items()},
            DelegateState,
        ),
        "side_event.state": (
            {s.pk: _("Side event “%(title)s”") % {"title": s.title} for s in side_events},
            SideEventState,
        ),
        "pledge.state": (
            {p.pk: _("Pledge %(reference)s") % {"reference": p.reference} for p in pledges},
            PledgeState,
        ),
    }
    changes = []
    for entry in entries:
        names, states = what[entry.action]
        labels = dict(states.choices)
        new = labels.get(entry.new_state, entry.new_state)
        if entry.old_state:
            change = _("%(old)s → %(new)s") % {"old": labels.get(entry.old_state, entry.old_state), "new": new}
        else:
            change = _("recorded as %(new)s") % {"new": new}
        changes.append({"when": entry.timestamp, "what": names.get(entry.object_id, ""), "change": change})
    return changes
