"""The Secretariat group's pledge permissions, and the review in the admin."""

import pytest

from pledges.enums import PledgeState
from pledges.models import Pledge
from tests.pledges.factories import PledgeFactory

pytestmark = pytest.mark.django_db

def admin_post(client, pledge, **data):
    form = {
        "check_in_scope": "on",
        "check_measurable": "on",
        "check_objectives": "on",
        "transition": "",
        "reason": "",
        "partners-TOTAL_FORMS": "0",
        "partners-INITIAL_FORMS": "0",
        "indicators-TOTAL_FORMS": "0",
        "indicators-INITIAL_FORMS": "0",
    }
    form.update(data)
    return client.post(f"/admin/pledges/pledge/{pledge.pk}/change/", form)


def test_secretariat_publishes_through_the_admin(secretariat_client):
    pledge = PledgeFactory(state=PledgeState.SUBMITTED)
    page = secretariat_client.get(f"/admin/pledges/pledge/{pledge.pk}/change/")
    assert page.status_code == 200
    assert "In scope of the GCM (migrants, not refugees)" in page.content.decode()
    response = admin_post(secretariat_client, pledge, transition="published")
    assert response.status_code == 302
    pledge.refresh_from_db()
    assert pledge.state == "published"


def test_requesting_changes_needs_a_reason_in_the_admin(secretariat_client):
    pledge = PledgeFactory(state=PledgeState.SUBMITTED)
    response = admin_post(secretariat_client, pledge, transition="changes_requested")
    assert response.status_code == 200
    assert "Give the pledger a reason for “Changes requested”." in response.content.decode()
    assert Pledge.objects.get(pk=pledge.pk).state == "submitted"
    response = admin_post(secretariat_client, pledge, transition="changes_requested", reason="Add a target.")
    pledge.refresh_from_db()
    assert (pledge.state, pledge.review_note) == ("changes_requested", "Add a target.")


def test_publish_action_reports_missing_checks(secretariat_client):
    pledge = PledgeFactory(state=PledgeState.SUBMITTED)
    response = secretariat_client.post(
        "/admin/pledges/pledge/", {"action": "publish", "_selected_action": [pledge.pk]}, follow=True
    )
    assert "Tick the three review checks before publishing" in response.content.decode()
    assert Pledge.objects.get(pk=pledge.pk).state == "submitted"
