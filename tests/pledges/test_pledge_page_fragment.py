"""The pledge page's body is a fragment kept under the pledge's own version (its updated_at) and
the versions of the domains it shows (issue 19): a second visit renders nothing again and reads
one row; a publication of another pledge keeps it; every change to this pledge shows at once; the
visitor's own parts (the owner's buttons, the contact link) stay outside it."""

import pytest
from django.test import Client
from django.utils import timezone

from core import cache_versions
from pledges import services
from pledges.enums import PledgeState, Stage
from tests.pledges.factories import PledgeFactory, published
from tests.stakeholders.factories import OrganizationFactory, focal_point_of

pytestmark = pytest.mark.django_db

# Cold: the pledge's row (visibility, the fragment's key); then its body: the pledge with its
# match and pledging organisation, its confirmed partners with theirs, indicators, reports with
# their values and reporters (one query), the practices it builds on: five; and the tables read
# once per language and version: the objectives', principles', countries' and forums' labels
# (four, reference) and the round tables (one, programme).
COLD = 11
TABLES = 5
WARM = 1  # the pledge's row alone


def body(page):
    return page.content.decode().split('<main', 1)[1]


def test_a_second_visit_renders_no_body_again(client, django_assert_num_queries):
    pledge = published(objectives=[3, 5], principles=["a"], countries=["KEN", "MEX"])
    with django_assert_num_queries(COLD):
        first = client.get(pledge.get_absolute_url())
    with django_assert_num_queries(WARM):
        second = client.get(pledge.get_absolute_url())
    assert first.status_code == second.status_code == 200
    assert body(first) == body(second)
    assert "Kenya, Mexico" in body(second)
    # The labels are read once per language: another pledge's first visit does not read them.
    other = published()
    with django_assert_num_queries(COLD - TABLES):
        client.get(other.get_absolute_url())


def test_a_report_adds_no_query(client, django_assert_num_queries):
    pledge = published()
    client.get(pledge.get_absolute_url())
    services.post_progress_report(
        pledge,
        by=focal_point_of(pledge.organization),
        reported_on=timezone.localdate(),
        stage=Stage.IN_PROGRESS,
        narrative="Two centres opened.",
        values={pledge.indicators.get().pk: 40},
    )
    # Its values and its reporter come in the reports' query.
    with django_assert_num_queries(COLD - TABLES):
        assert "Two centres opened." in client.get(pledge.get_absolute_url()).content.decode()
    with django_assert_num_queries(WARM):
        client.get(pledge.get_absolute_url())


def test_another_pledges_publication_keeps_it(client, django_assert_num_queries, django_capture_on_commit_callbacks):
    pledge = published()
    client.get(pledge.get_absolute_url())
    other = PledgeFactory(state=PledgeState.SUBMITTED, check_in_scope=True, check_measurable=True, check_objectives=True)
    registry = cache_versions.current(cache_versions.REGISTRY)
    with django_capture_on_commit_callbacks(execute=True):
        services.set_pledge_state(other, PledgeState.PUBLISHED, by=None)
    assert cache_versions.current(cache_versions.REGISTRY) != registry
    with django_assert_num_queries(WARM):
        assert client.get(pledge.get_absolute_url()).status_code == 200


def test_a_change_in_a_domain_it_shows_renders_it_again(client, django_assert_num_queries):
    pledge = published()
    client.get(pledge.get_absolute_url())
    cache_versions.bump(cache_versions.ORGANIZATIONS)
    with django_assert_num_queries(COLD - TABLES):
        client.get(pledge.get_absolute_url())


def test_a_report_shows_at_once(client):
    pledge = published()
    assert "No progress report yet." in client.get(pledge.get_absolute_url()).content.decode()
    services.post_progress_report(
        pledge,
        by=focal_point_of(pledge.organization),
        reported_on=timezone.localdate(),
        stage=Stage.IN_PROGRESS,
        narrative="Two centres opened.",
        values={pledge.indicators.get().pk: 40},
    )
    page = client.get(pledge.get_absolute_url()).content.decode()
    assert "No progress report yet." not in page
    assert "Two centres opened." in page
    assert "Frontline workers trained: 40" in page


def test_a_partner_confirmed_or_declined_shows_at_once(client):
    pledge = published()
    partner_organization = OrganizationFactory(name="Harbour Legal Aid")
    partner = services.invite_partner(
        pledge, by=focal_point_of(pledge.organization), organization=partner_organization
    )
    assert "Harbour Legal Aid" not in client.get(pledge.get_absolute_url()).content.decode()
    partner_user = focal_point_of(partner_organization)
    services.confirm_partnership(partner, by=partner_user)
    assert "Harbour Legal Aid" in client.get(pledge.get_absolute_url()).content.decode()
    partner.refresh_from_db()
    services.decline_partnership(partner, by=partner_user)
    assert "Harbour Legal Aid" not in client.get(pledge.get_absolute_url()).content.decode()


def test_a_change_of_state_shows_at_once(client, secretariat_user):
    pledge = published()
    owner = Client()
    owner.force_login(focal_point_of(pledge.organization))
    assert "Not public" not in owner.get(pledge.get_absolute_url()).content.decode()
    assert client.get(pledge.get_absolute_url()).status_code == 200
    services.set_pledge_state(pledge, PledgeState.UNPUBLISHED, by=secretariat_user, reason="Out of scope.")
    # The public sees its record; its owner the full page, saying it left the registry.
    record = client.get(pledge.get_absolute_url()).content.decode()
    assert "Out of scope." in record
    assert "Follow this pledge" not in record
    page = owner.get(pledge.get_absolute_url()).content.decode()
    assert "No longer in the registry: this pledge is “Unpublished by the secretariat”." in page
    assert "Follow this pledge" not in page


def test_an_edit_shows_at_once(client):
    pledge = published()
    pledge.state = PledgeState.UNPUBLISHED  # editable by its owner
    pledge.save(update_fields=["state"])
    client.force_login(focal_point_of(pledge.organization))
    assert "Guatemala, Mexico" not in client.get(pledge.get_absolute_url()).content.decode()
    response = client.post(
        f"/pledges/my/{pledge.reference}/edit/where/",
        {"regions": ["Asia"], "countries": ["MEX", "GTM"], "start_date": "2026-06-01", "end_date": "2030-06-01"},
    )
    assert response.status_code == 302
    assert "Guatemala, Mexico" in client.get(pledge.get_absolute_url()).content.decode()


def test_the_matched_pledge_leaving_the_registry_shows_at_once(client, secretariat_user):
    other = published(title="Safe corridors for seasonal workers")
    pledge = published()
    pledge.matches = other
    pledge.updated_at = timezone.now()
    pledge.save(update_fields=["matches", "updated_at"])
    assert "Safe corridors for seasonal workers" in client.get(pledge.get_absolute_url()).content.decode()
    services.set_pledge_state(other, PledgeState.UNPUBLISHED, by=secretariat_user, reason="Out of scope.")
    assert "Safe corridors for seasonal workers" not in client.get(pledge.get_absolute_url()).content.decode()


def test_each_language_has_its_own_body(client):
    pledge = published()
    url = f"/pledges/{pledge.reference}/"
    assert "Progress timeline" in client.get(url).content.decode()
    french = client.get(f"/fr{url}").content.decode()
    assert "Chronologie des progrès" in french
    assert "Progress timeline" not in french
    assert "Progress timeline" in Client().get(url).content.decode()


def test_only_the_owner_sees_the_owners_buttons(client):
    pledge = published(seeking_partners=True)
    owner = Client()
    owner.force_login(focal_point_of(pledge.organization))
    stranger = Client()
    stranger.force_login(focal_point_of(OrganizationFactory()))
    for _ in range(2):  # cold, then from the fragment another visitor left
        for visitor, is_owner in ((client, False), (owner, True), (stranger, False)):
            page = visitor.get(pledge.get_absolute_url()).content.decode()
            assert ("Manage this pledge" in page, "Report progress" in page) == (is_owner, is_owner)
            assert ("Contact the pledger" in page) is not is_owner
