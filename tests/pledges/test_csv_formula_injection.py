"""The registry's CSV read back with Python's csv module: no cell starts a formula (OWASP's rule:
none begins with = + - @, a tab or a carriage return), and the quote in front of what a pledger
typed is the only change."""

import csv
import io

import pytest

from pledges import services
from tests.pledges.factories import published
from tests.stakeholders.factories import OrganizationFactory, focal_point_of

pytestmark = pytest.mark.django_db

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
HYPERLINK = '=HYPERLINK("http://evil.example/x","Click")'
DDE = "=cmd|' /C calc'!A0"


def rows_of(response):
    text = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))


def test_no_cell_of_the_export_starts_a_formula(client):
    org = OrganizationFactory(name="@Home Network", acronym="")
    pledge = published(title=HYPERLINK, organization=org, text="+" + "x" * 320)
    partner_org = OrganizationFactory(name=DDE)
    partner = services.invite_partner(pledge, by=focal_point_of(org), organization=partner_org)
    services.confirm_partnership(partner, by=focal_point_of(partner_org))
    published(title="\tTabbed title", organization=OrganizationFactory(name="-minus"))
    published(title="\rReturned title", organization=OrganizationFactory(name="Plain"))

    rows = rows_of(client.get("/pledges/export.csv?sort=reference"))

    cells = [cell for row in rows for cell in row]
    assert [cell for cell in cells if cell.startswith(FORMULA_STARTS)] == []
    header, *records = rows
    by_title = {row[header.index("title")]: dict(zip(header, row, strict=True)) for row in records}
    assert sorted(by_title) == sorted(["'" + HYPERLINK, "'\tTabbed title", "'\rReturned title"])
    first = by_title["'" + HYPERLINK]
    assert first["pledger"] == "'@Home Network"
    assert first["text"] == "'+" + "x" * 320
    # A list cell is a JSON array: it starts with "[", and the names inside are kept as typed.
    assert first["partners"] == f'["{DDE}"]'
    assert by_title["'\tTabbed title"]["pledger"] == "'-minus"


def test_the_quote_is_the_only_change(client):
    published(title="=1+1", organization=OrganizationFactory(name="Ordinary name"))
    header, record = rows_of(client.get("/pledges/export.csv"))
    row = dict(zip(header, record, strict=True))
    assert row["title"].removeprefix("'") == "=1+1"
    assert row["pledger"] == "Ordinary name"
