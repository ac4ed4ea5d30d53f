"""A pledger cites the published practices its pledge builds on, in the pledge flow's partners
step; a practice that is not published cannot be cited."""

import re

import pytest

from tests.pledges.factories import PledgeFactory
from tests.practices.factories import PracticeFactory, published
from tests.stakeholders.factories import focal_point_of

pytestmark = pytest.mark.django_db


def test_a_pledge_cites_published_practices_only(client):
    pledge = PledgeFactory()
    client.force_login(focal_point_of(pledge.organization))
    census = published(title="Census questions")
    draft = PracticeFactory(title="A draft practice")
    url = f"/pledges/my/{pledge.reference}/edit/partners/"
    page = client.get(url).content.decode()
    offered = re.findall(r'name="practices" value="(\d+)"', page)
    assert offered == [str(census.pk)]
    response = client.post(url, {"practices": [draft.pk], "contact_email": ""})
    # The step shows its form again, with the choice refused.
    assert (response.status_code, bool(response.context["form"].errors["practices"])) == (200, True)
    assert list(pledge.practices.all()) == []
    response = client.post(url, {"practices": [census.pk], "contact_email": ""})
    assert response.status_code == 302
    assert list(pledge.practices.all()) == [census]
