"""The registry's rows are fragments (pledges.registry.markup): a pledge's row is made once per
registry and organisations' version, day and language, so that a repeat, another page or another
search listing it reads it from the cache; a publication or an organisation's public page shows
at once, a change elsewhere keeps them; the filter form is made once per state of its boxes."""

import re

import pytest
from django.utils import translation

from core import cache_versions
from pledges import tasks
from pledges.models import Pledge
from pledges.registry import markup
from tests.pledges.factories import published

pytestmark = pytest.mark.django_db


@pytest.fixture
def pledges():
    made = [published(title=f"Pledge on remittances {n}", objectives=[3, 5 + n]) for n in range(3)]
    tasks.warm_registry_index()  # the worker, after the publications
    return made


def page(client, url, queries, django_assert_num_queries):
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.status_code == 200
    return response


def titles(response):
    return sorted(row.title for row in response.context["registry"].page.object_list)


def test_a_repeat_reads_the_rows_from_their_fragments(client, pledges, django_assert_num_queries):
    cold = page(client, "/pledges/", 1, django_assert_num_queries)  # the rows
    warm = page(client, "/pledges/", 0, django_assert_num_queries)
    assert warm.content == cold.content
    assert titles(cold) == ["Pledge on remittances 0", "Pledge on remittances 1", "Pledge on remittances 2"]
    # Another selection of the same pledges: its rows are cached too.
    page(client, "/pledges/?objective=3&sort=title", 0, django_assert_num_queries)


def test_only_the_rows_not_cached_are_read(client, pledges, django_assert_num_queries):
    page(client, "/pledges/?objective=5", 1, django_assert_num_queries)
    with django_assert_num_queries(1) as captured:
        response = client.get("/pledges/?objective=3")
    # One query for the two pledges the first page did not list.
    listed = re.search(r'"pledges_pledge"\."id" IN \(([^)]*)\)', captured.captured_queries[0]["sql"]).group(1)
    assert sorted(int(pk) for pk in listed.split(", ")) == sorted([pledges[1].pk, pledges[2].pk])
    assert titles(response) == ["Pledge on remittances 0", "Pledge on remittances 1", "Pledge on remittances 2"]


def test_a_change_in_the_registry_shows_at_once(client, pledges, django_assert_num_queries):
    page(client, "/pledges/", 1, django_assert_num_queries)
    Pledge.objects.filter(pk=pledges[0].pk).update(title="Pledge on diaspora bonds")
    # What services.invalidate_registry does after the commit.
    cache_versions.bump(cache_versions.REGISTRY)
    tasks.warm_registry_index()
    response = page(client, "/pledges/", 1, django_assert_num_queries)
    assert "Pledge on diaspora bonds" in titles(response)
    assert "Pledge on diaspora bonds" in response.content.decode()


def test_an_organisation_s_public_page_changes_its_rows(client, pledges, django_assert_num_queries):
    page(client, "/pledges/", 1, django_assert_num_queries)
    cache_versions.bump(cache_versions.ORGANIZATIONS)
    page(client, "/pledges/", 1, django_assert_num_queries)


def test_a_change_elsewhere_keeps_the_rows(client, pledges, django_assert_num_queries):
    page(client, "/pledges/", 1, django_assert_num_queries)
    cache_versions.bump(cache_versions.PROGRAMME, cache_versions.PRACTICES)
    page(client, "/pledges/", 0, django_assert_num_queries)


def test_each_language_has_its_rows(client, pledges, django_assert_num_queries):
    english = page(client, "/pledges/", 1, django_assert_num_queries).content.decode()
    # The labels in French (the first French page), then the rows in French.
    french = page(client, "/fr/pledges/", 2, django_assert_num_queries).content.decode()
    assert ("Objectifs" in french, "Objectives: 3, 5" in english) == (True, True)
    assert page(client, "/fr/pledges/", 0, django_assert_num_queries).content.decode() == french


def test_a_new_search_renders_the_same_form_but_its_search_box(client, pledges):
    first = client.get("/pledges/?q=remittances&objective=3").content.decode()
    second = client.get("/pledges/?q=diaspora&objective=3").content.decode()
    form = first[first.index('<form method="get"') : first.index("</form>")]
    other = second[second.index('<form method="get"') : second.index("</form>")]
    assert form.replace('value="remittances"', 'value="diaspora"') == other
    assert 'name="objective" value="3" id="id_objective_2" checked' in other


def test_the_form_is_made_once_per_state_of_its_boxes(client, pledges):
    markup._forms.clear()
    for url in ("/pledges/?q=a&objective=3", "/pledges/?q=b&objective=3", "/pledges/?objective=3&page=1"):
        client.get(url)
    assert [key[2] for key in markup._forms] == [(("objective", ("3",)),)]
    with translation.override("fr"):
        client.get("/fr/pledges/?objective=3")
    assert len(markup._forms) == 2


def test_a_selection_asked_for_again_is_its_kept_body(client, pledges, django_assert_num_queries):
    """The whole body (counts, links, form, rows) is kept per query string under the index it
    was counted from and the versions its rows show (markup.page_body)."""
    cold = page(client, "/pledges/?objective=3&sort=title", 1, django_assert_num_queries)
    Pledge.objects.filter(pk=pledges[0].pk).update(title="Pledge on diaspora bonds")
    assert page(client, "/pledges/?objective=3&sort=title", 0, django_assert_num_queries).content == cold.content
    # The page reads its parameters in one order (core.page_cache.public_page): the same body.
    assert page(client, "/pledges/?sort=title&objective=3", 0, django_assert_num_queries).content == cold.content
    # An organisation's public page changes the rows it shows, so the body is made again.
    cache_versions.bump(cache_versions.ORGANIZATIONS)
    again = page(client, "/pledges/?objective=3&sort=title", 1, django_assert_num_queries)
    assert "Pledge on diaspora bonds" in again.content.decode()
    # A new index (a publication) keys another body.
    cache_versions.bump(cache_versions.REGISTRY)
    tasks.warm_registry_index()
    assert page(client, "/pledges/?objective=3&sort=title", 1, django_assert_num_queries).context["registry"].total == 3


def test_an_invalid_query_string_is_not_kept(client, pledges):
    for _ in range(2):
        response = client.get("/pledges/?objective=99")
        assert response.status_code == 400
        assert "This search could not be understood" in response.content.decode()
