"""The demo side events go through the real rules and show in the 2026 programme."""

import pytest

from forums.demo import seed
from forums.models import Forum
from side_events.demo import seed_side_events
from side_events.enums import SideEventState
from side_events.models import SideEvent
from stakeholders.demo import seed as seed_organizations

pytestmark = pytest.mark.django_db


def test_demo_side_events_are_decided_scheduled_and_public(client):
    seed()
    seed_organizations()
    created = seed_side_events()
    assert sorted((s.title, s.state) for s in created) == [
        ("Cities welcoming migrants: local pledges (demo)", SideEventState.ACCEPTED),
        ("Fair recruitment in practice (demo)", SideEventState.ACCEPTED),
        ("Migrant-led data for inclusion (demo)", SideEventState.ACCEPTED),
        ("Remittances and digital finance (demo)", SideEventState.WAITLISTED),
    ]
    assert SideEvent.objects.filter(notified_at__isnull=True).count() == 0
    response = client.get("/forums/2026/side-events/")
    assert [e.title for day in response.context["days"] for e in day["side_events"]] == [
        "Fair recruitment in practice (demo)",
        "Migrant-led data for inclusion (demo)",
        "Cities welcoming migrants: local pledges (demo)",
    ]
    assert all(forum.side_event_call_deadline is not None for forum in Forum.objects.all())
    assert seed_side_events() == []
    assert SideEvent.objects.count() == 4
