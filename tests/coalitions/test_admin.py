"""The secretariat reads coalitions and their members in the admin and may close one; the close
goes through set_coalition_state like the convenor's, logged with who."""

import pytest

from coalitions.enums import CoalitionState
from core.models import ActivityLog
from tests.coalitions.factories import convene
from tests.stakeholders.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def test_the_secretariat_reads_and_closes_a_coalition(secretariat_client, secretariat_user):
    coalition = convene(members=[OrganizationFactory(name="Fellow NGO")], title="Decent work corridor")
    page = secretariat_client.get(f"/admin/coalitions/coalition/{coalition.pk}/change/").content.decode()
    assert "Fellow NGO" in page and "coalition state changed · Draft → Public" in page
    secretariat_client.post(
        "/admin/coalitions/coalition/",
        {"action": "close_coalitions", "_selected_action": [coalition.pk]},
    )
    coalition.refresh_from_db()
    assert coalition.state == CoalitionState.CLOSED
    entry = ActivityLog.objects.for_object(coalition).filter(action="coalition.state").latest("pk")
    assert (entry.actor, entry.old_state, entry.new_state) == (secretariat_user, "published", "closed")
