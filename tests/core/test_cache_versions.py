"""Named cache versions are bumped when something public changes, and only then: a join request
or a draft's edit leaves every cached public page alone; a forum announced shows at once in the
registry's filters; a publication refreshes the pages and the registry."""

import pytest

from core import cache_versions
from forums.enums import ForumStatus
from forums.services import set_forum_status
from pledges import services as pledges
from pledges.enums import PledgeState
from stakeholders.services import request_to_join, set_accreditation_state
from tests.core.factories import SecretariatUserFactory
from tests.forums.factories import ForumFactory
from tests.pledges.factories import PledgeFactory, published
from tests.stakeholders.factories import (
    AccreditationFactory,
    OrganizationFactory,
    focal_point_of,
    verified_user,
)

pytestmark = pytest.mark.django_db


def versions():
    return {name: cache_versions.current(name) for name in cache_versions.NAMES}


def changed(before):
    after = versions()
    return sorted(name for name in cache_versions.NAMES if after[name] != before[name])


def test_a_join_request_and_a_draft_edit_change_nothing_public(django_capture_on_commit_callbacks):
    organization = OrganizationFactory()
    draft = PledgeFactory(organization=organization)
    owner = focal_point_of(organization)
    before = versions()
    with django_capture_on_commit_callbacks(execute=True):
        request_to_join(organization, verified_user(), "Let me in")
        pledges.invite_partner(draft, by=owner, organization=OrganizationFactory())
        pledges.set_pledge_state(draft, PledgeState.SUBMITTED, by=owner)
    assert changed(before) == []


def test_a_publication_refreshes_the_pages_and_the_registry(django_capture_on_commit_callbacks):
    pledge = PledgeFactory(state=PledgeState.SUBMITTED, check_in_scope=True, check_measurable=True,
                           check_objectives=True)  # fmt: skip
    before = versions()
    with django_capture_on_commit_callbacks(execute=True):
        pledges.set_pledge_state(pledge, PledgeState.PUBLISHED, by=SecretariatUserFactory())
    assert changed(before) == ["pages", "registry"]


def test_an_approval_refreshes_the_public_directory(django_capture_on_commit_callbacks):
    accreditation = AccreditationFactory(state="non_objection_list")
    before = versions()
    with django_capture_on_commit_callbacks(execute=True):
        set_accreditation_state(accreditation, "approved", by=SecretariatUserFactory())
    assert changed(before) == ["organizations", "pages"]


@pytest.mark.page_cache
def test_a_forum_announced_shows_at_once_in_the_registry_filters(client, django_capture_on_commit_callbacks):
    ForumFactory(year=2026)
    published()
    assert 'name="forum" value="2030"' not in client.get("/pledges/").content.decode()
    later = ForumFactory(year=2030, status=ForumStatus.PLANNING, hearing_date="2030-05-06",
                         start_date="2030-05-07", end_date="2030-05-10")  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        set_forum_status(later, ForumStatus.ANNOUNCED)
    assert 'name="forum" value="2030"' in client.get("/pledges/").content.decode()


@pytest.mark.page_cache
def test_a_join_request_leaves_the_cached_pages_served_from_the_cache(client, django_capture_on_commit_callbacks):
    published()
    client.get("/pledges/")
    assert client.get("/pledges/")["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        request_to_join(OrganizationFactory(), verified_user(), "Let me in")
    assert client.get("/pledges/")["X-Page-Cache"] == "hit"
