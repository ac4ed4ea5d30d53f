"""The owner's page offers exactly the state changes the service accepts, in every state: one rule
(pledges.permissions.state_changes) read by both (issue 14: a published pledge offered "Submit for
review", and pressing it gave an error)."""

import pytest

from pledges.enums import PledgeState
from pledges.models import Pledge
from tests.pledges.factories import PledgeFactory
from tests.stakeholders.factories import focal_point_of

pytestmark = pytest.mark.django_db

BUTTONS = {PledgeState.SUBMITTED: "Submit for review", PledgeState.WITHDRAWN: "Withdraw the pledge"}


@pytest.mark.parametrize("state", list(PledgeState))
@pytest.mark.parametrize("target", list(BUTTONS))
def test_a_button_is_offered_exactly_when_pressing_it_works(client, state, target):
    pledge = PledgeFactory(state=state)
    client.force_login(focal_point_of(pledge.organization))
    page = client.get(f"/pledges/my/{pledge.reference}/").content.decode()
    offered = BUTTONS[target] in page
    response = client.post(f"/pledges/my/{pledge.reference}/state/{target}/", follow=True)
    assert response.status_code == 200
    worked = state != target and Pledge.objects.get(pk=pledge.pk).state == target
    assert offered == worked
    expected = {
        PledgeState.DRAFT: {PledgeState.SUBMITTED, PledgeState.WITHDRAWN},
        PledgeState.SUBMITTED: {PledgeState.WITHDRAWN},
        PledgeState.CHANGES_REQUESTED: {PledgeState.SUBMITTED, PledgeState.WITHDRAWN},
        PledgeState.PUBLISHED: {PledgeState.WITHDRAWN},
        PledgeState.UNPUBLISHED: {PledgeState.SUBMITTED, PledgeState.WITHDRAWN},
        PledgeState.WITHDRAWN: set(),
    }[state]
    assert offered == (target in expected)


def test_a_published_pledge_is_not_offered_for_review(client):
    pledge = PledgeFactory(state=PledgeState.PUBLISHED)
    client.force_login(focal_point_of(pledge.organization))
    page = client.get(f"/pledges/my/{pledge.reference}/").content.decode()
    assert "Submit for review" not in page
    assert "Withdraw the pledge" in page
