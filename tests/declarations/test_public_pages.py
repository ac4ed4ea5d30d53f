"""The public pages: versions, comparison of any two (bad or missing versions: 400 with the
reason), a paragraph with the messages addressed to it and their fate, a message, an
organisation's messages and what became of them; drafts are never shown."""

from types import SimpleNamespace as P

import pytest

from declarations.diff import align
from declarations.enums import Fate
from declarations.models import MessageOutcome
from tests.declarations.factories import (
    DeclarationVersionFactory,
    KeyMessageFactory,
    published_message,
    revision,
)
from tests.stakeholders.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    zero = DeclarationVersionFactory()
    new = revision(zero.forum, texts=["We reaffirm our commitment.", "We will improve the collection of timely data."])
    DeclarationVersionFactory(forum=zero.forum, kind="adopted", published=False)
    organization = OrganizationFactory(name="Data Alliance")
    message = published_message(version=zero, organization=organization, title="Data with migrants")
    KeyMessageFactory(version=zero, organization=organization, title="Secret draft")
    MessageOutcome.objects.create(message=message, version=new, fate=Fate.REFLECTED, paragraph=new.paragraphs.get(number=2))
    return {"year": zero.forum.year, "message": message, "organization": organization}


def page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status
    return response.content.decode()


def test_the_declaration_lists_published_versions_and_counts_per_objective(client, world):
    html = page(client, f"/forums/{world['year']}/declaration/")
    assert "Zero draft" in html
    assert "Revision 1" in html
    assert "Adopted text" not in html
    assert "?from=zero-draft&amp;to=revision-1" in html
    assert "1 published key message" in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "Say which version to compare from: add ?from= with one of: zero-draft, revision-1."),
        ("?from=zero-draft", "Say which version to compare to: add ?to= with one of: zero-draft, revision-1."),
        ("?from=zero-draft&to=adopted", "“adopted” is not a published version of this declaration; choose one of: zero-draft, revision-1."),
        ("?from=%3Cscript%3E&to=revision-1", "“&lt;script&gt;” is not a published version"),
    ],
)
def test_compare_refuses_bad_versions_with_a_400(client, world, query, message):
    html = page(client, f"/forums/{world['year']}/declaration/compare/{query}", status=400)
    assert message in html


def test_compare_shows_word_differences_side_by_side(client, world):
    html = page(client, f"/forums/{world['year']}/declaration/compare/?from=zero-draft&to=revision-1")
    assert '<ins><span class="visually-hidden">inserted: </span>timely</ins>' in html
    assert '<del><span class="visually-hidden">deleted: </span>disaggregated</del>' in html
    assert "(not in this version)" in html  # paragraph 3 of the zero draft has no counterpart


def test_the_paragraph_page_shows_the_messages_and_their_fate(client, world):
    html = page(client, f"/forums/{world['year']}/declaration/zero-draft/2/")
    assert "Data with migrants" in html
    assert "Secret draft" not in html
    assert "Reflected" in html
    assert f"/forums/{world['year']}/declaration/revision-1/2/" in html
    landed = page(client, f"/forums/{world['year']}/declaration/revision-1/2/")
    assert "Key messages that landed in this paragraph" in landed
    assert "Data with migrants" in landed
    page(client, f"/forums/{world['year']}/declaration/adopted/1/", status=404)
    page(client, f"/forums/{world['year']}/declaration/zero-draft/99/", status=404)


def test_the_organisation_page_and_the_message_page(client, world):
    slug = world["organization"].slug
    html = page(client, f"/forums/{world['year']}/declaration/organizations/{slug}/")
    assert "Data Alliance: our messages and what became of them" in html
    assert "Secret draft" not in html
    assert "Data Alliance" in page(client, f"/forums/{world['year']}/declaration/organizations/")
    html = page(client, f"/forums/{world['year']}/declaration/messages/{world['message'].pk}/")
    assert "Data with migrants" in html
    draft = world["organization"].key_messages.get(title="Secret draft")
    page(client, f"/forums/{world['year']}/declaration/messages/{draft.pk}/", status=404)
    page(client, f"/forums/{world['year']}/declaration/organizations/{OrganizationFactory().slug}/", status=404)


def test_an_inserted_paragraph_stands_alone_and_the_others_pair_by_text():
    old = [P(number=1, text="We reaffirm our commitment."), P(number=2, text="We will review progress at the next forum.")]
    new = [
        P(number=1, text="We reaffirm our commitment."),
        P(number=2, text="We will protect the human rights of migrants."),
        P(number=3, text="We will review progress at the next forum, with stakeholders."),
    ]
    pairs = [(row["old"].number if row["old"] else None, row["new"].number if row["new"] else None) for row in align(old, new)]
    assert pairs == [(1, 1), (None, 2), (2, 3)]
