"""Staff export the non-objection list from the admin, as CSV and PDF."""

import csv
import io
import subprocess

import pytest
from django.urls import reverse

from stakeholders.enums import AccreditationState
from tests.stakeholders.factories import AccreditationFactory, OrganizationFactory, open_forum

pytestmark = pytest.mark.django_db


@pytest.fixture
def listed():
    forum = open_forum()
    return [
        AccreditationFactory(organization=OrganizationFactory(name=name), forum=forum, state=state)
        for name, state in [
            ("Beta Network", AccreditationState.NON_OBJECTION_LIST),
            ("Alpha Collective", AccreditationState.NON_OBJECTION_LIST),
            ("Gamma Pending", AccreditationState.SUBMITTED),
        ]
    ]


def export(client, action, accreditations):
    return client.post(
        reverse("admin:stakeholders_accreditation_changelist"),
        {"action": action, "_selected_action": [a.pk for a in accreditations]},
    )


def test_csv_lists_the_organisations_on_the_list(secretariat_client, listed):
    response = export(secretariat_client, "export_csv", listed)
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="imrf-2030-non-objection-list.csv"'
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(r["Organisation"], r["Country of headquarters"]) for r in rows] == [
        ("Alpha Collective", "Kenya"),
        ("Beta Network", "Kenya"),
    ]
    assert rows[0]["Mission and main activities"] == listed[1].mission


def test_pdf_lists_them_too(secretariat_client, listed, tmp_path):
    response = export(secretariat_client, "export_pdf", listed)
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF-")
    path = tmp_path / "list.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Alpha Collective" in text and "Beta Network" in text
    assert "Gamma Pending" not in text
    assert "International Migration Review Forum 2030" in text


def test_staff_record_a_decision_with_a_reason_in_the_admin(secretariat_client, listed):
    pending = listed[2]
    url = reverse("admin:stakeholders_accreditation_change", args=[pending.pk])
    response = secretariat_client.post(
        url,
        {
            "mission": pending.mission,
            "migration_work": pending.migration_work,
            "contact_email": "",
            "transition": "information_requested",
            "reason": "Please describe your work with migrants.",
            "objections-TOTAL_FORMS": "0",
            "objections-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.state == AccreditationState.INFORMATION_REQUESTED
