"""Importing a list: the whole file is checked before anything is written; bad files are refused
with a message that says what is wrong and where, and change nothing; good ones replace the list,
keep the matches and propose candidates (without matching anything)."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.models import ActivityLog
from tests.stakeholders.factories import OrganizationFactory
from tests.verification.factories import csv_upload, imported
from verification import services
from verification.enums import MatchBasis, StatusList
from verification.models import StatusListEntry, StatusListImport

pytestmark = pytest.mark.django_db


def refused(upload, kind=StatusList.ECOSOC):
    with pytest.raises(ValidationError) as caught:
        services.parse_list(kind, upload)
    return caught.value.messages


def test_wrong_columns_are_named():
    assert refused(csv_upload("A,KEN,x", header="organisation,country,web")) == [
        "The first row must name the columns name, country, status (and may add website, profile_number). "
        "Missing: name, status. Not expected: organisation, web."
    ]


def test_duplicates_are_refused_with_their_lines():
    messages = refused(
        csv_upload(
            "Alpha,KEN,,Special,1",
            "Beta,KEN,,General,1",
            "Gamma Network,Kenya,,Roster,",
            "GAMMA  network,KEN,,Roster,",
        )
    )
    assert messages == [
        "Nothing was imported.",
        "Line 3 repeats line 2 (the same profile number, or the same name in the same country).",
        "Line 5 repeats line 4 (the same profile number, or the same name in the same country).",
    ]


def test_unknown_countries_and_statuses_are_refused_line_by_line():
    assert refused(csv_upload("Alpha,Atlantis,,Special,", "Beta,KEN,,Observer,", ",KEN,,Special,")) == [
        "Nothing was imported.",
        "Line 2: “Atlantis” is not a country we know; give its ISO 3166 code or its English name.",
        "Line 3: “Observer” is not an ECOSOC status (General, Special or Roster).",
        "Line 4: give the organisation's name (at most 300 characters).",
    ]


def test_a_50_mb_file_is_refused_before_it_is_read():
    upload = SimpleUploadedFile("big.csv", b"name,country,status\n" + b"x" * (50 * 1024 * 1024))
    assert refused(upload) == [
        "The file is 50.0\xa0MB; a list is at most 10.0\xa0MB. Upload the list as a CSV file, nothing else."
    ]


def test_files_that_are_not_utf8_csv_are_refused():
    assert refused(
        SimpleUploadedFile("l.csv", "name,country,status\nÉcole,FRA,Special".encode("latin-1"))
    ) == ["The file is not UTF-8 text. Save the list as CSV (UTF-8) and upload it again."]
    assert refused(SimpleUploadedFile("l.xlsx", b"PK\x03\x04\x00\x00")) == [
        "This file is not a CSV file. Save the list as CSV (UTF-8) and upload it again."
    ]
    assert refused(SimpleUploadedFile("l.csv", b"")) == ["The file is empty: it has no header row."]
    assert refused(csv_upload()) == ["The file has a header row but no organisations."]


def test_the_ecosoc_status_is_needed_only_on_the_ecosoc_list():
    rows = services.parse_list(StatusList.EARLIER, csv_upload("Alpha,KEN", header="name,country"))
    assert [(r["name"], r["ecosoc_status"]) for r in rows] == [("Alpha", "")]


def test_a_bad_file_uploaded_in_the_admin_changes_nothing(secretariat_client):
    imported("Alpha,KEN,,Special,1")
    response = secretariat_client.post(
        reverse("admin:verification_statuslistimport_add"),
        {"kind": "ecosoc", "file": csv_upload("Beta,KEN,,Special,2", "Beta,KEN,,Special,2")},
    )
    assert response.status_code == 200
    assert "Line 3 repeats line 2" in response.content.decode()
    assert list(StatusListEntry.objects.values_list("name", flat=True)) == ["Alpha"]
    assert StatusListImport.objects.count() == 1


def test_an_upload_in_the_admin_imports_and_shows_the_proposed_matches(secretariat_client, secretariat_user):
    OrganizationFactory(name="Réseau Migrants Sahel", country_id=OrganizationFactory().country_id)
    response = secretariat_client.post(
        reverse("admin:verification_statuslistimport_add"),
        {
            "kind": "ecosoc",
            "file": csv_upload("Reseau migrants - Sahel,KEN,,Special,77", "Other,KEN,,General,78"),
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0] == (
        reverse("admin:verification_statuslistentry_changelist") + "?kind__exact=ecosoc&match=proposed"
    )
    assert [str(m) for m in response.context["messages"]] == [
        "2 rows imported: 2 new, 0 updated, 0 no longer on the list. 1 matches are proposed below: check them and confirm."
    ]
    entry = StatusListEntry.objects.get(profile_number="77")
    assert (entry.candidate.name, entry.candidate_basis, entry.organization) == (
        "Réseau Migrants Sahel",
        MatchBasis.NAME_AND_COUNTRY,
        None,
    )
    log = ActivityLog.objects.get(action="status_list.imported")
    assert (log.actor, log.note) == (secretariat_user, "2 rows: 2 new, 0 updated, 0 no longer on the list")


def test_candidates_by_profile_number_then_name_then_a_website_only_one_organisation_has():
    by_number = OrganizationFactory(name="Renamed since", ecosoc_profile_number="501")
    by_site = OrganizationFactory(name="Elsewhere", website="https://www.unique.example.org/about")
    OrganizationFactory(name="Shared 1", website="https://shared.example.org")
    OrganizationFactory(name="Shared 2", website="https://shared.example.org/two")
    imported(
        "Old name,KEN,,Special,501",
        "Unique Org,DEU,unique.example.org,General,",
        "Shared Org,DEU,shared.example.org,General,",
    )
    assert {e.name: (e.candidate, e.candidate_basis) for e in StatusListEntry.objects.all()} == {
        "Old name": (by_number, MatchBasis.PROFILE_NUMBER),
        "Unique Org": (by_site, MatchBasis.WEBSITE),
        "Shared Org": (None, ""),
    }


def test_a_new_import_keeps_matches_updates_statuses_and_flags_matched_entries_that_left(
    django_capture_on_commit_callbacks,
):
    kept, left = OrganizationFactory(name="Kept"), OrganizationFactory(name="Left")
    imported("Kept,KEN,,Special,1", "Left,KEN,,Special,2", "Unmatched,KEN,,Roster,3")
    for entry in StatusListEntry.objects.filter(profile_number__in=["1", "2"]):
        services.match(entry, entry.candidate, by=None)
    batch = imported("Kept renamed,KEN,,General,1", "Newcomer,KEN,,Roster,4")
    assert (batch.rows, batch.added, batch.updated, batch.dropped) == (2, 1, 1, 2)
    assert sorted(
        StatusListEntry.objects.values_list("profile_number", "organization__name", "on_latest_list")
    ) == [
        ("1", "Kept", True),
        ("2", "Left", False),
        ("4", None, True),
    ]
    kept.refresh_from_db()
    left.refresh_from_db()
    assert (kept.verified_ecosoc_status, left.verified_ecosoc_status) == ("general", "special")
