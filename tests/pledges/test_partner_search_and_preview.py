"""A partner found by name, acronym or country (only organisations listed in the directory), invited
with one button, and the invited partner reading the whole pledge before it confirms."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pledges.enums import PledgeState
from reference.models import Country, MemberState
from stakeholders.enums import AccreditationState
from tests.core.factories import SecretariatUserFactory
from tests.forums.factories import ForumFactory
from tests.pledges.factories import TEXT, PledgeFactory
from tests.stakeholders.factories import (
    AccreditationFactory,
    OrganizationFactory,
    focal_point_of,
    listed_organization,
    member_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def pledge(client):
    lead = listed_organization(name="Care Workers United")
    client.force_login(focal_point_of(lead))
    return PledgeFactory(organization=lead, forum=ForumFactory())


def partners_step(pledge):
    return f"/pledges/my/{pledge.reference}/edit/partners/"


def found(response):
    result = response.context["found"]
    return [o.name for o in result["organizations"]], [s.name for s in result["member_states"]]


def test_search_by_name_acronym_and_country(client, pledge):
    listed_organization(name="Diaspora Skills Fund", acronym="DSF")
    listed_organization(name="Andean Migrant Network", country=Country.objects.get(iso3="PER"))
    assert found(client.get(partners_step(pledge), {"q": "skills"})) == (["Diaspora Skills Fund"], [])
    assert found(client.get(partners_step(pledge), {"q": "dsf"})) == (["Diaspora Skills Fund"], [])
    assert found(client.get(partners_step(pledge), {"q": "Peru"})) == (["Andean Migrant Network"], ["Peru"])


def test_only_listed_organisations_are_found_and_none_twice(client, pledge):
    listed_organization(name="Listed Solidarity")
    OrganizationFactory(name="Unaccredited Solidarity")
    listed_organization(name="Hidden Solidarity", listed_in_directory=False)
    pending = OrganizationFactory(name="Pending Solidarity")
    AccreditationFactory(organization=pending, forum=ForumFactory(), state=AccreditationState.SUBMITTED)
    invited = listed_organization(name="Invited Solidarity")
    pledge.partners.create(organization=invited)
    assert found(client.get(partners_step(pledge), {"q": "solidarity"})) == (["Listed Solidarity"], [])
    # Nor the pledger itself.
    assert found(client.get(partners_step(pledge), {"q": "care workers"})) == ([], [])


def test_invite_from_the_results_and_come_back_to_the_step(client, pledge):
    partner = listed_organization(name="Diaspora Skills Fund", acronym="DSF")
    response = client.get(partners_step(pledge), {"q": "DSF"})
    html = response.content.decode()
    assert f'<input type="hidden" name="organization" value="{partner.slug}">' in html
    assert 'Invite<span class="visually-hidden"> Diaspora Skills Fund</span>' in html
    response = client.post(
        reverse("pledges:invite", args=[pledge.reference]), {"organization": partner.slug, "back": "flow"}
    )
    assert response["Location"] == partners_step(pledge)
    assert [p.organization for p in pledge.partners.all()] == [partner]
    mexico = MemberState.objects.get(iso3="MEX")
    client.post(
        reverse("pledges:invite", args=[pledge.reference]), {"member_state": mexico.pk, "back": "flow"}
    )
    assert [p.entity for p in pledge.partners.all()] == [partner, mexico]


def test_an_unlisted_organisation_cannot_be_invited_by_its_slug(client, pledge):
    hidden = listed_organization(name="Hidden", listed_in_directory=False)
    response = client.post(
        reverse("pledges:invite", args=[pledge.reference]),
        {"organization": hidden.slug, "back": "flow"},
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]] == [
        "Choose the organisation among those the search found."
    ]
    assert pledge.partners.count() == 0


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("a", "Type at least two letters of the partner's name, acronym or country."),
        ("x" * 101, "Ensure this value has at most 100 characters (it has 101)."),
    ],
)
def test_a_bad_search_is_explained(client, pledge, query, message):
    response = client.get(partners_step(pledge), {"q": query})
    assert response.status_code == 200
    assert response.context["search"].errors["q"] == [message]
    assert response.context["found"] is None


def test_no_match_says_who_can_be_found(client, pledge):
    response = client.get(partners_step(pledge), {"q": "zzzz"})
    assert found(response) == ([], [])
    assert "Only accredited organisations that agreed to be listed can be found." in response.content.decode()


def test_the_search_makes_as_many_queries_for_one_result_as_for_many(
    client, pledge, django_assert_num_queries
):
    listed_organization(name="Solidarity 0")
    client.get(partners_step(pledge), {"q": "solidarity"})  # the session and caches warm
    with CaptureQueriesContext(connection) as one:
        assert (
            len(client.get(partners_step(pledge), {"q": "solidarity"}).context["found"]["organizations"]) == 1
        )
    for n in range(1, 12):
        listed_organization(name=f"Solidarity {n}")
    with django_assert_num_queries(len(one.captured_queries)):
        assert (
            len(client.get(partners_step(pledge), {"q": "solidarity"}).context["found"]["organizations"])
            == 12
        )


# --- The invited partner's preview ------------------------------------------------------------


@pytest.fixture
def invitation():
    lead = OrganizationFactory(name="Care Workers United")
    invited = OrganizationFactory(name="Diaspora Skills Fund")
    pledge = PledgeFactory(
        organization=lead, state=PledgeState.SUBMITTED, countries=["MEX"], principles=["a"]
    )
    partner = pledge.partners.create(organization=invited)
    return {"pledge": pledge, "partner": partner, "lead": lead, "invited": invited}


def preview(partner):
    return f"/pledges/partnerships/{partner.pk}/"


def test_the_invited_partner_reads_the_whole_pledge_before_confirming(client, invitation):
    client.force_login(member_of(invitation["invited"]))
    response = client.get(preview(invitation["partner"]))
    assert response.status_code == 200
    html = response.content.decode()
    for part in (
        TEXT,
        "Frontline workers trained",
        "Mexico",
        "Care Workers United",
        "Submitted",
        "not public yet",
    ):
        assert part in html
    assert 'value="confirm"' in html and 'value="decline"' in html
    client.post(preview(invitation["partner"]), {"decision": "confirm"})
    invitation["partner"].refresh_from_db()
    assert invitation["partner"].is_confirmed


def test_a_draft_is_readable_by_the_invited_partner(client, invitation):
    pledge = invitation["pledge"]
    pledge.state = PledgeState.DRAFT
    pledge.save()
    client.force_login(focal_point_of(invitation["invited"]))
    assert TEXT in client.get(preview(invitation["partner"])).content.decode()


@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 302), ("pledger", 404), ("other", 404), ("secretariat", 302)],
)
def test_nobody_else_reads_the_invitation(client, invitation, who, status):
    users = {
        "pledger": lambda: focal_point_of(invitation["lead"]),
        "other": lambda: focal_point_of(OrganizationFactory()),
        "secretariat": SecretariatUserFactory,
    }
    if who != "anonymous":
        client.force_login(users[who]())
    response = client.get(preview(invitation["partner"]))
    assert response.status_code == status
    if who == "anonymous":
        assert response["Location"].startswith("/accounts/login/")
    if who == "secretariat":
        # Staff without an organisation are sent to create one, as everywhere under /my/.
        assert response["Location"] == "/my/"
    assert TEXT not in response.content.decode()
    response = client.post(preview(invitation["partner"]), {"decision": "confirm"})
    invitation["partner"].refresh_from_db()
    assert invitation["partner"].is_confirmed is False
