"""The registry takes several values per facet (?objective=3&objective=5): any of them within a
facet, all facets together, with counts, ticked checkboxes and links to match; and a round-table
facet, so that a summary's link shows the pledges the summary counts (issue 14: the registry kept
only the last `objective=` and showed fewer pledges than the summary)."""

import re

import pytest

from forums.demo import seed
from forums.models import Forum, RoundTable
from summaries import services as summaries
from summaries.models import Summary
from tests.forums.factories import RoundTableFactory
from tests.pledges.factories import published

pytestmark = pytest.mark.django_db


def references(response):
    return sorted(p.reference for p in response.context["registry"].page.object_list)


@pytest.fixture
def pledges():
    return {
        "3 Africa": published(objectives=[3], regions=["Africa"]),
        "5 Africa": published(objectives=[5], regions=["Africa"]),
        "5 Europe": published(objectives=[5], regions=["Europe"]),
        "7 Africa": published(objectives=[7], regions=["Africa"]),
    }


def test_several_values_of_a_facet_select_any_and_facets_all(client, pledges):
    response = client.get("/pledges/?objective=3&objective=5")
    assert references(response) == sorted(pledges[k].reference for k in ("3 Africa", "5 Africa", "5 Europe"))
    response = client.get("/pledges/?objective=3&objective=5&region=Africa")
    assert references(response) == sorted(pledges[k].reference for k in ("3 Africa", "5 Africa"))
    counts = response.context["registry"].counts
    # The objectives are counted against the other filters (Africa): what each would show or add.
    assert (counts["total"], counts["objective:3"], counts["objective:5"], counts["objective:7"]) == (2, 1, 1, 1)
    # The regions against the objectives chosen.
    assert (counts["region:Africa"], counts["region:Europe"]) == (2, 1)


def test_the_form_keeps_every_value_ticked_and_each_link_removes_only_its_own(client, pledges):
    response = client.get("/pledges/?objective=3&objective=5&region=Africa")
    page = response.content.decode()
    ticked = re.findall(r'<input type="checkbox" name="(\w+)" value="(\w+)" id="[\w-]+" checked>', page)
    assert ticked == [("objective", "3"), ("objective", "5"), ("region", "Africa")]
    groups = {group["name"]: {v["value"]: v for v in group["values"]} for group in response.context["facets"]}
    assert groups["objective"]["3"]["query"] == "objective=5&region=Africa"
    assert groups["objective"]["5"]["query"] == "objective=3&region=Africa"
    assert groups["objective"]["7"]["query"] == "objective=3&objective=5&objective=7&region=Africa"
    assert groups["region"]["Africa"]["query"] == "objective=3&objective=5"
    assert (groups["objective"]["3"]["selected"], groups["objective"]["7"]["selected"]) == (True, False)
    assert '<span class="visually-hidden">Remove this filter: </span>' in page
    # Paging and the exports keep every value.
    assert response.context["export_query"] == "objective=3&objective=5&region=Africa"


def test_an_unknown_value_among_several_is_a_clear_400(client, pledges):
    response = client.get("/pledges/?objective=3&objective=99")
    assert response.status_code == 400
    assert "GCM objective: Select a valid choice. 99 is not one of the available choices." in (
        response.content.decode()
    )


def test_the_round_table_facet_is_its_forum_s_pledges_for_any_of_its_objectives(client, pledges):
    forum = pledges["3 Africa"].forum
    RoundTableFactory(forum=forum, number=2, objectives=[3, 7])
    response = client.get(f"/pledges/?round_table={forum.year}-2")
    assert references(response) == sorted(pledges[k].reference for k in ("3 Africa", "7 Africa"))
    group = {g["name"]: g for g in response.context["facets"]}["round_table"]
    assert [(v["value"], v["label"], v["count"]) for v in group["values"]] == [
        (f"{forum.year}-2", f"IMRF {forum.year}, round table 2", 2)
    ]


def test_a_summary_s_link_shows_as_many_pledges_as_it_counts(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    seed()
    forum = Forum.objects.get(year=2026)
    summaries.ensure_summaries(forum)
    round_table = RoundTable.objects.get(forum=forum, number=1)
    numbers = sorted(round_table.objectives.values_list("number", flat=True))
    assert len(numbers) > 1
    for number in numbers:
        published(forum=forum, objectives=[number])
    published(forum=forum, objectives=numbers[:2])
    outside = next(n for n in range(1, 24) if n not in numbers)
    published(forum=forum, objectives=[outside])
    summary = Summary.objects.get(session=round_table.session_ptr)
    counted = len(summaries.facts(summary)["pledges"])
    assert counted == len(numbers) + 1
    html = summaries.render_html(summary, for_print=True)
    link = re.search(r'href="http://[^/"]+(/pledges/\?[^"]+)">Each pledge in the registry', html).group(1)
    assert link == "/pledges/?round_table=2026-1"
    assert client.get(link).context["registry"].total == counted
    # The objectives of the round table as repeated parameters say the same.
    by_objectives = "&".join(f"objective={n}" for n in numbers)
    assert client.get(f"/pledges/?forum=2026&{by_objectives}").context["registry"].total == counted
