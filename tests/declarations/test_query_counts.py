"""Every list of the declaration's pages and exports costs the same number of queries at 1 row as
at 50 (the targets of the earlier design: declaration 6, version 3, paragraph 8, organisations 2,
organisation 9, exports 7, /my/declaration 13; these meet or beat them)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from declarations.enums import Fate
from declarations.models import Endorsement, MessageOutcome
from stakeholders.enums import AccreditationState
from stakeholders.models import Accreditation
from tests.declarations.factories import DeclarationVersionFactory, accredited, published_message, revision
from tests.helpers import clear_caches
from tests.stakeholders.factories import OrganizationFactory

pytestmark = pytest.mark.django_db

COUNTS = {
    "declaration": 4,
    "compare": 4,
    "version": 3,
    "paragraph": 8,
    "message": 7,
    "organizations": 2,
    "organization": 8,
    "csv": 7,
    "json": 7,
    "paragraphs_csv": 2,
    "paragraphs_json": 2,
    "mine": 10,
}


def build(rows):
    """One organisation with `rows` published messages, each endorsed by `rows` others and marked
    in the revision; `rows` other messages; `rows` + 1 paragraphs in each version."""
    zero = DeclarationVersionFactory(texts=[f"Paragraph text number {n}." for n in range(1, rows + 2)])
    new = revision(zero.forum, texts=[f"Paragraph text number {n}, revised." for n in range(1, rows + 2)])
    ours, our_user = accredited(zero.forum, name="Ours")
    others = OrganizationFactory.create_batch(rows)
    Accreditation.objects.bulk_create(
        Accreditation(organization=o, forum=zero.forum, kind="special", state=AccreditationState.APPROVED)
        for o in others
    )
    landing = new.paragraphs.get(number=2)
    mine = [published_message(version=zero, organization=ours) for _n in range(rows)]
    for other in others:
        published_message(version=zero, organization=other)
    Endorsement.objects.bulk_create(Endorsement(message=m, organization=o) for m in mine for o in others)
    MessageOutcome.objects.bulk_create(
        MessageOutcome(message=m, version=new, fate=Fate.REFLECTED, paragraph=landing) for m in mine
    )
    return {"forum": zero.forum, "user": our_user, "ours": ours, "message": mine[-1]}


URLS = {
    "declaration": "/forums/{year}/declaration/",
    "compare": "/forums/{year}/declaration/compare/?from=zero-draft&to=revision-1",
    "version": "/forums/{year}/declaration/zero-draft/",
    "paragraph": "/forums/{year}/declaration/zero-draft/2/",
    "message": "/forums/{year}/declaration/messages/{pk}/",
    "organizations": "/forums/{year}/declaration/organizations/",
    "organization": "/forums/{year}/declaration/organizations/{slug}/",
    "csv": "/forums/{year}/declaration/key-messages.csv",
    "json": "/forums/{year}/declaration/key-messages.json",
    "paragraphs_csv": "/forums/{year}/declaration/paragraphs.csv",
    "paragraphs_json": "/forums/{year}/declaration/paragraphs.json",
    "mine": "/my/declaration/{year}/",
}


def fetch(client, name, world):
    url = URLS[name].format(year=world["forum"].year, slug=world["ours"].slug, pk=world["message"].pk)
    response = client.get(url)
    assert response.status_code == 200
    if response.streaming:
        b"".join(response.streaming_content)
    return response


@pytest.mark.parametrize("rows", [1, 50])
def test_queries_do_not_grow_with_rows(client, rows):
    """Each page at `rows` rows: the same counts at 1 and at 50."""
    world = build(rows)
    counts = {}
    for name in URLS:
        if name == "mine":
            client.force_login(world["user"])
        clear_caches()
        with CaptureQueriesContext(connection) as queries:
            fetch(client, name, world)
        counts[name] = len(queries)
    assert counts == COUNTS
