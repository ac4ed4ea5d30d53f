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


def test_a_change_only_its_organisation_sees_bumps_its_own_version_and_no_public_one(
    django_capture_on_commit_callbacks,
):
    ours, theirs = OrganizationFactory(), OrganizationFactory()
    own = [cache_versions.of(cache_versions.ORGANIZATION, organization.pk) for organization in (ours, theirs)]
    before, own_before = versions(), cache_versions.values(own)
    with django_capture_on_commit_callbacks(execute=True):
        request_to_join(ours, verified_user(), "Let me in")
    assert changed(before) == []
    moved = [now != then for now, then in zip(cache_versions.values(own), own_before, strict=True)]
    assert moved == [True, False]
    with pytest.raises(ValueError):
        cache_versions.of("pledge", 1)
    with pytest.raises(ValueError):
        cache_versions.current("organization:")


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


def test_a_request_reads_each_version_once_and_the_next_request_sees_another_process_bump(rf):
    seen = []

    def view(request):
        seen.append(cache_versions.values((cache_versions.REGISTRY, cache_versions.PROGRAMME)))
        # Another process bumps the registry while this request runs (straight into the store).
        cache_versions.store().set(cache_versions.key(cache_versions.REGISTRY), "another process", None)
        seen.append(cache_versions.values((cache_versions.REGISTRY, cache_versions.PROGRAMME)))
        seen.append(cache_versions.current(cache_versions.REGISTRY))
        return None

    middleware = cache_versions.RequestVersions(view)
    middleware(rf.get("/"))
    first, again, alone = seen
    assert (again, alone) == (first, first[0])
    seen.clear()
    middleware(rf.get("/"))
    assert seen[0][0] == "another process"


def test_a_bump_during_a_request_is_seen_by_the_rest_of_it(rf):
    seen = []

    def view(request):
        seen.append(cache_versions.current(cache_versions.PRACTICES))
        value = cache_versions.bump(cache_versions.PRACTICES)
        seen.append((value, cache_versions.current(cache_versions.PRACTICES), cache_versions.current(cache_versions.PAGES)))
        return None

    cache_versions.RequestVersions(view)(rf.get("/"))
    value, practices, pages = seen[1]
    assert (practices, pages) == (value, value)
    assert seen[0] != value
