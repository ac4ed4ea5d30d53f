"""Where pledgers find the coalitions (whose pages portal serves under /coalitions/): beside the
registry's filters and under the suggested matches, in the page's language."""

import lxml.html
import pytest

from tests.pledges.factories import published

pytestmark = pytest.mark.django_db


def coalition_links(client, url):
    tree = lxml.html.fromstring(client.get(url).content.decode())
    return [(" ".join(a.text_content().split()), a.get("href")) for a in tree.xpath("//main//a[contains(@href, 'coalitions/')]")]


def test_the_registry_links_the_coalitions_beside_its_filters(client):
    published(title="A pledge in the registry")
    assert coalition_links(client, "/pledges/") == [("See the public coalitions", "/coalitions/")]
    assert coalition_links(client, "/fr/pledges/") == [("Voir les coalitions publiques", "/fr/coalitions/")]
    tree = lxml.html.fromstring(client.get("/pledges/").content.decode())
    assert tree.xpath("//div[@class='registry-side']/section/h2/text()") == ["Coalitions"]


def test_the_suggested_matches_link_the_coalitions(client):
    pledge = published(objectives=[3], support={"seeks": ["funding"]})
    url = f"/pledges/{pledge.reference}/matches/"
    # No match yet: the coalitions are still a way to find partners.
    assert coalition_links(client, url) == [("See the public coalitions", "/coalitions/")]
    assert coalition_links(client, "/es" + url)[-1][1] == "/es/coalitions/"
