"""The public list costs the same queries at 1 and at 50 coalitions."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from coalitions import services
from tests.coalitions.factories import convene
from tests.stakeholders.factories import OrganizationFactory, member_of

pytestmark = pytest.mark.django_db


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response


@pytest.mark.parametrize("rows", [1, 50])
def test_the_list_is_one_query_whatever_the_rows(client, django_assert_num_queries, settings, rows):
    # One fellow in every coalition: more invitations than one entity may receive in a day.
    settings.RATE_LIMITS = {
        **settings.RATE_LIMITS,
        "coalition_invitation": {"user": 100, "organization": 100},
    }
    fellow = OrganizationFactory()
    for _n in range(rows):
        convene(members=[fellow])
    with django_assert_num_queries(1):
        response = client.get("/coalitions/")
    assert response.content.decode().count("<td>2</td>") == rows


def test_the_coalition_page_does_not_grow_with_its_members(client):
    small = convene(members=[OrganizationFactory()])
    large = convene(members=[OrganizationFactory() for _n in range(30)])
    assert (
        queries_for(client, small.get_absolute_url())[0] == queries_for(client, large.get_absolute_url())[0]
    )


@pytest.mark.parametrize("notes", [1, 50])
def test_the_workspace_costs_the_same_queries_at_1_and_50_notes(client, notes):
    fellow = OrganizationFactory()
    coalition = convene(members=[fellow])
    writer = member_of(fellow)
    for n in range(notes):
        services.post_note(coalition, by=writer, text=f"Note {n}")
    client.force_login(writer)
    client.get(f"/coalitions/{coalition.slug}/workspace/")
    count, response = queries_for(client, f"/coalitions/{coalition.slug}/workspace/")
    # The same at 1 and at 50 notes: the notes come with their authors and entities in one query.
    assert (count, response.content.decode().count("<h3>")) == (8, notes)
