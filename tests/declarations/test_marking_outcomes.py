"""For a new version the secretariat sees each message with the word-level difference between the
paragraph it addressed and the new version's paragraph most like it, and marks its fate and where
it landed; each mark logged and mailed."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.models import ActivityLog, OutboxMessage
from declarations import diff, services
from declarations.enums import Fate
from declarations.models import MessageOutcome
from tests.declarations.factories import DeclarationVersionFactory, accredited, published_message, revision

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    zero = DeclarationVersionFactory()
    new = revision(
        zero.forum,
        texts=[
            "We reaffirm our commitment to safe, orderly and regular migration.",
            "We will expand regular pathways for labour migration.",
            "We will improve the collection of disaggregated data on migration with migrant-led organisations.",
        ],
    )
    organization, user = accredited(zero.forum, name="Ours")
    message = published_message(version=zero, organization=organization)
    return {"zero": zero, "new": new, "message": message, "user": user}


def test_word_diff_marks_inserted_and_deleted_words():
    old, new, inline = diff.word_diff("We will collect data now.", "We will improve data collection now.")
    assert str(old) == 'We will <del><span class="visually-hidden">deleted: </span>collect</del> data now.'
    assert str(new) == (
        'We will <ins><span class="visually-hidden">inserted: </span>improve</ins> data '
        '<ins><span class="visually-hidden">inserted: </span>collection</ins> now.'
    )
    assert str(inline) == (
        'We will <del><span class="visually-hidden">deleted: </span>collect</del> '
        '<ins><span class="visually-hidden">inserted: </span>improve</ins> data '
        '<ins><span class="visually-hidden">inserted: </span>collection</ins> now.'
    )
    # Punctuation is a token of its own: "migration." keeps its word when words follow it.
    assert str(diff.word_diff("on migration.", "on migration with us.")[1]) == (
        'on migration <ins><span class="visually-hidden">inserted: </span>with us</ins>.'
    )
    assert str(diff.word_diff("<b>", "<i>")[2]).count("&lt;") == 1


def test_mark_outcome_is_logged_and_corrected(world, secretariat_user):
    message, new = world["message"], world["new"]
    landing = new.paragraphs.get(number=3)
    services.mark_outcome(message, new, fate=Fate.PARTLY_REFLECTED, paragraph=landing, by=secretariat_user)
    services.mark_outcome(message, new, fate=Fate.REFLECTED, paragraph=landing, by=secretariat_user)
    outcome = MessageOutcome.objects.get()
    assert (outcome.fate, outcome.paragraph, outcome.marked_by) == (Fate.REFLECTED, landing, secretariat_user)
    rows = list(
        ActivityLog.objects.for_object(outcome).order_by("pk").values_list("action", "old_state", "new_state", "note")
    )
    assert rows == [
        ("message_outcome.fate", "", Fate.PARTLY_REFLECTED, "paragraph 3"),
        ("message_outcome.fate", Fate.PARTLY_REFLECTED, Fate.REFLECTED, "paragraph 3"),
    ]
    assert OutboxMessage.objects.filter(recipient=world["user"].email).count() == 2


def test_reflected_needs_a_paragraph_of_the_new_version(world, secretariat_user):
    message, new, zero = world["message"], world["new"], world["zero"]
    with pytest.raises(ValidationError):
        services.mark_outcome(message, new, fate=Fate.REFLECTED, by=secretariat_user)
    with pytest.raises(ValidationError):
        services.mark_outcome(message, new, fate=Fate.REFLECTED, paragraph=zero.paragraphs.first(), by=secretariat_user)
    with pytest.raises(PermissionDenied):
        services.mark_outcome(message, new, fate=Fate.NOT_REFLECTED, by=world["user"])
    assert MessageOutcome.objects.count() == 0


def test_the_marking_page_shows_the_diff_and_marks(secretariat_client, world):
    message, new = world["message"], world["new"]
    url = f"/admin/declarations/declarationversion/{new.pk}/mark/"
    html = secretariat_client.get(url).content.decode()
    # Paragraph 2 of the zero draft matched to paragraph 3 of the revision, its closest.
    assert "paragraph 3" in html
    assert 'on migration <ins><span class="visually-hidden">inserted: </span>with migrant-led organisations</ins>.' in html
    response = secretariat_client.post(url, {"message": message.pk, "fate": Fate.REFLECTED, "paragraph": ""})
    assert response.status_code == 200
    assert "Say in which paragraph of the new version the message landed." in response.content.decode()
    assert MessageOutcome.objects.count() == 0
    landing = new.paragraphs.get(number=3)
    response = secretariat_client.post(url, {"message": message.pk, "fate": Fate.REFLECTED, "paragraph": landing.pk})
    assert response.status_code == 302
    outcome = MessageOutcome.objects.get()
    assert (outcome.message, outcome.version, outcome.fate, outcome.paragraph) == (message, new, Fate.REFLECTED, landing)
