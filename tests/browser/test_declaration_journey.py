"""From a key message to the declaration: a focal point of one accredited organisation proposes a
key message on the zero draft and submits it, the secretariat publishes it, a focal point of
another organisation endorses it; the secretariat imports the first revision from a file, marks the
message reflected with the word-level difference in view, and a visitor finds it on the paragraph
page. axe-core checks every new page on the way; screenshots go to test-artifacts/."""

import re
from pathlib import Path

import pytest
from django.test import Client

from declarations.enums import KeyMessageState, VersionKind
from declarations.models import DeclarationVersion, Endorsement, KeyMessage, MessageOutcome
from tests.browser.accessibility import serious_violations
from tests.browser.accounts import secretariat_in_admin
from tests.declarations.factories import DeclarationVersionFactory, accredited

ARTIFACTS = Path(__file__).resolve().parent.parent.parent / "test-artifacts"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REVISION = (
    "Commitments\n"
    "1. We reaffirm our commitment to safe, orderly and regular migration.\n"
    "2. We will improve the collection of disaggregated data on migration, together with migrant-led organisations.\n"
    "3. We will expand regular pathways for labour migration.\n"
)


def sign_in(context, user, url):
    """Put a signed-in session into a browser context (signing in itself is tested elsewhere)."""
    client = Client()
    client.force_login(user)
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": url}])


def test_a_key_message_proposed_endorsed_and_reflected(live_server, browser, page, screenshot, tmp_path):
    url = live_server.url
    zero = DeclarationVersionFactory()
    year = zero.forum.year
    _proposer, proposer_user = accredited(zero.forum, name="Migrant Data Alliance")
    _endorser, endorser_user = accredited(zero.forum, name="Coastal Workers Union")
    accessibility = {}

    # The proposer's focal point drafts the message; an empty form keeps what was typed.
    sign_in(page.context, proposer_user, url)
    page.goto(url + f"/my/declaration/{year}/")
    accessibility["/my/declaration/"] = serious_violations(page)
    page.get_by_role("link", name="Propose a key message on the Zero draft").click()
    page.wait_for_url(f"**/my/declaration/{year}/new/")
    page.fill("#id_title", "Data with migrant-led organisations")
    page.get_by_role("button", name="Save as draft").click()
    assert page.locator("#error-summary").is_visible()
    assert page.locator("#id_title").input_value() == "Data with migrant-led organisations"
    accessibility["/my/declaration/new/ (errors)"] = serious_violations(page)
    screenshot("declaration-01-form-errors")
    page.fill("#id_text", "Data collection should involve migrant-led organisations.")
    page.check("#id_paragraphs_1")
    page.check("#id_objectives_0")
    page.get_by_role("button", name="Save as draft").click()
    page.wait_for_url(f"**/my/declaration/{year}/")
    page.get_by_role("button", name="Submit “Data with migrant-led organisations”").click()
    page.wait_for_url(f"**/my/declaration/{year}/")
    message = KeyMessage.objects.get()
    assert message.state == KeyMessageState.SUBMITTED
    screenshot("declaration-02-submitted")

    # The secretariat publishes it from the admin's list.
    admin_context, admin = secretariat_in_admin(browser, url)
    admin.goto(url + "/admin/declarations/keymessage/")
    accessibility["admin key messages"] = serious_violations(admin)
    admin.check(f"input[name=_selected_action][value='{message.pk}']")
    admin.select_option("select[name=action]", "to_published")
    admin.get_by_role("button", name="Go").click()
    admin.wait_for_load_state()
    message.refresh_from_db()
    assert message.state == KeyMessageState.PUBLISHED

    # Another organisation's focal point endorses it.
    endorser_context = browser.new_context()
    endorser = endorser_context.new_page()
    sign_in(endorser_context, endorser_user, url)
    endorser.goto(url + f"/my/declaration/{year}/")
    endorser.get_by_role("button", name="Endorse “Data with migrant-led organisations”").click()
    endorser.wait_for_url(f"**/my/declaration/{year}/")
    assert endorser.get_by_text("Your organisation endorses this key message.").is_visible()
    endorser_context.close()
    assert list(Endorsement.objects.values_list("organization__name", flat=True)) == ["Coastal Workers Union"]

    # The first revision arrives: the secretariat imports it from a file.
    revision = DeclarationVersion.objects.create(
        forum=zero.forum, kind=VersionKind.REVISION, number=1, date=zero.date.replace(month=3), published=True
    )
    upload = tmp_path / "revision-1.txt"
    upload.write_text(REVISION.replace("3. We", "4. We"), encoding="utf-8")
    admin.goto(url + f"/admin/declarations/declarationversion/{revision.pk}/import/")
    admin.set_input_files("#id_file", str(upload))
    admin.get_by_role("button", name="Import").click()
    admin.wait_for_load_state()
    assert admin.get_by_text("These paragraph numbers are missing: 3.").is_visible()
    accessibility["admin import page (error)"] = serious_violations(admin)
    upload.write_text(REVISION, encoding="utf-8")
    admin.set_input_files("#id_file", str(upload))
    admin.get_by_role("button", name="Import").click()
    admin.wait_for_url(f"**/admin/declarations/declarationversion/{revision.pk}/change/")
    assert revision.paragraphs.count() == 3
    accessibility["admin version with its paragraphs"] = serious_violations(admin)

    # It marks the message with the difference in view.
    admin.goto(url + f"/admin/declarations/declarationversion/{revision.pk}/mark/")
    inserted = admin.locator(f"#message-{message.pk} ins")
    assert inserted.first.text_content() == "inserted: , together with migrant-led organisations"
    accessibility["admin marking page"] = serious_violations(admin)
    ARTIFACTS.mkdir(exist_ok=True)
    admin.screenshot(path=str(ARTIFACTS / "declaration-03-marking.png"), full_page=True)
    admin.select_option(f"#id_m{message.pk}_fate", "reflected")
    admin.select_option(f"#id_m{message.pk}_paragraph", str(revision.paragraphs.get(number=2).pk))
    admin.get_by_role("button", name="Mark “Data with migrant-led organisations”").click()
    admin.wait_for_load_state()
    outcome = MessageOutcome.objects.get()
    assert (outcome.fate, outcome.paragraph.number) == ("reflected", 2)
    admin_context.close()

    # A visitor sees it on the paragraph page, and finds it from every public page.
    visitor_context = browser.new_context()
    visitor = visitor_context.new_page()
    visitor.goto(url + f"/forums/{year}/declaration/zero-draft/2/")
    row = visitor.get_by_role("row", name=re.compile("Data with migrant-led organisations"))
    assert "Reflected" in row.inner_text()
    assert "Migrant Data Alliance" in row.inner_text()
    accessibility["paragraph page"] = serious_violations(visitor)
    for name, path in [
        ("declaration", f"/forums/{year}/declaration/"),
        ("compare", f"/forums/{year}/declaration/compare/?from=zero-draft&to=revision-1"),
        ("compare (400)", f"/forums/{year}/declaration/compare/?from=nothing"),
        ("version", f"/forums/{year}/declaration/revision-1/"),
        ("message", f"/forums/{year}/declaration/messages/{message.pk}/"),
        ("organisations", f"/forums/{year}/declaration/organizations/"),
        ("organisation", f"/forums/{year}/declaration/organizations/{message.organization.slug}/"),
    ]:
        visitor.goto(url + path)
        accessibility[name] = serious_violations(visitor)
    visitor.goto(url + f"/forums/{year}/declaration/compare/?from=zero-draft&to=revision-1")
    screenshot_path = tmp_path / "compare.png"
    visitor.screenshot(path=str(screenshot_path), full_page=True)
    assert visitor.locator("table.compare ins").first.text_content() == "inserted: , together with migrant-led organisations"
    visitor_context.close()
    assert accessibility == {name: [] for name in accessibility}
