"""Pledge states, references, partners, progress and reminders, through the services."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from core.mail import deliver_mail
from core.models import ActivityLog, OutboxMessage
from pledges import services
from pledges.enums import PledgeState, Stage
from pledges.models import Pledge
from reference.models import MemberState
from tests.forums.factories import ForumFactory
from tests.pledges.factories import PledgeFactory, published
from tests.stakeholders.factories import OrganizationFactory, focal_point_of, state_focal_point

pytestmark = pytest.mark.django_db


def states(pledge):
    return list(
        ActivityLog.objects.filter(object_id=pledge.pk, action="pledge.state")
        .order_by("pk")
        .values_list("old_state", "new_state", "note")
    )


def test_references_count_per_forum():
    forum_2026, forum_2022 = ForumFactory(), ForumFactory(year=2022)
    assert [services.allocate_reference(forum_2026) for _ in range(3)] == [
        "IMRF2026-0001",
        "IMRF2026-0002",
        "IMRF2026-0003",
    ]
    assert services.allocate_reference(forum_2022) == "IMRF2022-0001"


def test_full_review_cycle_is_logged_and_mailed(secretariat_user, django_capture_on_commit_callbacks):
    pledge = PledgeFactory(contact_email="contact@example.org")
    owner = focal_point_of(pledge.organization, email="lead@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        services.set_pledge_state(pledge, PledgeState.SUBMITTED, by=owner)
        services.set_pledge_state(
            pledge, PledgeState.CHANGES_REQUESTED, by=secretariat_user, reason="Name the cities."
        )
    pledge.refresh_from_db()
    assert pledge.review_note == "Name the cities."
    with django_capture_on_commit_callbacks(execute=True):
        services.set_pledge_state(pledge, PledgeState.SUBMITTED, by=owner)
        pledge.check_in_scope = pledge.check_measurable = pledge.check_objectives = True
        pledge.save()
        services.set_pledge_state(pledge, PledgeState.PUBLISHED, by=secretariat_user)
        services.set_pledge_state(pledge, PledgeState.UNPUBLISHED, by=secretariat_user, reason="Duplicate.")
        services.set_pledge_state(pledge, PledgeState.WITHDRAWN, by=owner)
    assert states(pledge) == [
        ("draft", "submitted", ""),
        ("submitted", "changes_requested", "Name the cities."),
        ("changes_requested", "submitted", ""),
        ("submitted", "published", ""),
        ("published", "unpublished", "Duplicate."),
        ("unpublished", "withdrawn", ""),
    ]
    # Six changes, each mailed to the contact and the lead's focal point, one message each.
    assert len(mail.outbox) == 12
    assert {len(message.to) for message in mail.outbox} == {1}
    assert sorted(m.to[0] for m in mail.outbox[:2]) == ["contact@example.org", "lead@example.org"]
    assert mail.outbox[2].subject == f"[IMRF Portal] Pledge {pledge.reference} is now “Changes requested”"
    assert "Name the cities." in mail.outbox[2].body
    pledge.refresh_from_db()
    assert pledge.published_at is not None
    assert pledge.health_since == timezone.localdate(pledge.published_at)


def test_mail_is_written_with_the_change_and_sent_only_after_commit(django_capture_on_commit_callbacks):
    pledge = PledgeFactory()
    owner = focal_point_of(pledge.organization, email="lead@example.org")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.set_pledge_state(pledge, PledgeState.SUBMITTED, by=owner)
    assert mail.outbox == []
    queued = OutboxMessage.objects.get()
    assert (queued.recipient, queued.template, queued.sent_at) == ("lead@example.org", "pledges/email/pledge_update", None)
    delivery = [callback for callback in callbacks if getattr(callback, "args", (None,))[0] is deliver_mail]
    assert [callback.keywords for callback in delivery] == [{"message_ids": [queued.pk]}]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("draft", "published"),
        ("draft", "changes_requested"),
        ("submitted", "draft"),
        ("published", "submitted"),
        ("withdrawn", "submitted"),
        ("withdrawn", "published"),
    ],
)
def test_invalid_transitions_are_refused(secretariat_user, old, new):
    pledge = PledgeFactory(state=old)
    with pytest.raises(ValidationError) as exc:
        services.set_pledge_state(pledge, new, by=secretariat_user, reason="x")
    assert exc.value.messages == [
        f"A pledge cannot go from “{PledgeState(old).label}” to “{PledgeState(new).label}”."
    ]


def test_only_the_secretariat_reviews_and_only_the_lead_submits(secretariat_user):
    pledge = PledgeFactory(state=PledgeState.SUBMITTED)
    owner = focal_point_of(pledge.organization)
    stranger = focal_point_of(OrganizationFactory())
    with pytest.raises(PermissionDenied):
        services.set_pledge_state(pledge, PledgeState.PUBLISHED, by=owner)
    draft = PledgeFactory(organization=pledge.organization)
    with pytest.raises(PermissionDenied):
        services.set_pledge_state(draft, PledgeState.SUBMITTED, by=stranger)


@pytest.mark.parametrize("state", ["changes_requested", "unpublished"])
def test_a_reason_is_required(secretariat_user, state):
    pledge = PledgeFactory(
        state=PledgeState.SUBMITTED if state == "changes_requested" else PledgeState.PUBLISHED
    )
    with pytest.raises(ValidationError) as exc:
        services.set_pledge_state(pledge, state, by=secretariat_user, reason="   ")
    assert exc.value.messages == [f"Give the pledger a reason for “{PledgeState(state).label}”."]


def test_publishing_needs_the_checklist(secretariat_user):
    pledge = PledgeFactory(state=PledgeState.SUBMITTED)
    with pytest.raises(ValidationError) as exc:
        services.set_pledge_state(pledge, PledgeState.PUBLISHED, by=secretariat_user)
    assert exc.value.messages == [
        "Tick the three review checks before publishing: in scope of the GCM, measurable, objectives correctly chosen."
    ]


def test_submitting_needs_a_complete_pledge():
    pledge = PledgeFactory(indicators=False, kind_technical=False, regions=[])
    owner = focal_point_of(pledge.organization)
    with pytest.raises(ValidationError) as exc:
        services.set_pledge_state(pledge, PledgeState.SUBMITTED, by=owner)
    assert exc.value.messages == [
        "Choose at least one kind of pledge.",
        "Add at least one SMART indicator with a baseline, a target and a target date.",
        "Say where the pledge is carried out: countries, regions, or global.",
    ]


def test_a_partner_is_listed_only_after_confirming(django_capture_on_commit_callbacks):
    pledge = published()
    lead = focal_point_of(pledge.organization, email="lead@example.org")
    partner_org = OrganizationFactory(name="Diaspora Forum", acronym="DF")
    partner_user = focal_point_of(partner_org, email="partner@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        partner = services.invite_partner(pledge, by=lead, organization=partner_org)
    assert mail.outbox[0].to == ["partner@example.org"]
    pledge.refresh_from_db()
    assert pledge.pledger_names == pledge.organization.name
    with pytest.raises(PermissionDenied):
        services.confirm_partnership(partner, by=lead)
    with django_capture_on_commit_callbacks(execute=True):
        services.confirm_partnership(partner, by=partner_user)
    pledge.refresh_from_db()
    assert pledge.pledger_names == f"{pledge.organization.name}\nDiaspora Forum (DF)"
    assert sorted(m.to[0] for m in mail.outbox[1:]) == ["lead@example.org", "partner@example.org"]
    with pytest.raises(ValidationError) as exc:
        services.invite_partner(pledge, by=lead, organization=partner_org)
    assert exc.value.messages == ["Diaspora Forum (DF) is already invited to this pledge."]


def test_a_member_state_pledges_and_is_invited():
    focal_point = state_focal_point("MEX")
    pledge = PledgeFactory(organization=None, member_state=MemberState.objects.get(iso3="MEX"))
    assert pledge.pledger_type == "member_state"
    assert pledge.pledger_names == "Mexico"
    other = PledgeFactory()
    lead = focal_point_of(other.organization)
    partner = services.invite_partner(other, by=lead, member_state=MemberState.objects.get(iso3="MEX"))
    services.confirm_partnership(partner, by=focal_point)
    other.refresh_from_db()
    assert other.pledger_names.split("\n")[1] == "Mexico"


def test_progress_reports_move_stage_and_reporting_clock():
    pledge = published()
    partner_org = OrganizationFactory()
    partner_user = focal_point_of(partner_org)
    lead = focal_point_of(pledge.organization)
    partner = services.invite_partner(pledge, by=lead, organization=partner_org)
    indicator = pledge.indicators.get()
    with pytest.raises(PermissionDenied):
        services.post_progress_report(
            pledge,
            by=partner_user,
            reported_on=timezone.localdate(),
            stage=Stage.IN_PROGRESS,
            narrative="Opened one centre.",
            values={indicator.pk: 20},
        )
    services.confirm_partnership(partner, by=partner_user)
    report = services.post_progress_report(
        pledge,
        by=partner_user,
        reported_on=timezone.localdate(),
        stage=Stage.IN_PROGRESS,
        narrative="Opened one centre.",
        values={indicator.pk: 20},
    )
    assert report.organization == partner_org
    pledge.refresh_from_db()
    assert (pledge.stage, pledge.last_report_at, pledge.health_since) == (
        "in_progress",
        timezone.localdate(),
        timezone.localdate(),
    )


def test_progress_report_validation_says_what_is_wrong():
    pledge = published()
    lead = focal_point_of(pledge.organization)
    with pytest.raises(ValidationError) as exc:
        services.post_progress_report(
            pledge,
            by=lead,
            reported_on=timezone.localdate() + datetime.timedelta(days=1),
            stage="planning",
            narrative=" ",
            values={},
        )
    assert exc.value.message_dict == {
        "reported_on": ["A report cannot be dated in the future."],
        "narrative": ["Say what was done since the last report."],
        "values": ["Give the current value of every indicator: Frontline workers trained."],
    }


def test_reminder_a_month_before_amber_goes_once(django_capture_on_commit_callbacks):
    today = timezone.localdate()
    due = published()
    Pledge.objects.filter(pk=due.pk).update(health_since=today - datetime.timedelta(days=340))
    fresh = published()
    Pledge.objects.filter(pk=fresh.pk).update(health_since=today - datetime.timedelta(days=100))
    amber = published()
    Pledge.objects.filter(pk=amber.pk).update(health_since=today - datetime.timedelta(days=400))
    focal_point_of(due.organization, email="due@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        assert [p.pk for p in services.send_reporting_reminders()] == [due.pk]
        assert services.send_reporting_reminders() == []
    assert [m.to for m in mail.outbox] == [["due@example.org"]]
    assert mail.outbox[0].subject == f"[IMRF Portal] Time to report progress on pledge {due.reference}"


def test_the_beat_schedule_runs_the_reminder_task():
    from imrf_portal.celery import app

    entries = {entry["task"] for entry in app.conf.beat_schedule.values()}
    assert "pledges.tasks.remind_reporting" in entries


def test_demo_pledges(forum):
    from pledges.demo import seed

    created = seed()
    assert [p.state for p in Pledge.objects.order_by("pk")] == [
        "published",
        "published",
        "published",
        "published",
        "submitted",
        "draft",
    ]
    assert len(created) == 6
    assert seed() == []  # once only
    assert Pledge.objects.get(title__startswith="Cheaper").stage == "in_progress"


def test_the_system_may_change_states_without_a_user():
    pledge = PledgeFactory()
    services.set_pledge_state(pledge, PledgeState.SUBMITTED, by=None)
    assert pledge.state == "submitted"
