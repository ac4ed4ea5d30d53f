"""Secretariat staff schedule the forum in the admin; each rule shows its message there."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.models import ActivityLog
from forums.enums import ForumStatus
from forums.models import RoundTable, Session
from reference.models import MemberState
from tests.core.factories import UserFactory
from tests.forums.factories import RoomFactory, RoundTableFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def round_table_form(forum, room, **overrides):
    states = MemberState.objects.filter(iso3__in=["NPL", "CHL"])
    data = {
        "forum": forum.pk,
        "number": 1,
        "title": "Round table 1",
        "slug": "round-table-1",
        "theme": "Regular pathways",
        "room": room.pk,
        "starts_at_0": "2026-05-05",
        "starts_at_1": "10:00",
        "ends_at_0": "2026-05-05",
        "ends_at_1": "13:00",
        "co_chairs": [s.pk for s in states],
        "keynote_speaker": "",
        "chair": "",
        "objectives": [2, 5],
        "description": "",
    }
    data.update(overrides)
    return data


def test_secretariat_schedules_a_round_table(secretariat_client, forum):
    room = RoomFactory(name="Conference Room 4")
    response = secretariat_client.post(
        reverse("admin:forums_roundtable_add"), round_table_form(forum, room), follow=True
    )
    assert response.status_code == 200
    round_table = RoundTable.objects.get()
    assert round_table.forum == forum
    assert [s.iso3 for s in round_table.co_chairs.order_by("iso3")] == ["CHL", "NPL"]
    # The admin entered 10:00 New York time (EDT, UTC-4).
    assert round_table.starts_at.isoformat() == "2026-05-05T14:00:00+00:00"
    messages = [str(m) for m in response.context["messages"]]
    assert (
        "The round tables of International Migration Review Forum 2026 leave out objectives 1, 3, 4, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23."
        in messages
    )


def test_a_round_table_with_one_co_chair_is_refused_and_the_form_keeps_its_input(secretariat_client, forum):
    room = RoomFactory()
    data = round_table_form(
        forum, room, co_chairs=[MemberState.objects.get(iso3="NPL").pk], theme="Kept theme"
    )
    response = secretariat_client.post(reverse("admin:forums_roundtable_add"), data)
    assert response.status_code == 200
    assert "A round table is co-chaired by exactly two Member States; 1 chosen." in response.content.decode()
    assert response.context["adminform"].form["theme"].value() == "Kept theme"
    assert not RoundTable.objects.exists()


def test_a_round_table_outside_the_forum_days_is_refused(secretariat_client, forum):
    data = round_table_form(forum, RoomFactory(), starts_at_0="2026-05-12", ends_at_0="2026-05-12")
    response = secretariat_client.post(reverse("admin:forums_roundtable_add"), data)
    assert response.status_code == 200
    assert (
        "The forum runs from 2026-05-05 to 2026-05-08 (venue time); this session starts on 2026-05-12."
        in response.content.decode()
    )


def test_a_session_in_a_taken_room_is_refused(secretariat_client, forum):
    room = RoomFactory(name="General Assembly Hall")
    RoundTableFactory(
        forum=forum,
        room=room,
        title="Round table 1",
        starts_at=forum.local_datetime(forum.start_date, 10),
        ends_at=forum.local_datetime(forum.start_date, 13),
    )
    data = {
        "forum": forum.pk,
        "kind": "general_debate",
        "title": "General debate",
        "slug": "general-debate",
        "room": room.pk,
        "starts_at_0": "2026-05-05",
        "starts_at_1": "12:00",
        "ends_at_0": "2026-05-05",
        "ends_at_1": "14:00",
        "chair": "",
        "description": "",
        "statements-TOTAL_FORMS": "0",
        "statements-INITIAL_FORMS": "0",
        "topics-TOTAL_FORMS": "0",
        "topics-INITIAL_FORMS": "0",
    }
    response = secretariat_client.post(reverse("admin:forums_session_add"), data)
    assert response.status_code == 200
    assert (
        "General Assembly Hall is already taken by “Round table 1” from 2026-05-05 10:00 to 13:00."
        in response.content.decode()
    )
    assert not Session.objects.filter(slug="general-debate").exists()


def test_the_forum_page_in_the_admin_warns_about_objective_coverage(secretariat_client, forum):
    RoundTableFactory(forum=forum, number=1, objectives=list(range(1, 23)) + [5])
    response = secretariat_client.get(reverse("admin:forums_forum_change", args=[forum.pk]))
    messages = [str(m) for m in response.context["messages"]]
    assert messages == [
        "The round tables of International Migration Review Forum 2026 leave out objectives 23."
    ]


def test_announcing_a_forum_from_the_admin_leaves_a_trace(secretariat_client, secretariat_user, forum):
    forum.status = ForumStatus.PLANNING
    forum.save()
    response = secretariat_client.post(
        reverse("admin:forums_forum_changelist"),
        {"action": "set_status_announced", "_selected_action": [forum.pk]},
        follow=True,
    )
    assert response.status_code == 200
    forum.refresh_from_db()
    assert forum.status == ForumStatus.ANNOUNCED
    entry = ActivityLog.objects.get()
    assert (entry.actor, entry.old_state, entry.new_state, entry.action) == (
        secretariat_user,
        "planning",
        "announced",
        "forum.status",
    )


def test_a_malformed_background_note_is_a_form_error(secretariat_client, forum):
    data = round_table_form(forum, RoomFactory())
    data["background_note"] = SimpleUploadedFile("note.pdf", b"<html>not a pdf</html>", "application/pdf")
    response = secretariat_client.post(reverse("admin:forums_roundtable_add"), data)
    assert response.status_code == 200
    assert "This file is not a PDF document." in response.content.decode()
    assert not RoundTable.objects.exists()


def test_a_pdf_background_note_is_stored_under_a_random_name(secretariat_client, forum, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    data = round_table_form(forum, RoomFactory())
    data["background_note"] = SimpleUploadedFile("../../etc/passwd.pdf", PDF, "application/pdf")
    response = secretariat_client.post(reverse("admin:forums_roundtable_add"), data)
    assert response.status_code == 302
    name = RoundTable.objects.get().background_note.name
    assert name.startswith("background-notes/") and name.endswith(".pdf")
    assert "passwd" not in name


def test_staff_outside_the_secretariat_cannot_schedule(client, forum):
    client.force_login(UserFactory(is_staff=True))
    assert client.get(reverse("admin:forums_roundtable_add")).status_code == 403
    assert client.get(reverse("admin:forums_forum_changelist")).status_code == 403


def test_reference_data_is_read_only_even_for_the_secretariat(secretariat_client):
    assert secretariat_client.get(reverse("admin:reference_objective_changelist")).status_code == 200
    assert secretariat_client.get(reverse("admin:reference_objective_add")).status_code == 403


def test_the_opening_segment_warns_about_missing_statements(secretariat_client, forum):
    from forums.enums import SessionKind, StatementRole
    from forums.models import Statement
    from tests.forums.factories import SessionFactory

    opening = SessionFactory(forum=forum, kind=SessionKind.PLENARY_OPENING)
    for role in (
        StatementRole.PRESIDENT_GA,
        StatementRole.SECRETARY_GENERAL,
        StatementRole.IOM_DIRECTOR_GENERAL,
    ):
        Statement.objects.create(session=opening, role=role)
    response = secretariat_client.get(reverse("admin:forums_session_change", args=[opening.pk]))
    assert [str(m) for m in response.context["messages"]] == [
        "The opening segment has no statement yet by: Representative of the migrant community; "
        "Representative of civil society."
    ]
