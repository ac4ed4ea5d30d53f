"""A pledge one may not see answers exactly as a reference that does not exist, whatever the case
of the reference in the address: the lower-case address of a draft used to redirect (301) to its
canonical one, which told a stranger that the draft existed."""

import pytest

from pledges.enums import PledgeState
from tests.core.factories import SecretariatUserFactory
from tests.pledges.factories import PledgeFactory, published
from tests.stakeholders.factories import OrganizationFactory, focal_point_of

pytestmark = pytest.mark.django_db

HIDDEN = [PledgeState.DRAFT, PledgeState.SUBMITTED, PledgeState.UNPUBLISHED, PledgeState.WITHDRAWN]


def answer(client, path, reference):
    """Status, location and body, with the reference in the address put aside."""
    response = client.get(path)
    body = response.content.decode().replace(reference, "REF").replace(reference.lower(), "REF")
    return response.status_code, response.get("Location"), body


@pytest.mark.parametrize("state", HIDDEN)
@pytest.mark.parametrize("viewer", ["anonymous", "stranger"])
def test_a_hidden_pledge_answers_as_a_missing_one(client, state, viewer):
    pledge = PledgeFactory(state=state)
    missing = pledge.reference[:-4] + "9999"
    if viewer == "stranger":
        client.force_login(focal_point_of(OrganizationFactory()))
    for spelling in (str.lower, str.upper):
        hidden = answer(client, f"/pledges/{spelling(pledge.reference)}/", pledge.reference)
        absent = answer(client, f"/pledges/{spelling(missing)}/", missing)
        assert hidden[0] == 404
        assert hidden == absent
        assert client.get(f"/pledges/{spelling(pledge.reference)}/attachment/").status_code == 404


@pytest.mark.parametrize("viewer", ["lead", "secretariat"])
def test_those_who_may_see_a_draft_are_sent_to_its_canonical_address(client, viewer):
    pledge = PledgeFactory(state=PledgeState.DRAFT)
    user = focal_point_of(pledge.organization) if viewer == "lead" else SecretariatUserFactory()
    client.force_login(user)
    response = client.get(f"/pledges/{pledge.reference.lower()}/")
    assert (response.status_code, response["Location"]) == (301, f"/pledges/{pledge.reference}/")


def test_a_published_pledge_is_still_sent_to_its_canonical_address(client):
    pledge = published()
    response = client.get(f"/pledges/{pledge.reference.lower()}/")
    assert (response.status_code, response["Location"]) == (301, f"/pledges/{pledge.reference}/")
