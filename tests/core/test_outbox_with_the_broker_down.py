"""With the broker down (a real closed port), every change that mails someone still answers
normally and keeps its mail in the outbox; once a real Redis is back, a real Celery worker sends
every message exactly once."""

import pytest
from django.test import Client
from django.utils import timezone

from core.models import OutboxMessage
from pledges.models import Pledge
from side_events.enums import SideEventState
from side_events.models import SideEvent
from side_events.services import set_side_event_state
from stakeholders.models import Accreditation
from tests.celery_worker import PrivateRedis, Worker, free_port, sender, wait_for, worker_env
from tests.core.factories import SecretariatUserFactory
from tests.pledges.factories import PledgeFactory
from tests.side_events.factories import SideEventFactory, SideEventSpeakerFactory, side_event_forum
from tests.stakeholders.factories import OrganizationFactory, focal_point_of, open_forum

pytestmark = pytest.mark.django_db(transaction=True)


def admin_review(client, pledge, transition, reason=""):
    return client.post(
        f"/admin/pledges/pledge/{pledge.pk}/change/",
        {
            "check_in_scope": "on",
            "check_measurable": "on",
            "check_objectives": "on",
            "transition": transition,
            "reason": reason,
            "partners-TOTAL_FORMS": "0",
            "partners-INITIAL_FORMS": "0",
            "indicators-TOTAL_FORMS": "0",
            "indicators-INITIAL_FORMS": "0",
        },
    )


def test_changes_answer_normally_and_every_mail_is_sent_once_the_broker_is_back(
    web_broker, settings, tmp_path
):
    private = PrivateRedis(free_port())
    broker = f"redis://127.0.0.1:{private.port}/0"
    web_broker(broker)  # nothing listens there: the broker is down
    organization = OrganizationFactory(name="Migrant Voices")
    focal_point = focal_point_of(organization, email="focal@example.org")
    pledge = PledgeFactory(organization=organization, contact_email="contact@example.org")
    owner, staff = Client(raise_request_exception=False), Client(raise_request_exception=False)
    owner.force_login(focal_point)
    staff.force_login(SecretariatUserFactory(email="staff@example.org"))

    # Submitting, reviewing and publishing a pledge.
    assert owner.post(f"/pledges/my/{pledge.reference}/state/submitted/").status_code == 302
    assert admin_review(staff, pledge, "changes_requested", "Name the cities.").status_code == 302
    assert owner.post(f"/pledges/my/{pledge.reference}/state/submitted/").status_code == 302
    assert admin_review(staff, pledge, "published").status_code == 302
    assert Pledge.objects.get(pk=pledge.pk).state == "published"
    # Requesting accreditation.
    forum = open_forum()
    response = owner.post(
        f"/my/accreditation/{forum.year}/",
        {"mission": "Rights of migrant workers.", "migration_work": "Legal aid.", "contact_email": ""},
    )
    assert response.status_code == 302
    assert Accreditation.objects.get(organization=organization).state == "submitted"
    # Sending side-event decisions.
    side_event = SideEventFactory(forum=side_event_forum(year=2034), organization=organization, state="submitted")
    SideEventSpeakerFactory(side_event=side_event)
    set_side_event_state(side_event, SideEventState.WAITLISTED, reason="All slots are taken.")
    response = staff.post(
        "/admin/side_events/sideevent/",
        {"action": "send_side_event_decisions", "_selected_action": [side_event.pk]},
    )
    assert response.status_code == 302
    assert SideEvent.objects.get(pk=side_event.pk).state == "waitlisted"

    queued = list(OutboxMessage.objects.order_by("pk"))
    assert {m.sent_at for m in queued} == {None}
    assert sorted({m.template for m in queued}) == [
        "pledges/email/pledge_update",
        "side_events/email/decision",
        "stakeholders/email/accreditation_update",
    ]
    # Four pledge changes to the contact and the focal point, one accreditation update, one decision.
    assert len(queued) == 4 * 2 + 1 + 1

    private.start()
    worker = Worker(worker_env(broker, tmp_path), tmp_path / "worker.log")
    try:
        sender(broker).send_task("core.tasks.flush_outbox")
        wait_for(lambda: not OutboxMessage.objects.unsent().exists(), timeout=60, message="the outbox to drain")
        # A second sweep finds nothing left to send.
        sender(broker).send_task("core.tasks.flush_outbox")
        wait_for(lambda: sweeps(tmp_path) == 2, timeout=30, message="the second sweep")
    finally:
        worker.stop()
        private.stop()
    log = worker_log(tmp_path)
    for message in queued:
        message.refresh_from_db()
        assert message.attempts == 1
        assert message.sent_at <= timezone.now()
        assert log.count(f"To: {message.recipient}\nDate:") >= 1
    subjects = [line for line in log.splitlines() if line.startswith("Subject: ")]
    assert len(subjects) == len(queued)


def worker_log(tmp_path):
    return (tmp_path / "worker.log").read_text(errors="replace")


def sweeps(tmp_path):
    return sum(
        1
        for line in worker_log(tmp_path).splitlines()
        if "Task core.tasks.flush_outbox[" in line and "succeeded" in line
    )
