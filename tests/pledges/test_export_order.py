"""The CSV and JSON exports list exactly the registry page's pledges in the page's order, for
every sort: one ordering serves both."""

import csv
import io
import json

import pytest

from tests.pledges.factories import published
from tests.stakeholders.factories import OrganizationFactory

pytestmark = pytest.mark.django_db
SORTS = ["relevance", "newest", "oldest", "title", "reference", "reported"]


@pytest.fixture
def pledges():
    # Ranks that ts_rank would order differently from the registry: a word three times in one title,
    # once in another; in the pledgers' names; many times in a text.
    for title, extra in [
        ("Remittances, remittances and more remittances", ""),
        ("Remittances corridor", ""),
        ("Skills passports", " remittances remittances"),
        ("Data on remittances and skills", ""),
        ("Consular help", " remittances" * 40),
    ]:
        published(title=title, text=("x " * 150) + extra)
    published(title="Other", organization=OrganizationFactory(name="Remittances Alliance"))


def page_references(client, query):
    references = []
    for number in (1, 2):
        response = client.get(f"/pledges/?{query}&page={number}")
        page = response.context["registry"].page
        references += [row.reference for row in page.object_list]
        if not page.has_next():
            break
    return references


@pytest.mark.parametrize("sort", SORTS)
@pytest.mark.parametrize("q", ["remittances", ""])
def test_export_order_equals_page_order(client, pledges, sort, q):
    query = f"q={q}&sort={sort}"
    expected = page_references(client, query)
    assert expected
    export = client.get(f"/pledges/export.csv?{query}")
    rows = csv.DictReader(io.StringIO(b"".join(export.streaming_content).decode("utf-8-sig")))
    assert [row["reference"] for row in rows] == expected
    export = client.get(f"/pledges/export.json?{query}")
    document = json.loads(b"".join(export.streaming_content))
    assert [pledge["reference"] for pledge in document["pledges"]] == expected
