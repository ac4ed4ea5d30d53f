"""Bodies of the UN system and other intergovernmental organisations pledge as what they are: their
own pledger type, labelled, filterable in the registry and coded in the open data."""

import pytest

from pledges.enums import pledger_type_choices
from tests.pledges.factories import published
from tests.stakeholders.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def test_a_un_system_body_pledges_as_the_un_system(client):
    un = published(organization=OrganizationFactory(name="UN-Habitat", category="un_system"))
    ngo = published()
    assert (un.pledger_type, un.get_pledger_type_display()) == (
        "un_system",
        "United Nations system or intergovernmental organization",
    )
    response = client.get("/pledges/?pledger=un_system")
    assert response.status_code == 200
    assert [p.reference for p in response.context["registry"].page.object_list] == [un.reference]
    counts = client.get("/pledges/").context["registry"].counts
    assert (counts["pledger:un_system"], counts["pledger:ngo"]) == (1, 1)
    assert "UN-Habitat · United Nations system or intergovernmental organization" in client.get(
        "/pledges/"
    ).content.decode()
    assert ngo.pledger_type == "ngo"


def test_the_pledger_types_name_states_stakeholders_and_the_un_system_once_each():
    codes = [code for code, _label in pledger_type_choices()]
    assert codes[0] == "member_state"
    assert codes[-1] == "un_system"
    assert len(codes) == len(set(codes)) == 13
