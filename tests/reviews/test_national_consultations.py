"""A State's focal point records a national consultation for its own State (whatever the request
says), logged; its deadline falls before the forum; its review may then cite it."""

import pytest

from core.models import ActivityLog
from reviews.models import Consultation
from tests.reviews.factories import state
from tests.stakeholders.factories import state_focal_point

pytestmark = pytest.mark.django_db
URL = "/my/reviews/national-consultations/new/"


def test_a_focal_point_records_its_states_consultation(client, forum):
    user = state_focal_point("MEX")
    client.force_login(user)
    response = client.post(
        URL,
        {"forum": forum.pk, "title": "Consulta nacional", "deadline": "2026-02-27", "member_state": state("PHL").pk},
    )
    assert response.status_code == 302
    consultation = Consultation.objects.get()
    assert (consultation.kind, consultation.member_state.iso3, consultation.opened_by) == ("national", "MEX", user)
    entry = ActivityLog.objects.get(action="consultation.recorded")
    assert (entry.actor, entry.object_id) == (user, consultation.pk)
    form = client.get(f"/my/reviews/{forum.year}/voluntary-review/").context["form"]
    assert list(form.fields["consultation"].queryset) == [consultation]


def test_its_deadline_falls_before_the_forum(client, forum):
    client.force_login(state_focal_point("MEX"))
    response = client.post(URL, {"forum": forum.pk, "title": "Consulta nacional", "deadline": "2026-05-06"})
    assert response.context["form"].errors == {"deadline": ["Input is due before the forum's first day (5 May 2026)."]}
    assert Consultation.objects.count() == 0
