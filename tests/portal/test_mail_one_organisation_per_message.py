"""A mail about a joint pledge or a co-organised side event never shows one organisation's
addresses to another: every message queued in the outbox and every message sent has one
recipient, and no message names the addresses of two organisations anywhere (To, Cc, Bcc,
headers, subject, body)."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from core import mail as outbox
from core.models import OutboxMessage
from pledges import services as pledges
from pledges.enums import PledgeState
from side_events import services as side_events
from side_events.enums import SideEventState
from tests.core.factories import SecretariatUserFactory
from tests.pledges.factories import PledgeFactory
from tests.side_events.factories import (
    SideEventFactory,
    SideEventSpeakerFactory,
    side_event_forum,
)
from tests.stakeholders.factories import AccreditationFactory, OrganizationFactory, focal_point_of

pytestmark = pytest.mark.django_db


def staffed(name, domain, people=2):
    """An organisation with `people` focal points at its own domain."""
    organization = OrganizationFactory(name=name)
    for n in range(people):
        focal_point_of(organization, email=f"person{n}@{domain}")
    return organization


def domains_in(text, domains):
    return {domain for domain in domains if f"@{domain}" in text}


def assert_one_organisation_per_message(domains):
    queued = list(OutboxMessage.objects.order_by("pk"))
    assert queued, "nothing was queued"
    for message in queued:
        text = "\n".join([message.recipient, message.subject, message.body])
        assert len(domains_in(text, domains)) == 1, (message.template, message.recipient)
    assert len(mail.outbox) == len(queued)
    for message in mail.outbox:
        assert (len(message.to), message.cc, message.bcc) == (1, [], [])
        text = "\n".join([*message.to, str(message.message())])
        assert len(domains_in(text, domains)) == 1, message.to


def test_every_mail_about_a_joint_pledge_goes_to_one_organisation(django_capture_on_commit_callbacks):
    domains = ("lead.example", "first.example", "second.example", "invited.example")
    lead = staffed("Lead Network", "lead.example")
    first, second = staffed("First Partner", "first.example"), staffed("Second Partner", "second.example", 1)
    invited = staffed("Invited Partner", "invited.example")
    pledge = PledgeFactory(organization=lead, contact_email="pledges@lead.example")
    lead_user = lead.memberships.first().user
    with django_capture_on_commit_callbacks(execute=True):
        for partner in (first, second):
            row = pledges.invite_partner(pledge, by=lead_user, organization=partner)
            pledges.confirm_partnership(row, by=partner.memberships.first().user)
        pledges.invite_partner(pledge, by=lead_user, organization=invited)
        pledges.set_pledge_state(pledge, PledgeState.SUBMITTED, by=lead_user)
        pledge.check_in_scope = pledge.check_measurable = pledge.check_objectives = True
        pledge.save()
        pledges.set_pledge_state(pledge, PledgeState.PUBLISHED, by=SecretariatUserFactory())
        pledge.refresh_from_db()
        pledge.health_since = timezone.localdate() - datetime.timedelta(days=340)
        pledge.save()
        assert pledges.send_reporting_reminders() == [pledge]
    templates = set(OutboxMessage.objects.values_list("template", flat=True))
    assert templates == {
        "pledges/email/partner_invitation",
        "pledges/email/partner_confirmed",
        "pledges/email/pledge_update",
        "pledges/email/reporting_reminder",
    }
    # The last publication's mail reaches the lead (two focal points and the contact) and both
    # confirmed partners (three people): six messages, never the invited one.
    update = OutboxMessage.objects.filter(
        template="pledges/email/pledge_update", subject__contains="Published"
    )
    assert sorted(update.values_list("recipient", flat=True)) == [
        "person0@first.example",
        "person0@lead.example",
        "person0@second.example",
        "person1@first.example",
        "person1@lead.example",
        "pledges@lead.example",
    ]
    assert_one_organisation_per_message(domains)


def test_every_mail_about_a_co_organised_side_event_goes_to_one_organisation(
    django_capture_on_commit_callbacks,
):
    domains = ("applicant.example", "partner.example")
    forum = side_event_forum()
    applicant, partner = staffed("Applicant", "applicant.example"), staffed("Partner", "partner.example")
    for organization in (applicant, partner):
        AccreditationFactory(organization=organization, forum=forum, kind="registration", state="approved")
    applicant_user, partner_user = (o.memberships.first().user for o in (applicant, partner))
    side_event = SideEventFactory(
        forum=forum,
        organization=applicant,
        state=SideEventState.SUBMITTED,
        created_by=applicant_user,
    )
    SideEventSpeakerFactory(side_event=side_event)
    with django_capture_on_commit_callbacks(execute=True):
        (row,) = side_events.set_co_organizers(side_event, [partner], by=applicant_user)
        side_events.answer_co_organization(row, confirm=True, by=partner_user)
        side_events.set_side_event_state(side_event, SideEventState.WAITLISTED, reason="Full.")
        side_events.send_decisions(type(side_event).objects.filter(pk=side_event.pk))
    assert set(OutboxMessage.objects.values_list("template", flat=True)) == {
        "side_events/email/co_organizer_invitation",
        "side_events/email/co_organizer_answer",
        "side_events/email/decision",
    }
    assert_one_organisation_per_message(domains)


def test_a_value_holding_several_addresses_becomes_one_message_each(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        messages = outbox.queue(
            "pledges/email/reporting_reminder",
            {"pledge": PledgeFactory()},
            ["a@one.example, b@two.example", "c@three.example;d@four.example", "not an address"],
        )
    assert [m.recipient for m in messages] == [
        "a@one.example",
        "b@two.example",
        "c@three.example",
        "d@four.example",
    ]
    assert [m.to for m in mail.outbox] == [
        ["a@one.example"],
        ["b@two.example"],
        ["c@three.example"],
        ["d@four.example"],
    ]
