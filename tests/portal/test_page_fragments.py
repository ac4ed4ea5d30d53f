"""The bodies of the home, forum, objective and session pages are fragments (core.fragments)
kept under the versions of the domains they show: a change in one of those shows at once, a
change elsewhere keeps the fragment, and each language has its own."""

import pytest

from core import cache_versions
from pledges import services as pledges
from pledges.enums import PledgeState
from tests.core.factories import SecretariatUserFactory
from tests.forums.factories import ForumFactory, RoundTableFactory
from tests.pledges.factories import PledgeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def forum():
    forum = ForumFactory(year=2026)
    RoundTableFactory(forum=forum, number=1, slug="round-table-1", objectives=[3])
    return forum


def test_a_pledge_published_for_an_objective_shows_at_once_on_its_page(client, forum, django_capture_on_commit_callbacks):
    pledge = PledgeFactory(state=PledgeState.SUBMITTED, title="Wells for returnees", objectives=[3],
                           check_in_scope=True, check_measurable=True, check_objectives=True)  # fmt: skip
    assert "Wells for returnees" not in client.get("/objectives/3/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        pledges.set_pledge_state(pledge, PledgeState.PUBLISHED, by=SecretariatUserFactory())
    for url in ("/objectives/3/", "/forums/2026/sessions/round-table-1/"):
        assert "Wells for returnees" in client.get(url).content.decode()


@pytest.mark.parametrize(
    ("url", "shown", "not_shown"),
    [
        ("/", cache_versions.PROGRAMME, cache_versions.REGISTRY),
        ("/forums/2026/", cache_versions.REVIEWS, cache_versions.REGISTRY),
        ("/objectives/", cache_versions.REFERENCE, cache_versions.PROGRAMME),
        ("/objectives/3/", cache_versions.PRACTICES, cache_versions.SUMMARIES),
        ("/forums/2026/sessions/round-table-1/", cache_versions.SUMMARIES, cache_versions.DECLARATIONS),
    ],
)
def test_a_body_is_made_again_only_when_a_domain_it_shows_changes(client, forum, url, shown, not_shown):
    def body_rendered():
        return any(t.name.endswith("_body.html") for t in client.get(url).templates)

    assert body_rendered()
    assert not body_rendered()
    cache_versions.bump(not_shown)
    assert not body_rendered()
    cache_versions.bump(shown)
    assert body_rendered()


def test_each_language_has_its_own_body(client, forum):
    assert "Objectives" in client.get("/").content.decode()
    french = client.get("/fr/").content.decode()
    assert ("Objectifs" in french, "Round table 1" in french) == (True, False)


@pytest.mark.parametrize("language", ["fr", "es", "ar", "zh-hans", "ru"])
def test_the_forum_and_session_pages_are_served_in_every_language(client, forum, language):
    forum.title_fr = "Forum d'examen 2026"
    forum.save()
    for path in ("forums/2026/", "forums/2026/sessions/round-table-1/"):
        response = client.get(f"/{language}/{path}")
        assert response.status_code == 200, (language, path)
    french = client.get("/fr/forums/2026/").content.decode()
    assert "<title>Forum d&#x27;examen 2026 ·" in french or "<title>Forum d'examen 2026 ·" in french
