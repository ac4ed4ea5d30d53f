"""The non-objection list CSV that Member States open in their spreadsheets, read back with
Python's csv module: what applicants typed (name, acronym, mission, migration work) never starts a
formula (OWASP: no cell begins with = + - @, a tab or a carriage return)."""

import csv
import io

import pytest
from django.urls import reverse

from stakeholders.enums import AccreditationState
from tests.stakeholders.factories import AccreditationFactory, OrganizationFactory, open_forum

pytestmark = pytest.mark.django_db

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def test_applicants_cells_are_neutralised(secretariat_client):
    forum = open_forum()
    organization = OrganizationFactory(name='=HYPERLINK("http://evil.example/x","Open")', acronym="@SUM(A1)")
    accreditation = AccreditationFactory(
        organization=organization,
        forum=forum,
        state=AccreditationState.NON_OBJECTION_LIST,
        mission="=cmd|' /C calc'!A0",
        migration_work="\t+1 legal aid",
    )
    response = secretariat_client.post(
        reverse("admin:stakeholders_accreditation_changelist"),
        {"action": "export_csv", "_selected_action": [accreditation.pk]},
    )
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode(), newline="")))
    assert [cell for row in rows for cell in row if cell.startswith(FORMULA_STARTS)] == []
    record = dict(zip(rows[0], rows[1], strict=True))
    assert record["Organisation"] == "'" + organization.name
    assert record["Acronym"] == "'@SUM(A1)"
    assert record["Mission and main activities"] == "'=cmd|' /C calc'!A0"
    assert record["Work on migration"] == "'\t+1 legal aid"
