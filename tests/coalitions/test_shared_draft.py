"""The shared draft: the last writer wins, but only over the version they opened. A stale save is
refused with who saved and when, and the page keeps what was typed."""

import pytest

from coalitions import services
from core.models import ActivityLog
from tests.coalitions.factories import convene
from tests.stakeholders.factories import OrganizationFactory, member_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_members():
    convenor, fellow = OrganizationFactory(), OrganizationFactory()
    coalition = convene(convenor, members=[fellow])
    return coalition, member_of(convenor, first_name="Ana", last_name="Lima"), member_of(fellow)


def test_each_save_moves_the_version_and_records_who(two_members):
    coalition, ana, _other = two_members
    services.save_draft(coalition, by=ana, text="First lines.", version=0)
    assert (coalition.draft_text, coalition.draft_version, coalition.draft_edited_by) == (
        "First lines.",
        1,
        ana,
    )
    assert ActivityLog.objects.for_object(coalition).filter(action="coalition.draft_edited").count() == 1


def test_a_stale_save_is_refused_and_changes_nothing(two_members):
    coalition, ana, other = two_members
    services.save_draft(coalition, by=ana, text="Ana's version.", version=0)
    with pytest.raises(services.StaleDraft, match="Ana Lima saved the draft"):
        services.save_draft(coalition, by=other, text="Mine, from version 0.", version=0)
    coalition.refresh_from_db()
    assert (coalition.draft_text, coalition.draft_version) == ("Ana's version.", 1)


def test_the_page_keeps_the_stale_text_shows_the_current_one_and_saves_it_next_time(client, two_members):
    coalition, ana, other = two_members
    url = f"/coalitions/{coalition.slug}/workspace/draft/"
    client.force_login(other)
    opened = client.get(url)
    assert 'name="version" value="0"' in opened.content.decode()
    services.save_draft(coalition, by=ana, text="Ana saved first.", version=0)
    response = client.post(url, {"text": "What I typed meanwhile.", "version": "0"})
    page = response.content.decode()
    assert response.status_code == 409
    assert "Ana Lima saved the draft at" in page
    assert "\nWhat I typed meanwhile.</textarea>" in page
    assert "Ana saved first." in page
    assert 'name="version" value="1"' in page
    # Compared, and saved on purpose over the version now shown.
    assert client.post(url, {"text": "What I typed meanwhile.", "version": "1"}).status_code == 302
    coalition.refresh_from_db()
    assert (coalition.draft_text, coalition.draft_version, coalition.draft_edited_by) == (
        "What I typed meanwhile.",
        2,
        other,
    )


def test_notes_are_posted_for_the_member_organisation(client, two_members):
    coalition, ana, _other = two_members
    client.force_login(ana)
    assert (
        client.post(f"/coalitions/{coalition.slug}/workspace/", {"text": "Call on Tuesday."}).status_code
        == 302
    )
    note = coalition.notes.get()
    assert (note.text, note.author, note.member.organization) == (
        "Call on Tuesday.",
        ana,
        coalition.organization,
    )
    empty = client.post(f"/coalitions/{coalition.slug}/workspace/", {"text": "  "})
    assert (empty.status_code, "Write the note before posting it." in empty.content.decode()) == (200, True)


def test_a_member_s_notes_are_in_their_data_download(client, two_members):
    coalition, ana, _other = two_members
    services.post_note(coalition, by=ana, text="Call on Tuesday.")
    client.force_login(ana)
    data = client.get("/my/account/data.json").json()
    assert [(n["coalition"], n["text"]) for n in data["coalition_notes_written"]] == [
        (coalition.title, "Call on Tuesday.")
    ]
