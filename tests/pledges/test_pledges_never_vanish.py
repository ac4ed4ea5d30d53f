"""A pledge withdrawn or unpublished after publication keeps a public record: its page shows the
tombstone (and nothing private), the registry lists it on request, the exports keep it flagged."""

import csv
import io
import json

import jsonschema
import pytest
from django.utils import timezone

from pledges import services
from pledges.enums import PledgeState
from pledges.exports import COLUMNS, TOMBSTONE_COLUMNS, tombstone, tombstone_of
from pledges.models import Pledge
from pledges.registry.query import facet_counts
from pledges.registry.search import is_postgresql
from tests.helpers import clear_caches
from tests.pledges.factories import PledgeFactory, published
from tests.stakeholders.factories import OrganizationFactory, focal_point_of, member_of

pytestmark = pytest.mark.django_db

TEXT_MARK = "Confidential-text-marker " * 15


def body(response):
    return b"".join(response.streaming_content).decode("utf-8")


@pytest.fixture
def former(secretariat_user):
    """A published pledge, one withdrawn by its owner after publication with a reason, one the
    secretariat unpublished, and one withdrawn before it was ever published."""
    live = published(title="Still in the registry")
    org = OrganizationFactory(name="Harbour Alliance")
    withdrawn = published(
        title="Mobile clinics on the route",
        organization=org,
        text=TEXT_MARK,
        contact_email="private.contact@example.org",
    )
    services.set_pledge_state(
        withdrawn, PledgeState.WITHDRAWN, by=focal_point_of(org), reason="The funding ended."
    )
    unpublished = published(title="A duplicate pledge")
    services.set_pledge_state(
        unpublished, PledgeState.UNPUBLISHED, by=secretariat_user, reason="Duplicate of another pledge."
    )
    never = PledgeFactory(title="Withdrawn as a draft")
    services.set_pledge_state(never, PledgeState.WITHDRAWN, by=None)
    clear_caches()
    return live, withdrawn, unpublished, never


def test_querysets_keep_published_the_rule(former):
    live, withdrawn, unpublished, never = former
    assert list(Pledge.objects.published()) == [live]
    assert set(Pledge.objects.formerly_published()) == {withdrawn, unpublished}
    assert set(Pledge.objects.on_record()) == {live, withdrawn, unpublished}


def test_leaving_the_registry_records_when_and_why(former):
    _live, withdrawn, unpublished, _never = former
    withdrawn.refresh_from_db()
    unpublished.refresh_from_db()
    assert withdrawn.public_reason == "The funding ended."
    assert unpublished.public_reason == "Duplicate of another pledge."
    assert withdrawn.left_registry_at is not None
    assert withdrawn.left_registry_at <= timezone.now()


def test_republishing_clears_the_record(former, secretariat_user):
    _live, _withdrawn, unpublished, _never = former
    unpublished.refresh_from_db()
    services.set_pledge_state(unpublished, PledgeState.PUBLISHED, by=secretariat_user)
    unpublished.refresh_from_db()
    assert (unpublished.left_registry_at, unpublished.public_reason) == (None, "")


def test_the_tombstone_page_for_anonymous_and_another_organisation(client, former):
    _live, withdrawn, _unpublished, never = former
    stranger = member_of(OrganizationFactory())
    for who in (None, stranger):
        if who is not None:
            client.force_login(who)
        response = client.get(f"/pledges/{withdrawn.reference}/")
        assert response.status_code == 200
        assert [t.name for t in response.templates][0] == "pledges/tombstone.html"
        html = response.content.decode()
        for shown in (
            withdrawn.reference,
            "Mobile clinics on the route",
            "Harbour Alliance",
            "The funding ended.",
        ):
            assert shown in html
        for hidden in ("Confidential-text-marker", "private.contact@example.org", "Measured indicator"):
            assert hidden not in html
        # Never published: no record, as if it did not exist.
        assert client.get(f"/pledges/{never.reference}/").status_code == 404


def page_template(response):
    """The page's own template, not the parts of its body (rendered first, as a fragment)."""
    return [t.name for t in response.templates if "/_" not in t.name][0]


def test_owner_and_secretariat_still_see_the_full_page(client, former, secretariat_user):
    _live, withdrawn, _unpublished, _never = former
    client.force_login(focal_point_of(withdrawn.organization))
    response = client.get(f"/pledges/{withdrawn.reference}/")
    assert page_template(response) == "pledges/detail.html"
    assert "the public sees its record" in response.content.decode()
    client.force_login(secretariat_user)
    response = client.get(f"/pledges/{withdrawn.reference}/")
    assert page_template(response) == "pledges/detail.html"


def test_the_tombstone_holds_only_the_public_record(former):
    _live, withdrawn, _unpublished, _never = former
    withdrawn.refresh_from_db()
    assert set(tombstone(withdrawn, 2026)) == set(TOMBSTONE_COLUMNS)


def test_registry_lists_them_on_request_only(client, former):
    live, withdrawn, unpublished, _never = former
    default = client.get("/pledges/").content.decode()
    assert live.reference in default
    assert withdrawn.reference not in default
    included = client.get("/pledges/?former=on").content.decode()
    for pledge in (live, withdrawn, unpublished):
        assert pledge.reference in included
    assert "Confidential-text-marker" not in included
    assert 'name="former"' in included


def test_statistics_count_the_published_only(client, former):
    assert facet_counts()["counts"]["total"] == 1


def test_exports_keep_them_flagged(client, former):
    live, withdrawn, unpublished, _never = former
    rows = list(
        csv.DictReader(
            io.StringIO(body(client.get("/pledges/export.csv?former=on&sort=reference")).lstrip("\ufeff"))
        )
    )
    assert [r["reference"] for r in rows] == sorted(p.reference for p in (live, withdrawn, unpublished))
    by_ref = {r["reference"]: r for r in rows}
    assert (by_ref[live.reference]["state"], by_ref[live.reference]["left_registry"]) == (
        "published",
        "false",
    )
    gone = by_ref[withdrawn.reference]
    assert (gone["state"], gone["left_registry"], gone["reason"]) == (
        "withdrawn",
        "true",
        "The funding ended.",
    )
    assert gone["title"] == "Mobile clinics on the route"
    for name, _type, _desc in COLUMNS:
        if name not in TOMBSTONE_COLUMNS:
            assert gone[name] == "", name
    assert by_ref[unpublished.reference]["state"] == "unpublished"
    default = list(csv.DictReader(io.StringIO(body(client.get("/pledges/export.csv")).lstrip("\ufeff"))))
    assert [r["reference"] for r in default] == [live.reference]


def test_json_export_and_schema_take_the_records(client, former):
    live, withdrawn, _unpublished, _never = former
    data = json.loads(body(client.get("/pledges/export.json?former=on&sort=reference")))
    schema = json.loads(client.get("/pledges/schema.json").content)
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(data)
    gone = next(p for p in data["pledges"] if p["reference"] == withdrawn.reference)
    assert set(gone) == set(TOMBSTONE_COLUMNS)
    assert "text" not in gone
    assert (gone["state"], gone["left_registry"]) == ("withdrawn", True)


@pytest.mark.parametrize("n", [1, 30])
def test_query_counts_unchanged_with_former_pledges(client, django_assert_num_queries, secretariat_user, n):
    for i in range(n):
        pledge = published(title=f"Pledge {i}")
        if i % 2 == 0:
            services.set_pledge_state(pledge, PledgeState.UNPUBLISHED, by=secretariat_user, reason="Why.")
    clear_caches()
    with django_assert_num_queries(3):
        assert client.get("/pledges/?former=on").status_code == 200
    former = Pledge.objects.formerly_published().first()
    clear_caches()
    # The pledge's row (the page's first query, which reads the tombstone's fields) and its
    # forum's title: nothing of what a tombstone does not show.
    with django_assert_num_queries(2):
        assert client.get(f"/pledges/{former.reference}/").status_code == 200


@pytest.mark.page_cache
def test_a_change_to_the_record_shows_at_once(client, former, django_capture_on_commit_callbacks):
    """An unpublished pledge withdrawn (no publication involved) still changes its public page."""
    _live, _withdrawn, unpublished, _never = former
    url = f"/pledges/{unpublished.reference}/"
    assert "Duplicate of another pledge." in client.get(url).content.decode()
    assert client.get(url)["X-Page-Cache"] == "hit"
    unpublished.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        services.set_pledge_state(
            unpublished, PledgeState.WITHDRAWN, by=focal_point_of(unpublished.organization), reason="Merged."
        )
    html = client.get(url).content.decode()
    assert "Merged." in html
    assert "Withdrawn" in html


def test_a_search_does_not_find_a_former_pledge_by_its_text(client, former):
    live, withdrawn, _unpublished, _never = former
    html = client.get("/pledges/?former=on&q=Confidential-text-marker").content.decode()
    assert withdrawn.reference not in html
    csv_text = body(client.get("/pledges/export.csv?former=on&q=Confidential-text-marker"))
    assert withdrawn.reference not in csv_text


@pytest.mark.skipif(not is_postgresql(), reason="the title's and pledgers' matches need full-text search")
def test_a_search_finds_a_former_pledge_by_its_title(client, former):
    _live, withdrawn, _unpublished, _never = former
    assert withdrawn.reference in client.get("/pledges/?former=on&q=mobile+clinics").content.decode()
    assert withdrawn.reference not in client.get("/pledges/?q=mobile+clinics").content.decode()


def test_the_record_reads_no_field_beyond_the_tombstone_fields(former, django_assert_num_queries):
    """Built from a row holding only Pledge.TOMBSTONE_FIELDS, neither the page's record nor the
    export's loads another field (a deferred field would cost a query here)."""
    _live, withdrawn, _unpublished, _never = former
    others = [
        field.name
        for field in Pledge._meta.concrete_fields
        if not field.primary_key and field.attname not in Pledge.TOMBSTONE_FIELDS and field.name != "forum"
    ]
    pledge = Pledge.objects.select_related("forum", "member_state").defer(*others).get(pk=withdrawn.pk)
    with django_assert_num_queries(0):
        record = tombstone(pledge, 2026)
        page = tombstone_of(pledge)
    assert (record["reason"], page.reason, page.state) == (
        "The funding ended.",
        "The funding ended.",
        "withdrawn",
    )
